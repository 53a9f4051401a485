import Foundation

/// Money and numbers written for people, from the exact decimal strings of the API (no
/// floating point on the way).
public enum MoneyText {
    /// `150,000.00 EUR` from `{"amount": "150000.00", "currency": "EUR"}`.
    public static func format(_ amount: Amount) -> String {
        "\(group(amount.amount)) \(amount.currency)"
    }

    /// `150,000.00 EUR`, or `-` when there is no amount.
    public static func format(_ amount: Amount?) -> String {
        amount.map(format) ?? "-"
    }

    /// Thousands separators for a decimal string: `-1234567.5` → `-1,234,567.5`. Text that is
    /// not a plain decimal comes back unchanged.
    public static func group(_ decimal: String) -> String {
        var text = Substring(decimal)
        var sign = ""
        if let first = text.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
            parts.count == 1 || parts[1].allSatisfy(\.isASCIIDigit)
        else { return decimal }
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count == 2 ? "." + parts[1] : "")
    }

    /// `1,234` for a count.
    public static func count(_ value: Int) -> String {
        group(String(value))
    }

    /// `66.7%` for a rate of 0–1.
    public static func percent(_ rate: Double) -> String {
        let tenths = (rate * 1000).rounded()
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths)) % 10
        return "\(whole).\(fraction)%"
    }

    /// Normalises an amount a person typed: `120,000`, `120_000.5` or `120000` → `120000`,
    /// `120000.5`; `nil` when it is not a non-negative decimal.
    public static func parseAmount(_ text: String) -> String? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).filter { $0 != "," && $0 != "_" }
        let parts = cleaned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit) else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        return cleaned
    }
}

extension Character {
    /// `0`–`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

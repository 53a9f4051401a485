/// An audit payload in one line for a table: a few `key=value` pairs, cut to a width.
///
/// Nested objects become dotted keys (`policy.version=1`), an amount becomes
/// `limit="250,000.00 EUR"`, arrays of scalars `a,b`. Left out: nulls, digests (64 hex
/// characters; `audit show` has them) and a value that only repeats the entry's subject id.
/// The keys that say what happened come first (``leadingKeys``), then the rest sorted.
public enum PayloadSummary {
    /// Keys shown before the others, in this order, wherever they are nested.
    public static let leadingKeys = [
        "outcome", "status", "credit_status", "made_by", "limit", "terms_code", "tier", "reason_codes", "role",
        "name", "version", "entries",
    ]

    /// The summary in at most `width` display columns: as many whole pairs as fit, then `…`
    /// (a single pair too long for the width is cut itself).
    /// - Parameter subjectID: The entry's subject id, left out of the pairs.
    public static func text(_ payload: JSONNode, subjectID: String, width: Int) -> String {
        let all = pairs(payload, subjectID: subjectID)
        let joined = all.joined(separator: " ")
        guard DisplayWidth.of(joined) > width else { return joined }
        var kept: [String] = []
        var used = 0
        for pair in all {
            let next = used + (kept.isEmpty ? 0 : 1) + DisplayWidth.of(pair)
            // Room for the pair and then " …".
            guard next + 2 <= width else { break }
            kept.append(pair)
            used = next
        }
        guard !kept.isEmpty else { return DisplayWidth.truncate(joined, to: width) }
        return kept.joined(separator: " ") + " …"
    }

    /// Every `key=value` pair, in the summary's order.
    public static func pairs(_ payload: JSONNode, subjectID: String) -> [String] {
        var flat: [(key: String, value: String)] = []
        flatten(payload, key: "", into: &flat)
        flat.removeAll { $0.value == subjectID || isDigest($0.value) }
        func rank(_ key: String) -> Int {
            let last = key.split(separator: ".").last.map(String.init) ?? key
            return leadingKeys.firstIndex(of: key) ?? leadingKeys.firstIndex(of: last).map { $0 + 100 } ?? 1_000
        }
        let ordered = flat.enumerated().sorted { a, b in
            let (ra, rb) = (rank(a.element.key), rank(b.element.key))
            return ra != rb ? ra < rb : a.offset < b.offset
        }
        return ordered.map { "\($0.element.key)=\(quoted($0.element.value))" }
    }

    private static func flatten(_ node: JSONNode, key: String, into flat: inout [(key: String, value: String)]) {
        switch node {
        case .null:
            return
        case .object(let members):
            if let amount = members["amount"], let currency = members["currency"], members.count == 2,
                case .string(let text) = amount, case .string(let code) = currency
            {
                flat.append((key, MoneyText.format(Amount(amount: text, currency: code))))
                return
            }
            for name in members.keys.sorted() {
                flatten(members[name]!, key: key.isEmpty ? name : "\(key).\(name)", into: &flat)
            }
        case .array(let values):
            guard !values.isEmpty else { return }
            let scalars = values.allSatisfy {
                switch $0 {
                case .array, .object: false
                default: true
                }
            }
            flat.append((key, scalars ? values.map(\.compactText).joined(separator: ",") : node.jsonText))
        default:
            flat.append((key.isEmpty ? "value" : key, node.compactText))
        }
    }

    /// A SHA-256 in hex.
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// A value with a blank, a quote or `=` goes in double quotes.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return value
        }
        return JSONNode.quoted(value)
    }
}

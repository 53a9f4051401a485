/// Lowercase hex, the form chain hashes are stored and reported in.
enum Hex {
    /// Lowercase hex of `bytes`.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(CanonicalWriter.hexDigits[Int(byte >> 4)])
            out.append(CanonicalWriter.hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a lowercase hex string of exactly `count` bytes; nil for anything else
    /// (uppercase included, so that one hash has one text).
    static func decode(_ text: some StringProtocol, count: Int) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 2 * count else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for k in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[k]), let low = value(digits[k + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }
}

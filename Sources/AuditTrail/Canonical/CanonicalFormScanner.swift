/// Decides whether UTF-8 text is already in canonical form, in one pass and without building
/// values: the fast path behind ``CanonicalJSON/isCanonical(_:)``.
///
/// Canonical means byte-identical to `CanonicalJSON.encode(CanonicalJSON.parse(text))`, so the
/// scanner accepts exactly: no whitespace; `true`, `false`, `null`; integers as `0` or
/// `-?[1-9][0-9]*` within ±(2^53−1) (so no `-0`); strings whose only escapes are `\"`, `\\`,
/// `\b`, `\f`, `\n`, `\r`, `\t` and `\u00xx` (lowercase) for the other controls; object keys
/// in strictly increasing UTF-16 order (which also rules out duplicates); nesting at most
/// ``CanonicalJSON/maxDepth`` levels.
///
/// One case it cannot settle alone: two distinct non-ASCII keys that Swift treats as the same
/// `String` (canonical equivalence) make the parser report a duplicate. So when a key holds a
/// non-ASCII byte, ``needsFullCheck`` is set and the caller confirms with a full parse.
/// Reads the UTF-8 of a Swift `String`, which is always well formed.
struct CanonicalFormScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Set when some key has a non-ASCII byte (see the type's documentation).
    var needsFullCheck = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// True when the whole input is one value in canonical form.
    mutating func scanDocument() -> Bool {
        scanValue(depth: 0) && index == bytes.count
    }

    mutating func scanValue(depth: Int) -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "{"): return scanObject(depth: depth + 1)
        case UInt8(ascii: "["): return scanArray(depth: depth + 1)
        case UInt8(ascii: "\""): return scanString() != nil
        case UInt8(ascii: "t"): return scanLiteral("true")
        case UInt8(ascii: "f"): return scanLiteral("false")
        case UInt8(ascii: "n"): return scanLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return scanInteger()
        default: return false
        }
    }

    mutating func scanLiteral(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let p = word.utf8Start
        for k in 0..<count where bytes[index + k] != p[k] { return false }
        index += count
        return true
    }

    mutating func scanObject(depth: Int) -> Bool {
        guard depth <= CanonicalJSON.maxDepth else { return false }
        index += 1
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return true
        }
        var previousKey: Range<Int>? = nil
        while true {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
            guard let key = scanString(isKey: true) else { return false }
            if let previousKey, !keyPrecedes(previousKey, key) { return false }
            previousKey = key
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            guard scanValue(depth: depth), index < bytes.count else { return false }
            let c = bytes[index]
            index += 1
            if c == UInt8(ascii: ",") { continue }
            return c == UInt8(ascii: "}")
        }
    }

    mutating func scanArray(depth: Int) -> Bool {
        guard depth <= CanonicalJSON.maxDepth else { return false }
        index += 1
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            return true
        }
        while true {
            guard scanValue(depth: depth), index < bytes.count else { return false }
            let c = bytes[index]
            index += 1
            if c == UInt8(ascii: ",") { continue }
            return c == UInt8(ascii: "]")
        }
    }

    mutating func scanInteger() -> Bool {
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            // "-0" parses as 0, which is written "0".
            guard index < bytes.count, bytes[index] >= UInt8(ascii: "1"), bytes[index] <= UInt8(ascii: "9") else { return false }
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            return index == bytes.count || !isDigit(bytes[index])
        }
        var magnitude: Int64 = 0
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            digits += 1
            guard digits <= 16 else { return false }
            magnitude = magnitude * 10 + Int64(bytes[index] &- 48)
            index += 1
        }
        // A following '.', 'e' or 'E' is refused by the caller, which expects ',', ']', '}' or the end.
        return digits > 0 && magnitude <= CanonicalValue.maxSafeInteger
    }

    @inline(__always)
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Scans a string in canonical form; returns the range between the quotes, or nil.
    mutating func scanString(isKey: Bool = false) -> Range<Int>? {
        index += 1
        let start = index
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            if c < 0x20 { return nil }
            if c >= 0x80 && isKey { needsFullCheck = true }
            if c == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                    continue
                case UInt8(ascii: "u"):
                    guard let value = controlEscape(at: index), value < 0x20, !Self.hasShortEscape(value) else { return nil }
                    index += 6
                    continue
                default:
                    return nil
                }
            }
            index += 1
        }
        return nil
    }

    /// Controls that are written with a two-character escape rather than `\u00xx`.
    @inline(__always)
    static func hasShortEscape(_ c: UInt8) -> Bool {
        c == 0x08 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D
    }

    /// The byte of a `\u00xx` escape at `offset` written with lowercase hex, or nil.
    func controlEscape(at offset: Int) -> UInt8? {
        guard offset + 6 <= bytes.count, bytes[offset + 2] == UInt8(ascii: "0"), bytes[offset + 3] == UInt8(ascii: "0") else { return nil }
        guard let high = lowerHex(bytes[offset + 4]), let low = lowerHex(bytes[offset + 5]) else { return nil }
        return high << 4 | low
    }

    @inline(__always)
    func lowerHex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - 87
        default: nil
        }
    }

    /// True when the key between the quotes at `a` sorts strictly before the one at `b`,
    /// comparing the unescaped text in UTF-16 order.
    func keyPrecedes(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        var i = a.lowerBound
        var j = b.lowerBound
        while true {
            guard i < a.upperBound else { return j < b.upperBound }
            guard j < b.upperBound else { return false }
            let x = unescapedByte(at: &i)
            let y = unescapedByte(at: &j)
            if x != y { return CanonicalKeyOrder.bytePrecedes(x, y) }
        }
    }

    /// The next byte of the unescaped text (escapes in canonical strings stand for one byte).
    @inline(__always)
    func unescapedByte(at position: inout Int) -> UInt8 {
        let c = bytes[position]
        guard c == UInt8(ascii: "\\") else {
            position += 1
            return c
        }
        let e = bytes[position + 1]
        position += 2
        switch e {
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0C
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "u"):
            position += 4
            return controlEscape(at: position - 6)!
        default: return e  // '"' or '\'
        }
    }
}

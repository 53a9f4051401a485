/// Writes compact JSON into a byte buffer with a fixed member order, so the same values
/// always give the same bytes. Numbers are written exactly from ``ExactDecimal``.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] = []
    /// Bit `depth` says whether the container open at that depth already has an element
    /// (so the next one needs a comma). 64 levels, the parser's nesting limit.
    private var commaBits: UInt64 = 0
    private var depth: UInt64 = 0

    /// Creates an empty writer.
    public init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    /// The output as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    private mutating func separator() {
        let bit: UInt64 = 1 << (depth & 63)
        if commaBits & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        commaBits |= bit
    }

    @inline(__always)
    private mutating func open(_ c: UInt8) {
        separator()
        bytes.append(c)
        depth += 1
        commaBits &= ~(1 << (depth & 63))
    }

    @inline(__always)
    private mutating func close(_ c: UInt8) {
        depth -= 1
        bytes.append(c)
    }

    /// Opens an object (as a value or array element).
    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    /// Closes the current object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array.
    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    /// Closes the current array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes a member name; the next write is its value.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        commaBits &= ~(1 << (depth & 63))
    }

    /// Writes a member name from a runtime string (escaped as needed).
    public mutating func dynamicKey(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        commaBits &= ~(1 << (depth & 63))
    }

    /// Writes `null`.
    public mutating func null() {
        separator()
        bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    }

    /// Writes a boolean.
    public mutating func bool(_ value: Bool) {
        separator()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        }
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separator()
        if value == 0 {
            bytes.append(48)
            return
        }
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &tmp) { raw in
            var n = 0
            while v > 0 {
                raw[n] = UInt8(v % 10) + 48
                v /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                bytes.append(raw[n])
            }
        }
    }

    /// Writes a number exactly (canonical form, no trailing zeros).
    public mutating func number(_ value: ExactDecimal) {
        separator()
        value.normalized.appendPlainText(to: &bytes)
    }

    /// Writes a string, escaped per RFC 8259.
    public mutating func string(_ value: String) {
        separator()
        var value = value
        value.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            // Copy runs that need no escaping in one go; most strings are one run. Eight bytes
            // at a time are tested for '"', '\\' and control characters (SWAR).
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                if i + 8 <= n {
                    let word = UnsafeRawPointer(utf8.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if !Self.mayNeedEscape(word) {
                        i += 8
                        continue
                    }
                }
                let c = utf8[i]
                i += 1
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                if runStart < i - 1 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<(i - 1)])) }
                runStart = i
                switch c {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex: StaticString = "0123456789abcdef"
                    let h = hex.utf8Start
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, h[Int(c >> 4)], h[Int(c & 0xF)]])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// True when some byte of `word` may be '"', '\\' or below 0x20 (no false negatives).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
        let control = (word &- ones &* 0x20) & ~word & high != 0  // some byte < 0x20
        return control || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

    /// Appends bytes that are already a complete JSON value (a pre-encoded fragment).
    public mutating func raw(_ encoded: [UInt8]) {
        separator()
        bytes.append(contentsOf: encoded)
    }

    /// Encodes `body` into standalone JSON bytes (for fragments built once and reused).
    public static func encode(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        body(&w)
        return w.bytes
    }

    /// Writes a whole ``JSONValue`` (object members in their stored order).
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                dynamicKey(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }
}

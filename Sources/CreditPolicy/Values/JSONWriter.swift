/// Writes compact JSON into a byte buffer with a fixed member order, so the same values
/// always give the same bytes. Numbers are written exactly from ``ExactDecimal``.
/// Writes compact JSON into a byte buffer with a fixed member order, so the same values
/// always give the same bytes. Numbers are written exactly from ``ExactDecimal``.
///
/// The buffer is raw memory owned by the writer (hence non-copyable): appends are `memcpy`s
/// with no copy-on-write checks, which matters on the decision hot path.
public struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Number of bytes written.
    public private(set) var count = 0
    /// Bit `depth` says whether the container open at that depth already has an element
    /// (so the next one needs a comma). 64 levels, the parser's nesting limit.
    private var commaBits: UInt64 = 0
    private var depth: UInt64 = 0
    private var lastTimestamp = Timestamp(microseconds: .min)
    private var lastTimestampText: [UInt8] = []

    /// Creates an empty writer.
    public init(capacity: Int = 512) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The output as a string.
    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Calls `body` with the bytes written so far, without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// Ends a top-level value with a newline (JSON Lines); the next value starts fresh.
    public mutating func endLine() {
        append(0x0A)
        commaBits = 0
        depth = 0
    }

    /// Forgets everything written, keeping the memory.
    public mutating func removeAll() {
        count = 0
        commaBits = 0
        depth = 0
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    private mutating func separator() {
        let bit: UInt64 = 1 << (depth & 63)
        if commaBits & bit != 0 { append(UInt8(ascii: ",")) }
        commaBits |= bit
    }

    @inline(__always)
    private mutating func open(_ c: UInt8) {
        separator()
        append(c)
        depth += 1
        commaBits &= ~(1 << (depth & 63))
    }

    @inline(__always)
    private mutating func close(_ c: UInt8) {
        depth -= 1
        append(c)
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
        reserve(name.utf8CodeUnitCount + 3)
        base[count] = UInt8(ascii: "\"")
        (base + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        base[count] = UInt8(ascii: "\"")
        base[count + 1] = UInt8(ascii: ":")
        count += 2
        commaBits &= ~(1 << (depth & 63))
    }

    /// Writes a member name from a runtime string (escaped as needed).
    public mutating func dynamicKey(_ name: String) {
        string(name)
        append(UInt8(ascii: ":"))
        commaBits &= ~(1 << (depth & 63))
    }

    /// Writes `null`.
    public mutating func null() {
        separator()
        let word: StaticString = "null"
        append(UnsafeBufferPointer(start: word.utf8Start, count: 4))
    }

    /// Writes a boolean.
    public mutating func bool(_ value: Bool) {
        separator()
        let word: StaticString = value ? "true" : "false"
        append(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        separator()
        appendInt(value)
    }

    /// The digits of an integer, with no separator (for writers that place their own punctuation).
    mutating func appendInt(_ value: Int) {
        reserve(21)
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var v = value.magnitude
        var digits = 1
        var probe = v
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        var i = count + digits - 1
        repeat {
            base[i] = UInt8(v % 10) &+ 48
            v /= 10
            i -= 1
        } while v > 0
        count += digits
    }

    /// Writes a number exactly (canonical form, no trailing zeros).
    public mutating func number(_ value: ExactDecimal) {
        separator()
        value.normalized.withPlainText { append($0) }
    }

    /// Writes a decimal as a string with exactly `fractionDigits` places (`"25000.00"`), as
    /// money amounts are written.
    public mutating func decimalString(_ value: ExactDecimal, fractionDigits: Int) {
        separator()
        append(UInt8(ascii: "\""))
        value.withFixedText(fractionDigits: fractionDigits) { append($0) }
        append(UInt8(ascii: "\""))
    }

    /// Writes a timestamp as an RFC 3339 string. A run of decisions shares one clock, so the
    /// last text is kept and reused.
    public mutating func timestamp(_ value: Timestamp) {
        separator()
        appendTimestamp(value)
    }

    /// A timestamp as a JSON string, with no separator.
    mutating func appendTimestamp(_ value: Timestamp) {
        if value != lastTimestamp {
            lastTimestamp = value
            lastTimestampText = value.withText { Array($0) }
        }
        reserve(lastTimestampText.count + 2)
        append(UInt8(ascii: "\""))
        append(lastTimestampText)
        append(UInt8(ascii: "\""))
    }

    /// Writes a string, escaped per RFC 8259.
    public mutating func string(_ value: String) {
        separator()
        var value = value
        value.withUTF8 { utf8 in
            reserve(utf8.count + 2)
            append(UInt8(ascii: "\""))
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
                if runStart < i - 1 { append(UnsafeBufferPointer(rebasing: utf8[runStart..<(i - 1)])) }
                runStart = i
                switch c {
                case UInt8(ascii: "\""): append([0x5C, 0x22])
                case UInt8(ascii: "\\"): append([0x5C, 0x5C])
                case 0x0A: append([0x5C, UInt8(ascii: "n")])
                case 0x0D: append([0x5C, UInt8(ascii: "r")])
                case 0x09: append([0x5C, UInt8(ascii: "t")])
                default:
                    let hex: StaticString = "0123456789abcdef"
                    let h = hex.utf8Start
                    append([0x5C, 0x75, 0x30, 0x30, h[Int(c >> 4)], h[Int(c & 0xF)]])
                }
            }
            if runStart < n { append(UnsafeBufferPointer(rebasing: utf8[runStart...])) }
            append(UInt8(ascii: "\""))
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

    /// Appends fixed JSON text verbatim, ending in key position (like ``key(_:)``: the next
    /// value gets no comma). For writers that emit known member names and punctuation in one
    /// piece, commas included; the caller owns keeping the output valid JSON.
    public mutating func literal(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        commaBits &= ~(1 << (depth & 63))
    }

    /// Appends bytes that are already a complete JSON value (a pre-encoded fragment).
    public mutating func raw(_ encoded: [UInt8]) {
        separator()
        append(encoded)
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

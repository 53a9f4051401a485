/// A strict RFC 8259 parser into ``CanonicalValue``: whole numbers within ±(2^53−1) only, no
/// duplicate keys, no lone surrogates, nesting at most ``CanonicalJSON/maxDepth`` levels.
///
/// Reads the UTF-8 of a Swift `String`, which is always well formed, so it does not validate
/// UTF-8 itself.
///
/// Deliberately not CreditPolicy's `JSONParser`, though both are strict RFC 8259 readers: the
/// audit trail must be verifiable on its own (an auditor's tool needs only this module), and
/// what it accepts must never move when the policy engine's input reading changes (that one
/// reads exact decimals, which canonical audit payloads never contain).
struct CanonicalParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses a whole document: one value, optionally surrounded by whitespace.
    mutating func parseDocument() throws(CanonicalJSONError) -> CanonicalValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index < bytes.count { throw error("unexpected text after the JSON value") }
        return value
    }

    func error(_ reason: String) -> CanonicalJSONError {
        CanonicalJSONError(offset: index, reason: reason)
    }

    func error(_ reason: String, at offset: Int) -> CanonicalJSONError {
        CanonicalJSONError(offset: offset, reason: reason)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let c = bytes[index]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            index += 1
        }
    }

    mutating func parseValue(depth: Int) throws(CanonicalJSONError) -> CanonicalValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger())
        default:
            throw error("unexpected character, expected a value")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(CanonicalJSONError) {
        let count = word.utf8CodeUnitCount
        let p = word.utf8Start
        for k in 0..<count where index + k >= bytes.count || bytes[index + k] != p[k] {
            throw error("invalid literal")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(CanonicalJSONError) -> CanonicalValue {
        if depth > CanonicalJSON.maxDepth { throw error("nesting deeper than \(CanonicalJSON.maxDepth) levels") }
        index += 1
        var members: [String: CanonicalValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes")
            }
            let keyOffset = index
            let key = try parseString()
            // Swift keys match under canonical equivalence, so "é" spelled two ways is a duplicate too.
            if members.index(forKey: key) != nil { throw error("duplicate member name", at: keyOffset) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            members[key] = try parseValue(depth: depth)
            if try moreElements(closing: UInt8(ascii: "}")) { continue }
            return .object(members)
        }
    }

    mutating func parseArray(depth: Int) throws(CanonicalJSONError) -> CanonicalValue {
        if depth > CanonicalJSON.maxDepth { throw error("nesting deeper than \(CanonicalJSON.maxDepth) levels") }
        index += 1
        var items: [CanonicalValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            if try moreElements(closing: UInt8(ascii: "]")) { continue }
            return .array(items)
        }
    }

    /// After an element: consumes `,` and returns true, or consumes the closing bracket and returns false.
    mutating func moreElements(closing close: UInt8) throws(CanonicalJSONError) -> Bool {
        skipWhitespace()
        let inObject = close == UInt8(ascii: "}")
        guard index < bytes.count else {
            throw error(inObject ? "unexpected end of input in an object" : "unexpected end of input in an array")
        }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        if bytes[index] == close {
            index += 1
            return false
        }
        throw error(inObject ? "expected ',' or '}'" : "expected ',' or ']'")
    }

    /// `-?(0|[1-9][0-9]*)` within ±(2^53−1); fractions and exponents are refused.
    mutating func parseInteger() throws(CanonicalJSONError) -> Int64 {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
        if bytes[index] == UInt8(ascii: "0"), index + 1 < bytes.count, isDigit(bytes[index + 1]) {
            throw error("invalid number: leading zero", at: start)
        }
        var magnitude: Int64 = 0
        var tooLarge = false
        while index < bytes.count, isDigit(bytes[index]) {
            if !tooLarge {
                magnitude = magnitude * 10 + Int64(bytes[index] &- 48)
                tooLarge = magnitude > CanonicalValue.maxSafeInteger
            }
            index += 1
        }
        if index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: ".") { throw error("fractions are not allowed; send decimals as strings", at: start) }
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                throw error("exponents are not allowed; write whole numbers in plain digits", at: start)
            }
        }
        if tooLarge { throw error("integer outside ±(2^53−1); send it as a string", at: start) }
        return negative ? -magnitude : magnitude
    }

    @inline(__always)
    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    mutating func parseString() throws(CanonicalJSONError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the text between the quotes is the string.
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in a string; escape it") }
            index += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in a string; escape it") }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                index += 1
                continue
            }
            let escapeOffset = index
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("lone low surrogate in a \\u escape", at: escapeOffset)
                }
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("lone high surrogate in a \\u escape", at: escapeOffset)
                    }
                    index += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw error("lone high surrogate in a \\u escape", at: escapeOffset) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                // Every non-surrogate value up to 0x10FFFF is a scalar.
                appendUTF8(Unicode.Scalar(scalar)!, to: &out)
            default:
                throw error("invalid escape sequence", at: escapeOffset)
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    mutating func hex4() throws(CanonicalJSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[index + k]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - 55)
            default: throw error("expected four hex digits after \\u")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }
}

/// A strict RFC 8259 JSON parser that reads numbers as ``ExactDecimal`` (never `Double`).
///
/// Written by hand because no maintained Swift package parses JSON numbers exactly at the
/// speed the policy engine needs (see BENCHMARKS.md). It refuses duplicate keys, nesting
/// deeper than ``maxDepth`` and numbers outside ``ExactDecimal``'s range.
public struct JSONParser {
    /// Deepest nesting accepted.
    public static let maxDepth = 64

    /// A syntax error with its position.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        public var message: String
        /// Byte offset from the start of the input.
        public var offset: Int
        /// 1-based line.
        public var line: Int
        /// 1-based column (in bytes).
        public var column: Int

        /// `line:column: message`.
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses one JSON document from UTF-8 bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> JSONValue {
        var parser = Cursor(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, SyntaxError> = text.withUTF8 { buffer in
            do throws(SyntaxError) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses one JSON document from bytes.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        let result: Result<JSONValue, SyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(SyntaxError) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        func error(_ message: String) -> SyntaxError {
            error(message, at: index)
        }

        func error(_ message: String, at offset: Int) -> SyntaxError {
            var line = 1
            var lineStart = 0
            var i = 0
            let end = Swift.min(offset, bytes.count)
            while i < end {
                if bytes[i] == 10 {
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
            return SyntaxError(message: message, offset: offset, line: line, column: offset - lineStart + 1)
        }

        /// At the start of a container's contents: skips whitespace and, when the container is
        /// empty, consumes its closing bracket and returns true.
        @inline(__always)
        mutating func closesEmpty(_ close: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == close else { return false }
            index += 1
            return true
        }

        /// After an element of an object (`}`) or array (`]`): consumes `,` and returns true
        /// when another element follows, or consumes the closing bracket and returns false.
        @inline(__always)
        mutating func moreElements(closing close: UInt8) throws(SyntaxError) -> Bool {
            skipWhitespace()
            guard index < bytes.count else {
                throw error(close == UInt8(ascii: "}") ? "unexpected end of input in an object" : "unexpected end of input in an array")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                return true
            }
            if bytes[index] == close {
                index += 1
                return false
            }
            throw error(close == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'")
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while index < bytes.count {
                let c = bytes[index]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 } else { return }
            }
        }

        mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONValue {
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
                return .number(try parseNumber())
            default:
                throw error("unexpected character, expected a value")
            }
        }

        mutating func expectLiteral(_ word: StaticString) throws(SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw error("invalid literal") }
            let p = word.utf8Start
            for k in 0..<count where bytes[index + k] != p[k] { throw error("invalid literal") }
            index += count
        }

        mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONValue {
            if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
            index += 1
            var members: [JSONValue.Member] = []
            members.reserveCapacity(8)
            // Keys seen, hashed once an object grows past a few members (a linear scan is
            // quadratic for hostile objects with thousands of keys).
            var keySet: Set<String> = []
            if closesEmpty(UInt8(ascii: "}")) {
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw error("expected a member name in double quotes")
                }
                let keyOffset = index
                let key = try parseString()
                if members.count < 16 {
                    for m in members where m.key == key { throw error("duplicate member name", at: keyOffset) }
                } else {
                    if keySet.isEmpty { keySet = Set(members.map(\.key)) }
                    guard keySet.insert(key).inserted else { throw error("duplicate member name", at: keyOffset) }
                }
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                skipWhitespace()
                let value = try parseValue(depth: depth)
                members.append(JSONValue.Member(key, value))
                if try moreElements(closing: UInt8(ascii: "}")) { continue }
                return .object(members)
            }
        }

        mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONValue {
            if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth) levels") }
            index += 1
            var items: [JSONValue] = []
            if closesEmpty(UInt8(ascii: "]")) {
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth))
                if try moreElements(closing: UInt8(ascii: "]")) { continue }
                return .array(items)
            }
        }

        mutating func parseNumber() throws(SyntaxError) -> ExactDecimal {
            if let fast = parseSimpleNumber() { return fast }
            return try parseNumberChecked()
        }

        /// One pass over an everyday number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 18
        /// digits and no exponent. Anything else returns `nil` with the cursor unmoved, and the
        /// full parser reads it (and reports what is wrong).
        @inline(__always)
        mutating func parseSimpleNumber() -> ExactDecimal? {
            var i = index
            let n = bytes.count
            var negative = false
            if bytes[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            }
            guard i < n else { return nil }
            var digits = 0
            var value: UInt64 = 0
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
                digits = 1
                if i < n, isDigit(bytes[i]) { return nil }
            } else {
                while i < n, isDigit(bytes[i]) {
                    value = value &* 10 &+ UInt64(bytes[i] &- 48)
                    digits += 1
                    i += 1
                }
                if digits == 0 { return nil }
            }
            var scale = 0
            if i < n, bytes[i] == UInt8(ascii: ".") {
                i += 1
                while i < n, isDigit(bytes[i]) {
                    value = value &* 10 &+ UInt64(bytes[i] &- 48)
                    digits += 1
                    scale += 1
                    i += 1
                }
                if scale == 0 { return nil }
            }
            if digits > 18 { return nil }
            if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
            index = i
            let m = Int128(value)
            return ExactDecimal(uncheckedMantissa: negative ? -m : m, scale: scale)
        }

        mutating func parseNumberChecked() throws(SyntaxError) -> ExactDecimal {
            let start = index
            // Validate the RFC 8259 grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zero", at: start) }
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digits expected after '.'") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digits expected in exponent") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
            guard let value = ExactDecimal.parse(slice) else {
                throw error("number out of range (at most 36 significant digits and 18 decimal places)", at: start)
            }
            return value
        }

        @inline(__always)
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

        mutating func parseString() throws(SyntaxError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            var ascii = true
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    // ASCII needs no validation; anything else must be well-formed UTF-8.
                    let s = ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
                    guard let s else { throw error("invalid UTF-8 in a string", at: start) }
                    index += 1
                    return s
                }
                if c >= 0x80 { ascii = false }
                if c == UInt8(ascii: "\\") { break }
                if c < 0x20 { throw error("control character in a string") }
                index += 1
            }
            var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let c = bytes[index]
                if c == UInt8(ascii: "\"") {
                    index += 1
                    guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8 in a string", at: start) }
                    return s
                }
                if c < 0x20 { throw error("control character in a string") }
                if c != UInt8(ascii: "\\") {
                    out.append(c)
                    index += 1
                    continue
                }
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
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired surrogate in \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw error("invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw error("unpaired surrogate in \\u escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw error("invalid escape sequence")
                }
            }
            throw error("unterminated string", at: start - 1)
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            guard index + 4 <= bytes.count else { throw error("invalid \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: throw error("invalid \\u escape")
                }
                v = v << 4 | d
                index += 1
            }
            return v
        }
    }
}

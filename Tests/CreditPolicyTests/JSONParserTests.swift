import Testing

@testable import CreditPolicy

@Suite("JSONParser")
struct JSONParserTests {
    static func error(_ text: String) -> JSONParser.SyntaxError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("parses a document with every kind of value, members in order")
    func document() throws {
        let value = try JSONParser.parse(#" { "b" : [1, -2.50, 3e2, true, false, null, "x", {}, []], "a": {"z": "", "y": {"k": 0}} } "#)
        #expect(value.keys == ["b", "a"])
        #expect(value["a"]?.keys == ["z", "y"])
        #expect(value[path: "a.y.k"] == .number(0))
        #expect(
            value["b"]
                == .array([
                    .number(1), .number(ExactDecimal("-2.5")!), .number(300), .bool(true), .bool(false), .null, .string("x"), .object([]), .array([]),
                ]))
    }

    @Test(
        "accepts scalars at the top level and the four whitespace characters",
        arguments: [
            ("1", JSONValue.number(1)), ("\"s\"", .string("s")), ("null", .null), ("true", .bool(true)),
            (" \t\r\n[ \t\r\n1 \t\r\n] \t\r\n", .array([.number(1)])),
        ])
    func scalars(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test(
        "reads string escapes and surrogate pairs",
        arguments: [
            (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"), (#""\u0041\u00e9\u20AC""#, "Aé€"),
            (#""\ud83d\ude00""#, "😀"), (#""\uD834\uDD1E!""#, "𝄞!"), (#""é😀 raw""#, "é😀 raw"), (#""\u0000""#, "\u{0}"),
        ])
    func escapes(_ text: String, _ expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test(
        "refuses malformed documents",
        arguments: [
            "", " ", "[", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":1,}", "{a:1}", "{'a':1}", "tru", "nul", "True", "[1]x", "1 2",
            "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"tab\there\"", "\"line\nbreak\"",
            "\"\\ud83d\"", "\"\\ud83d\\u0041\"", "\"\\ude00\"", "\"\\ud83dx\"", "NaN", "Infinity", "-", "1.", ".1", "1e", "0x10", "01",
        ])
    func refuses(_ text: String) {
        #expect(Self.error(text) != nil, "accepted \(text.debugDescription)")
    }

    @Test("refuses duplicate member names, even when spelled with escapes")
    func duplicates() {
        let e = Self.error(#"{"a": 1, "b": 2, "a": 3}"#)
        // The key is applicant data: the message names the place, not the key.
        #expect(e?.message == "duplicate member name")
        #expect(e?.offset == 17)
        #expect(Self.error(#"{"a": 1, "\u0061": 2}"#) != nil)
        #expect(Self.error(#"{"a": {"a": 1}, "b": {"a": 2}}"#) == nil)
    }

    @Test("accepts nesting to 64 levels and refuses 65", arguments: [("[", "]"), ("{\"k\":", "}")])
    func depth(_ open: String, _ close: String) throws {
        func nested(_ n: Int) -> String { String(repeating: open, count: n) + "1" + String(repeating: close, count: n) }
        #expect(JSONParser.maxDepth == 64)
        _ = try JSONParser.parse(nested(64))
        let e = Self.error(nested(65))
        #expect(e?.message.contains("nesting deeper than 64") == true)
        // Deep input fails fast rather than exhausting the stack.
        #expect(Self.error(nested(100_000)) != nil)
    }

    @Test("errors carry a 1-based line and column")
    func positions() {
        let e = Self.error("{\n  \"a\": 01\n}")
        #expect(e?.line == 2)
        #expect(e?.column == 8)
        #expect(e?.offset == 9)
        #expect(e?.description == "2:8: invalid number: leading zero")
        let f = Self.error("[1,\n 2,\n 3 x]")
        #expect(f.map { ($0.line, $0.column) } ?? (0, 0) == (3, 4))
        let g = Self.error("\"abc")
        #expect(g?.message == "unterminated string")
        #expect(g.map { ($0.line, $0.column) } ?? (0, 0) == (1, 1))
    }

    @Test("refuses numbers ExactDecimal cannot hold")
    func numberRange() {
        #expect(Self.error("1234567890123456789012345678901234567")?.message.contains("out of range") == true)
        #expect(Self.error("0.0000000000000000001")?.message.contains("out of range") == true)
        #expect(Self.error("123456789012345678901234567890123456") == nil)
    }

    @Test("refuses invalid UTF-8 inside strings")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(bytes) }
        let escaped: [UInt8] = Array(#""\n"#.utf8) + [0xFF, 0x22]
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(escaped) }
    }
}

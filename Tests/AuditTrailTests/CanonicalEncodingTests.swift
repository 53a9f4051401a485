import Testing

@testable import AuditTrail

@Suite("CanonicalJSON encoding (RFC 8785)")
struct CanonicalEncodingTests {
    @Test("sorts keys by UTF-16 code units: the RFC 8785 §3.2.3 example")
    func rfcSortingExample() {
        let value: CanonicalValue = [
            "\u{20AC}": "Euro Sign", "\r": "Carriage Return", "\u{FB33}": "Hebrew Letter Dalet With Dagesh", "1": "One",
            "\u{1F600}": "Emoji: Grinning Face", "\u{80}": "Control", "\u{F6}": "Latin Small Letter O With Diaeresis",
        ]
        // U+1F600 (UTF-16 D83D DE00) sorts before U+FB33, though its code point is larger.
        let expected =
            #"{"\r":"Carriage Return","1":"One","\#u{80}":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","דּ":"Hebrew Letter Dalet With Dagesh"}"#
        #expect(CanonicalJSON.string(value) == expected)
    }

    @Test("a non-BMP key sorts before a BMP key above U+E000, unlike code point order")
    func surrogateOrder() {
        let value: CanonicalValue = ["\u{E000}": 1, "\u{10000}": 2, "\u{D7FF}": 3, "\u{FFFF}": 4]
        #expect(CanonicalJSON.string(value) == "{\"\u{D7FF}\":3,\"\u{10000}\":2,\"\u{E000}\":1,\"\u{FFFF}\":4}")
        #expect(Array("\u{E000}".unicodeScalars)[0].value < Array("\u{10000}".unicodeScalars)[0].value)
    }

    @Test("sorts like a UTF-16 comparison for random keys")
    func keyOrderMatchesUTF16() {
        var random = RandomCanonicalValue(seed: 8785)
        for _ in 0..<5000 {
            let a = random.string(maxLength: 4)
            let b = random.string(maxLength: 4)
            #expect(CanonicalKeyOrder.precedes(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16), "\(a.debugDescription) vs \(b.debugDescription)")
        }
    }

    @Test(
        "sorts by code units, not by length or case",
        arguments: [
            (["b": 1, "a": 2, "aa": 3, "B": 4, "": 5] as CanonicalValue, #"{"":5,"B":4,"a":2,"aa":3,"b":1}"#),
            (["a\u{0}": 1, "a": 2, "a\u{1F}b": 3] as CanonicalValue, #"{"a":2,"a\u0000":1,"a\u001fb":3}"#),
        ])
    func keyOrder(_ value: CanonicalValue, _ expected: String) {
        #expect(CanonicalJSON.string(value) == expected)
    }

    /// How `JSON.stringify` writes each control character.
    static func expectedEscape(_ c: UInt8) -> String {
        switch c {
        case 0x08: #"\b"#
        case 0x09: #"\t"#
        case 0x0A: #"\n"#
        case 0x0C: #"\f"#
        case 0x0D: #"\r"#
        default: #"\u00"# + String(c >> 4, radix: 16) + String(c & 0xF, radix: 16)
        }
    }

    @Test("escapes every control character", arguments: 0..<32)
    func controlEscape(_ code: Int) throws {
        let text = CanonicalJSON.string(.string("<\(Character(Unicode.Scalar(UInt8(code))))>"))
        #expect(text == "\"<" + Self.expectedEscape(UInt8(code)) + ">\"")
        #expect(CanonicalJSON.isCanonical(text))
        #expect(try CanonicalJSON.parse(text) == .string("<\(Character(Unicode.Scalar(UInt8(code))))>"))
    }

    @Test(
        "escapes by hand-checked examples",
        arguments: [
            ("\u{0}", #""\u0000""#), ("\u{1F}", #""\u001f""#), ("\u{B}", #""\u000b""#), ("\u{1B}[0m", #""\u001b[0m""#),
            ("\"quoted\" \\path\\", #""\"quoted\" \\path\\""#), ("a/b", #""a/b""#), ("\u{7F}", "\"\u{7F}\""),
            ("line\u{2028}para\u{2029}", "\"line\u{2028}para\u{2029}\""), ("zoë € 😀 דּ", "\"zoë € 😀 דּ\""), ("", #""""#),
        ])
    func escapes(_ string: String, _ expected: String) {
        #expect(CanonicalJSON.string(.string(string)) == expected)
    }

    @Test("writes U+2028, U+2029 and non-ASCII as literal UTF-8 bytes")
    func literalUTF8() {
        #expect(CanonicalJSON.encode(.string("\u{2028}\u{2029}")) == [0x22, 0xE2, 0x80, 0xA8, 0xE2, 0x80, 0xA9, 0x22])
        #expect(CanonicalJSON.encode(.string("é😀")) == [0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x22])
    }

    @Test("keeps strings as their scalars: NFC and NFD spellings are different values")
    func normalizationIsKept() {
        let composed = CanonicalValue.string("\u{E9}")
        let decomposed = CanonicalValue.string("e\u{301}")
        #expect(composed != decomposed)
        #expect(CanonicalJSON.encode(composed) == [0x22, 0xC3, 0xA9, 0x22])
        #expect(CanonicalJSON.encode(decomposed) == [0x22, 0x65, 0xCC, 0x81, 0x22])
        #expect(CanonicalValue.object(["\u{E9}": 1]) != CanonicalValue.object(["e\u{301}": 1]))
        #expect(CanonicalValue.object(["\u{E9}": 1]) == CanonicalValue.object(["\u{E9}": 1]))
    }

    @Test(
        "writes nested empty containers and scalars without whitespace",
        arguments: [
            (["a": [:], "b": [], "c": [[:], [], [[]]]] as CanonicalValue, #"{"a":{},"b":[],"c":[{},[],[[]]]}"#),
            ([:] as CanonicalValue, "{}"), ([] as CanonicalValue, "[]"), (nil as CanonicalValue, "null"), (true as CanonicalValue, "true"),
            (false as CanonicalValue, "false"), ([1, "x", nil, false, ["k": [2]]] as CanonicalValue, #"[1,"x",null,false,{"k":[2]}]"#),
        ])
    func containers(_ value: CanonicalValue, _ expected: String) {
        #expect(CanonicalJSON.string(value) == expected)
    }

    @Test(
        "writes integers in plain decimal",
        arguments: [
            (0 as Int64, "0"), (-1, "-1"), (10, "10"), (1_234_567_890, "1234567890"), (9_007_199_254_740_991, "9007199254740991"),
            (-9_007_199_254_740_991, "-9007199254740991"), (Int64.min, "-9223372036854775808"), (Int64.max, "9223372036854775807"),
        ])
    func integers(_ n: Int64, _ expected: String) {
        #expect(CanonicalJSON.string(.integer(n)) == expected)
    }

    @Test("has no negative zero: -0 parses to 0, which is written 0")
    func negativeZero() throws {
        #expect(try CanonicalJSON.parse("-0") == .integer(0))
        #expect(CanonicalJSON.string(try CanonicalJSON.parse("-0")) == "0")
        #expect(!CanonicalJSON.isCanonical("-0"))
        #expect(CanonicalJSON.isCanonical("0"))
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.parse("-0.0") }
    }

    @Test("±(2^53−1) is the integer range; validate names the first value outside it")
    func integerRange() throws {
        #expect(try CanonicalJSON.parse("9007199254740991") == .integer(9_007_199_254_740_991))
        #expect(try CanonicalJSON.parse("-9007199254740991") == .integer(-9_007_199_254_740_991))
        #expect(throws: Never.self) { try CanonicalJSON.validate([9_007_199_254_740_991, -9_007_199_254_740_991]) }
        #expect(throws: CanonicalJSONError(offset: 6, reason: "integer outside ±(2^53−1); send it as a string")) {
            try CanonicalJSON.validate(["a": [9_007_199_254_740_992]])
        }
        #expect(throws: CanonicalJSONError.self) { try CanonicalJSON.validate(.integer(-9_007_199_254_740_992)) }
        #expect(!CanonicalJSON.isCanonical(CanonicalJSON.string(.integer(9_007_199_254_740_992))))
    }

    @Test("validate refuses nesting deeper than 64 levels, as parse does")
    func validateDepth() {
        func nested(_ levels: Int) -> CanonicalValue { (0..<levels).reduce(CanonicalValue.null) { inner, _ in [inner] } }
        #expect(throws: Never.self) { try CanonicalJSON.validate(nested(64)) }
        #expect(throws: CanonicalJSONError(offset: 64, reason: "nesting deeper than 64 levels")) { try CanonicalJSON.validate(nested(65)) }
        #expect(CanonicalJSON.isCanonical(CanonicalJSON.string(nested(64))))
        #expect(!CanonicalJSON.isCanonical(CanonicalJSON.string(nested(65))))
    }
}

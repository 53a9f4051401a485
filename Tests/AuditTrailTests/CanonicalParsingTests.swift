import Testing

@testable import AuditTrail

@Suite("CanonicalJSON parsing")
struct CanonicalParsingTests {
    static func error(_ text: String) -> CanonicalJSONError? {
        do {
            _ = try CanonicalJSON.parse(text)
            return nil
        } catch {
            return error
        }
    }

    static let depth64 = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    static let depth65 = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)

    @Test(
        "refuses with the byte offset of the problem",
        arguments: [
            ("[1,2,]", 5, "unexpected character, expected a value"),
            (#"{"a":1,}"#, 7, "expected a member name in double quotes"),
            (#"{"a":1,"b":2,"a":3}"#, 13, "duplicate member name"),
            (#"{"a":1,"\u0061":2}"#, 7, "duplicate member name"),
            ("{\"\u{E9}\":1,\"e\u{301}\":2}", 8, "duplicate member name"),
            ("1.0", 0, "fractions are not allowed; send decimals as strings"),
            (#"{"amount":25000.50}"#, 10, "fractions are not allowed; send decimals as strings"),
            ("1e2", 0, "exponents are not allowed; write whole numbers in plain digits"),
            ("[1E+2]", 1, "exponents are not allowed; write whole numbers in plain digits"),
            ("01", 0, "invalid number: leading zero"),
            ("[-007]", 1, "invalid number: leading zero"),
            ("9007199254740992", 0, "integer outside ±(2^53−1); send it as a string"),
            ("[-9007199254740992]", 1, "integer outside ±(2^53−1); send it as a string"),
            ("123456789012345678901234567890", 0, "integer outside ±(2^53−1); send it as a string"),
            (#""\ud800""#, 1, "lone high surrogate in a \\u escape"),
            (#""ab\udc00""#, 3, "lone low surrogate in a \\u escape"),
            (#""\ud83d\u0041""#, 1, "lone high surrogate in a \\u escape"),
            (#""\ud83dx""#, 1, "lone high surrogate in a \\u escape"),
            (depth65, 64, "nesting deeper than 64 levels"),
            ("[1 2]", 3, "expected ',' or ']'"),
            (#"{"a" 1}"#, 5, "expected ':'"),
            ("", 0, "unexpected end of input, expected a value"),
            ("tru", 0, "invalid literal"),
            ("1 2", 2, "unexpected text after the JSON value"),
            ("-", 0, "invalid number"),
            ("+1", 0, "unexpected character, expected a value"),
            ("\u{FEFF}1", 0, "unexpected character, expected a value"),
            ("\"tab\there\"", 4, "control character in a string; escape it"),
            (#""\x""#, 1, "invalid escape sequence"),
            (#""\u12""#, 3, "expected four hex digits after \\u"),
            (#""open"#, 0, "unterminated string"),
            ("[1,", 3, "unexpected end of input, expected a value"),
        ])
    func refuses(_ text: String, _ offset: Int, _ reason: String) {
        #expect(Self.error(text) == CanonicalJSONError(offset: offset, reason: reason), "\(text.debugDescription)")
    }

    @Test("accepts 64 levels of nesting")
    func depthLimit() throws {
        #expect(throws: Never.self) { try CanonicalJSON.parse(Self.depth64) }
        #expect(CanonicalJSON.isCanonical(Self.depth64))
        #expect(!CanonicalJSON.isCanonical(Self.depth65))
    }

    @Test(
        "accepts valid JSON that is not canonical text",
        arguments: [
            (" { \"b\" : [ 1 , -2 ] ,\n\t\"a\" : null }\r\n", ["a": nil, "b": [1, -2]] as CanonicalValue),
            (#""\/\u00E9\u00e9\ud83d\ude00\uD834\uDD1E""#, .string("/éé😀𝄞")),
            (#""\u0000\b\f\n\r\t\"\\""#, .string("\u{0}\u{8}\u{C}\n\r\t\"\\")),
            ("-9007199254740991", .integer(-9_007_199_254_740_991)),
            ("[true,false,null,{}]", [true, false, nil, [:]] as CanonicalValue),
        ])
    func accepts(_ text: String, _ expected: CanonicalValue) throws {
        #expect(try CanonicalJSON.parse(text) == expected)
    }

    @Test(
        "isCanonical is false for valid but non-canonical text",
        arguments: [
            #"{"a":1, "b":2}"#, #" {"a":1}"#, #"{"a":1}\#n"#, #"{"b":1,"a":2}"#, #"{"a":1,"a":1}"#, #""\/""#, #""\u00e9""#, #""\u001F""#,
            #""\u000a""#, #""\u0022""#, "-0", "[1.0]", "1e2", "01", #"{"\u00e9":1}"#, "{\"\u{E9}\":1,\"e\u{301}\":2}",
            // Sorted, but the parser sees one key twice (canonical equivalence): the full-check path.
            "{\"e\u{301}\":1,\"\u{E9}\":2}", "{\"\u{E000}\":1,\"\u{10000}\":2}", "[9007199254740992]",
        ])
    func notCanonical(_ text: String) {
        #expect(!CanonicalJSON.isCanonical(text))
        #expect(!CanonicalJSON.isCanonicalByRoundTrip(text))
    }

    @Test(
        "isCanonical is true for canonical text",
        arguments: [
            "{}", "[]", "0", "-1", "null", #""""#, #"{"a":{"b":[1,"\n",null]},"b":true}"#,
            "{\"\u{10000}\":1,\"\u{E000}\":2}", #"{"\"":1,"\\":2,"a":3}"#, #"{"\u0000":1,"\b":2,"\t":3,"\u001f":4}"#,
        ])
    func canonical(_ text: String) {
        #expect(CanonicalJSON.isCanonical(text))
        #expect(CanonicalJSON.isCanonicalByRoundTrip(text))
    }

    @Test("error descriptions carry the offset and reason, not the input")
    func descriptionLeaksNothing() {
        let error = Self.error(#"{"ssn":"123-45-6789","ssn":"secret"}"#)
        #expect(error?.description == "byte 21: duplicate member name")
    }
}

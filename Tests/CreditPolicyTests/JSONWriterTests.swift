import TestSupport
import Testing

@testable import CreditPolicy

@Suite("JSONWriter")
struct JSONWriterTests {
    static func written(_ value: JSONValue) -> String {
        var w = JSONWriter()
        w.value(value)
        return w.string
    }

    @Test(
        "escapes what RFC 8259 requires, and nothing else",
        arguments: [
            ("plain", #""plain""#), ("q\"b\\s", #""q\"b\\s""#), ("\n\r\t", #""\n\r\t""#), ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
            ("\u{8}\u{C}", #""\u0008\u000c""#), ("/é😀\u{7F}", "\"/é😀\u{7F}\""),
        ])
    func escaping(_ text: String, _ expected: String) throws {
        #expect(Self.written(.string(text)) == expected)
        #expect(try JSONParser.parse(expected) == .string(text))
    }

    @Test("writes compact JSON with members in order and numbers in canonical form")
    func compact() throws {
        let value = JSONValue.object([
            .init("z", .number(ExactDecimal("1.50")!)), .init("a", .array([.null, .bool(true), .bool(false), .number(ExactDecimal("-0.0")!)])),
            .init("k\"ey", .object([])), .init("n", .number(ExactDecimal("1e3")!)),
        ])
        let text = Self.written(value)
        #expect(text == #"{"z":1.5,"a":[null,true,false,0],"k\"ey":{},"n":1000}"#)
        #expect(try JSONParser.parse(text) == value)
    }

    @Test("ints and keys from the typed API")
    func typedAPI() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.int(0)
        w.key("b")
        w.int(-1234567890123)
        w.key("c")
        w.beginArray()
        w.int(Int.max)
        w.int(Int.min + 1)
        w.endArray()
        w.key("d")
        w.string("x\n")
        w.endObject()
        #expect(w.string == #"{"a":0,"b":-1234567890123,"c":[9223372036854775807,-9223372036854775807],"d":"x\n"}"#)
    }

    @Test("random strings, including control characters and astral scalars, round-trip through JSONParser")
    func roundTrip() throws {
        var g = SeededGenerator(seed: 42)
        let pools: [ClosedRange<UInt32>] = [0...0x1F, 0x20...0x7E, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF]
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &g) {
                let pool = pools.randomElement(using: &g)!
                s.append(Unicode.Scalar(UInt32.random(in: pool, using: &g))!)
            }
            let text = String(s)
            let doc = JSONValue.object([.init(text, .array([.string(text), .string("")]))])
            let written = Self.written(doc)
            #expect(try JSONParser.parse(written) == doc, "\(text.debugDescription)")
        }
    }
}

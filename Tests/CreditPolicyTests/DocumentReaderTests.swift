import TestSupport
import Testing

@testable import CreditPolicy

/// The fast reader (`Policy.bind(json:)`) must agree exactly with the reference path
/// (`JSONParser.parse` then `Policy.bind(_:)`): same syntax errors, same input errors in the
/// same order, same decisions.
@Suite("Schema-directed document reader")
struct DocumentReaderTests {
    static let base = """
        {"customer":{"crm_id":"CRM-1","legal_name":"Acme Ltd","tags":["a",{"b":[1,2.5e3,null,true]}]},\
        "applicant":{"country":"IE","industry":"5045","years_in_business":4,"annual_revenue":2000000,"sanctions_hit":false,"bankruptcy":false},\
        "bureau":{"score":720,"paydex":75,"derogatory_marks":0},\
        "trade_references":[{"on_time_pct":0.97,"name":"Supplier A"},{"on_time_pct":0.93}],\
        "requested":{"credit_limit":20000}}
        """

    /// Text replacements that turn the base document into a variant: wrong types, nulls,
    /// missing or extra members, duplicates, escapes, syntax errors.
    static let edits: [(String, String)] = [
        ("\"score\":720", "\"score\":\"720\""), ("\"score\":720", "\"score\":null"), ("\"score\":720", "\"score\":299"),
        ("\"score\":720", "\"score\":7.5"), ("\"score\":720", "\"score\":[720]"), ("\"score\":720", "\"score\":{}"),
        ("\"score\":720", "\"score\":720,\"score\":721"), ("\"score\":720,", ""), ("\"score\":720", "\"sc\\u006fre\":720"),
        ("\"bureau\":{", "\"bureau\":null,\"x\":{"), ("\"bureau\":{", "\"bureau\":\"none\",\"x\":{"), ("\"bureau\":{", "\"bureau\":[],\"x\":{"),
        ("\"country\":\"IE\"", "\"country\":\"\\u0049E\""), ("\"country\":\"IE\"", "\"country\":\"Éire\""), ("\"country\":\"IE\"", "\"country\":7"),
        ("\"country\":\"IE\"", "\"c\u{00F6}untry\":\"IE\""), ("\"country\":\"IE\"", "\"country\":\"IE\",\"country\":\"GB\""),
        ("\"sanctions_hit\":false", "\"sanctions_hit\":\"false\""), ("\"sanctions_hit\":false", "\"sanctions_hit\":fals"),
        ("\"on_time_pct\":0.97", "\"on_time_pct\":1.5"), ("\"on_time_pct\":0.97", "\"on_time_pct\":0.9755"),
        ("\"on_time_pct\":0.97", "\"on_time_pct\":null"), ("\"on_time_pct\":0.97,", ""), ("{\"on_time_pct\":0.93}", "7"),
        ("{\"on_time_pct\":0.93}", "{\"on_time_pct\":0.93,\"on_time_pct\":0.5}"), ("\"trade_references\":[", "\"trade_references\":[[],"),
        ("\"trade_references\":[", "\"trade_references\":{\"a\":["),
        ("\"trade_references\":[{\"on_time_pct\":0.97,\"name\":\"Supplier A\"},{\"on_time_pct\":0.93}]", "\"trade_references\":null"),
        ("\"credit_limit\":20000", "\"credit_limit\":\"20000.50\""), ("\"credit_limit\":20000", "\"credit_limit\":\"2e4\""),
        ("\"credit_limit\":20000", "\"credit_limit\":-1"), ("\"credit_limit\":20000", "\"credit_limit\":1e400"),
        ("\"credit_limit\":20000", "\"credit_limit\":01"), ("\"credit_limit\":20000}", "\"credit_limit\":20000"),
        ("\"legal_name\":\"Acme Ltd\"", "\"legal_name\":\"Acme\\nLtd\\u00e9\""), ("\"legal_name\":\"Acme Ltd\"", "\"legal_name\":\"Acme\u{7}\""),
        ("\"crm_id\":\"CRM-1\"", "\"crm_id\":\"CRM-1\",\"crm_id\":2"), ("\"tags\":[", "\"tags\":[[[[[[[[[[[[1]]]]]]]]]]],"),
        ("\"years_in_business\":4", "\"years_in_business\":4   \n "), ("\"applicant\":{", "\"applicant\" : { \"extra\" : { } ,"),
        ("{\"customer\"", "[{\"customer\""), ("\"credit_limit\":20000}}", "\"credit_limit\":20000}} x"),
        ("\"industry\":\"5045\"", "\"industry\":\"\\ud83d\\ude00\""),
        ("\"industry\":\"5045\"", "\"industry\":\"\\ud83d\""), ("\"paydex\":75", "\"paydex\":75,\"K\":1,\"\u{212A}\":2"),
    ]

    enum Observed: Equatable {
        case syntax(String, Int)
        case invalid([InputError])
        case decided(String)
    }

    static func viaTree(_ policy: Policy, _ text: String) -> Observed {
        let document: JSONValue
        do { document = try JSONParser.parse(text) } catch { return .syntax(error.message, error.offset) }
        switch policy.bind(document) {
        case .failure(let e): return .invalid(e.errors)
        case .success(let b): return .decided((try? policy.decide(b, at: Timestamp("2026-06-01")!))?.json ?? "evaluation failed")
        }
    }

    static func viaReader(_ policy: Policy, _ text: String) -> Observed {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Observed in
            do throws(JSONParser.SyntaxError) {
                switch try policy.bind(json: buffer) {
                case .failure(let e): return .invalid(e.errors)
                case .success(let b): return .decided((try? policy.decide(b, at: Timestamp("2026-06-01")!))?.json ?? "evaluation failed")
                }
            } catch {
                return .syntax(error.message, error.offset)
            }
        }
    }

    @Test("each single edit gives the same result both ways", arguments: edits.indices)
    func singleEdit(_ index: Int) throws {
        let policy = try Fixtures.standardPolicy()
        let (target, replacement) = Self.edits[index]
        #expect(Self.base.contains(target), "edit \(index) does not apply")
        let text = Self.base.replacing(target, with: replacement)
        #expect(Self.viaReader(policy, text) == Self.viaTree(policy, text), "edit \(index): \(text)")
    }

    @Test("3,000 seeded combinations of edits give the same results both ways")
    func combinations() throws {
        let policy = try Fixtures.standardPolicy()
        var rng = SeededGenerator(seed: 20261122)
        var kinds: [String: Int] = [:]
        for _ in 0..<3_000 {
            var text = Self.base
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let (target, replacement) = Self.edits.randomElement(using: &rng)!
                if let range = text.range(of: target) { text.replaceSubrange(range, with: replacement) }
            }
            let tree = Self.viaTree(policy, text)
            let reader = Self.viaReader(policy, text)
            #expect(reader == tree, "\(text)")
            switch tree {
            case .syntax: kinds["syntax", default: 0] += 1
            case .invalid: kinds["invalid", default: 0] += 1
            case .decided: kinds["decided", default: 0] += 1
            }
        }
        // The generator must exercise all three outcomes, or the comparison proves little.
        #expect(kinds["syntax", default: 0] > 100 && kinds["invalid", default: 0] > 100 && kinds["decided", default: 0] > 100, "\(kinds)")
    }

    @Test("one reused binding buffer gives what a fresh read gives, and never changes a held application")
    func reusedBuffer() throws {
        let policy = try Fixtures.standardPolicy()
        var rng = SeededGenerator(seed: 20261123)
        var buffer = BindingBuffer()
        var held: [(BoundApplication, String)] = []
        for round in 0..<1_500 {
            var text = Self.base
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let (target, replacement) = Self.edits.randomElement(using: &rng)!
                if let range = text.range(of: target) { text.replaceSubrange(range, with: replacement) }
            }
            let bytes = Array(text.utf8)
            let fresh = Self.viaReader(policy, text)
            let reused = bytes.withUnsafeBufferPointer { buffer2 -> Observed in
                do throws(JSONParser.SyntaxError) {
                    switch try policy.bind(json: buffer2, reusing: &buffer) {
                    case .failure(let e): return .invalid(e.errors)
                    case .success(let b):
                        let json = (try? policy.decide(b, at: Timestamp("2026-06-01")!))?.json ?? "evaluation failed"
                        // Some applications are kept while the buffer moves on: they must not change.
                        if round % 7 == 0 { held.append((b, json)) }
                        return .decided(json)
                    }
                } catch {
                    return .syntax(error.message, error.offset)
                }
            }
            #expect(reused == fresh, "\(text)")
        }
        #expect(held.count > 20)
        for (b, json) in held { #expect((try? policy.decide(b, at: Timestamp("2026-06-01")!))?.json == json) }
    }

    @Test("member names compare equal exactly when their bytes are equal, at every length", arguments: 1...40)
    func bytesEqual(_ count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        // Exactly sized buffers: a read past either end would be outside the allocation.
        let a = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
        let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
        defer {
            a.deallocate()
            b.deallocate()
        }
        for i in 0..<count {
            a[i] = UInt8(rng.int(0...255))
            b[i] = a[i]
        }
        #expect(DocumentReader.bytesEqual(a.baseAddress!, b.baseAddress!, count))
        #expect(DocumentReader.bytesEqual(a.baseAddress!, b.baseAddress!, 0))
        for i in 0..<count {
            b[i] ^= 0x20
            #expect(!DocumentReader.bytesEqual(a.baseAddress!, b.baseAddress!, count), "differs at \(i) of \(count)")
            #expect(DocumentReader.bytesEqual(a.baseAddress!, b.baseAddress!, i), "equal up to \(i)")
            b[i] ^= 0x20
        }
    }

    @Test("declared names that share a prefix or a length are told apart")
    func similarNames() throws {
        let source = """
            id: names
            version: 1
            effective_from: 2026-01-01
            currency: EUR
            description: Names that share prefixes and lengths.
            inputs:
              a.abcdefgh: {type: integer}
              a.abcdefgi: {type: integer}
              a.abcdefghijklmnop: {type: integer}
              a.abcdefghijklmnoq: {type: integer}
              a.abcd: {type: integer}
              a.abce: {type: integer}
              a.x: {type: integer}
            knockouts:
              - code: K
                when: a.abcdefgh == 1 and a.abcdefgi == 2 and a.abcdefghijklmnop == 4 and a.abcdefghijklmnoq == 8 and a.abcd == 16 and a.abce == 32 and a.x == 64
            tiers:
              - name: A
                terms: {code: NET30, net_days: 30, deposit_pct: 0}
                limit: 0
            limit_rounding: {mode: down, unit: 0.01}
            reasons:
              K: {officer: k, customer: k}
            """
        let policy = try PolicyCompiler.compile(source: source, file: "names.yaml")
        let text = #"{"a":{"abcdefgi":2,"abcdefgh":1,"abcdefghijklmnoq":8,"abcdefghijklmnop":4,"abce":32,"abcd":16,"x":64,"abcdefgj":0}}"#
        #expect(Self.viaReader(policy, text) == Self.viaTree(policy, text))
        guard case .decided(let json) = Self.viaReader(policy, text) else {
            Issue.record("expected a decision")
            return
        }
        #expect(json.contains("\"outcome\":\"decline\""))  // only if every name found its own field
        let duplicate = #"{"a":{"abcdefghijklmnop":4,"abcdefghijklmnop":4}}"#
        #expect(Self.viaReader(policy, duplicate) == Self.viaTree(policy, duplicate))
    }

    @Test("strings of every length with an escape, a control character or non-ASCII text at every position, ending the input")
    func stringScanning() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let specials = ["\\\"", "\\\\", "\\n", "\\u00e9", "\u{1}", "\t", "é", "\u{1F600}", "\\", "\"\""]
        var checked = 0
        for length in 0...19 {
            let plain = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            var variants = [plain]
            for position in 0...length {
                for special in specials {
                    var s = plain
                    s.insert(contentsOf: special, at: s.index(s.startIndex, offsetBy: position))
                    variants.append(s)
                }
            }
            for s in variants {
                // As a declared value, as an undeclared value, as a member name; the last one
                // also cut short at the end of the input.
                for text in [
                    #"{"applicant":{"country":"\#(s)"}}"#, #"{"x":"\#(s)","applicant":{}}"#, #"{"\#(s)":1}"#, #"{"\#(s)""#, #"{"a":"\#(s)"#,
                ] {
                    #expect(Self.viaReader(policy, text) == Self.viaTree(policy, text), "\(text)")
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }

    @Test("a list longer than max_items reports only its length, both ways")
    func longList() throws {
        let policy = try Fixtures.standardPolicy()
        let refs = Array(repeating: "{\"on_time_pct\":2}", count: 1001).joined(separator: ",")
        let text = Self.base.replacing(
            "\"trade_references\":[{\"on_time_pct\":0.97,\"name\":\"Supplier A\"},{\"on_time_pct\":0.93}]", with: "\"trade_references\":[\(refs)]")
        let reader = Self.viaReader(policy, text)
        #expect(reader == Self.viaTree(policy, text))
        guard case .invalid(let errors) = reader else {
            Issue.record("expected input errors, got \(reader)")
            return
        }
        #expect(errors.map(\.path) == ["$.trade_references"])
    }
}

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

import Foundation
import Testing

@testable import CreditPolicy

/// Inputs built to hurt: they must give clear errors quickly and never crash or hang.
@Suite("Hostile input")
struct HostileInputTests {
    static func diagnostics(_ source: String) -> [Diagnostic] {
        do {
            _ = try PolicyCompiler.compile(source: source, file: "p.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    static let minimal = """
        id: mini
        version: 1
        effective_from: 2026-01-01
        currency: EUR
        description: Hostile input test.
        inputs:
          a: {type: decimal}
          b: {type: decimal}
        tiers:
          - name: A
            terms: {code: NET30, net_days: 30, deposit_pct: 0}
            limit: LIMIT
        limit_rounding: {mode: down, unit: 0.01}
        reasons: {}
        """

    static func policy(limit: String) throws -> Policy {
        try PolicyCompiler.compile(source: minimal.replacing("LIMIT", with: limit), file: "mini.yaml")
    }

    @Test(
        "arithmetic past the range is an evaluation error, never a trap",
        arguments: [
            ("a + b", #"{"a": -1, "b": 1}"#, "170000000000000000000000000000000000", "999000000000000000000000000000000.001"),
            ("a - b", #"{}"#, "170000000000000000000000000000000000", "-999000000000000000000000000000000.001"),
            ("a * b", #"{}"#, "9223372036854775807.5", "18.446744073709551617"),
        ])
    func arithmeticOverflow(_ limit: String, _ unused: String, _ a: String, _ b: String) throws {
        let policy = try Self.policy(limit: limit)
        let application = try JSONParser.parse(#"{"a": \#(a), "b": \#(b)}"#)
        #expect(throws: EvaluationFailure.self) { try policy.decide(application, at: Timestamp("2026-02-01")!) }
    }

    @Test("a billion-laughs policy is refused quickly with one clear error")
    func billionLaughs() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let source = Self.minimal.replacing("LIMIT", with: "0") + "\ntests:\n  base:\n    " + lines.joined(separator: "\n    ") + "\n  cases: []\n"
        let start = ContinuousClock.now
        let found = Self.diagnostics(source)
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(found.filter { $0.message.contains("too large") }.count == 1, "\(found)")
    }

    @Test("a key written three times is reported twice, and other mistakes still are")
    func tripleKey() {
        let source = Self.minimal.replacing("currency: EUR", with: "currency: EUR\ncurrency: EUR\ncurrency: EUR").replacing("LIMIT", with: "mni(1)")
        let found = Self.diagnostics(source)
        #expect(found.filter { $0.code == .duplicateKey }.map(\.location.line) == [5, 6])
        #expect(found.contains { $0.code == .unknownFunction })
    }

    @Test("CRLF line endings give the same locations as LF")
    func crlf() {
        let source = Self.minimal.replacing("LIMIT", with: "a + bb")
        let lf = Self.diagnostics(source)
        let crlf = Self.diagnostics(source.replacing("\n", with: "\r\n"))
        #expect(!lf.isEmpty)
        #expect(lf.map(\.location) == crlf.map(\.location))
    }

    /// Member names three ways: plain ASCII, with an escape (`\u006b` is "k"), and non-ASCII.
    static let keyForms: [@Sendable (Int) -> String] = [{ "k\($0)" }, { "\\u006b\($0)" }, { "é\($0)" }]

    @Test("an object with many keys is checked for duplicates in linear time, both ways", arguments: 0..<3)
    func manyKeys(form: Int) throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let name = Self.keyForms[form]
        let keys = (0..<40_000).map { "\"\(name($0))\": 0" }.joined(separator: ",")
        for tail in ["", ", \"\(name(17))\": 1"] {
            let text = "{\"customer\": {\(keys)\(tail)}}"
            let start = ContinuousClock.now
            let tree = Result { () throws(JSONParser.SyntaxError) in try JSONParser.parse(text) }
            let bytes = Array(text.utf8)
            let reader = bytes.withUnsafeBufferPointer { b in Result { () throws(JSONParser.SyntaxError) in try policy.bind(json: b) } }
            #expect(ContinuousClock.now - start < .seconds(10))
            if tail.isEmpty {
                #expect((try? tree.get()) != nil)
                #expect((try? reader.get()) != nil)
            } else {
                #expect(throws: JSONParser.SyntaxError.self) { try tree.get() }
                #expect(throws: JSONParser.SyntaxError.self) { try reader.get() }
            }
        }
    }

    @Test("a list far past max_items reports only its length, quickly")
    func hugeList() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let text = #"{"trade_references": ["# + Array(repeating: "0", count: 200_000).joined(separator: ",") + "]}"
        let bytes = Array(text.utf8)
        let start = ContinuousClock.now
        let result = try bytes.withUnsafeBufferPointer { try policy.bind(json: $0) }
        #expect(ContinuousClock.now - start < .seconds(10))
        guard case .failure(let errors) = result else {
            Issue.record("expected input errors")
            return
        }
        #expect(errors.errors.filter { $0.path.hasPrefix("$.trade_references") }.map(\.path) == ["$.trade_references"])
    }

    @Test("decimal strings must look like JSON numbers without an exponent", arguments: ["+5000", ".5", "5000.", "5e3", "1_000", " 5", "0x10"])
    func decimalStrings(_ text: String) throws {
        let policy = try Self.policy(limit: "coalesce(a, 0)")
        let result = policy.bind(.object([.init("a", .string(text)), .init("b", .number(1))]))
        guard case .failure(let errors) = result else {
            Issue.record("accepted \(text.debugDescription)")
            return
        }
        #expect(errors.errors.map(\.path) == ["$.a"])
    }

    @Test("deposit terms need a terms_reason, which explains a counteroffer no characteristic explains")
    func termsReason() throws {
        let source = Self.minimal.replacing("LIMIT", with: "0").replacing("deposit_pct: 0", with: "deposit_pct: 10")
        #expect(Self.diagnostics(source).map(\.code) == [.missingKey])
        let fixed = source.replacing(
            "reasons: {}",
            with: """
                adverse_action: {terms_reason: DEPOSIT}
                reasons:
                  DEPOSIT: {officer: o, customer: c}
                """)
        let policy = try PolicyCompiler.compile(source: fixed, file: "p.yaml")
        let decision = try policy.decide(try JSONParser.parse(#"{"a": 1, "b": 1}"#), at: Timestamp("2026-02-01")!)
        #expect(decision.adverseAction?.factors.map(\.reason.code) == ["DEPOSIT"])
    }

    @Test("bands the compiler must catch: a fraction on an integer input, a catch-all after both booleans")
    func bandEdges() {
        let integerFraction = Self.minimal.replacing("LIMIT", with: "0")
            .replacing("  a: {type: decimal}", with: "  a: {type: integer}")
            .replacing("tiers:", with: "scorecard:\n  - {name: s, value: a, reason: R, bands: [{is: 2.5, points: 1}, {points: 0}]}\ntiers:")
            .replacing("reasons: {}", with: "reasons:\n  R: {officer: o, customer: c}")
        #expect(Self.diagnostics(integerFraction).map(\.code) == [.bandUnreachable])
        let booleans = integerFraction.replacing("value: a,", with: "value: a > 1,")
            .replacing("[{is: 2.5, points: 1}, {points: 0}]", with: "[{is: true, points: 1}, {is: false, points: 0}, {points: 2}]")
        #expect(Self.diagnostics(booleans).map(\.code) == [.bandUnreachable])
    }
}

/// Reviewer findings on labels and locations, kept fixed.
@Suite("Labels and locations")
struct LabelAndLocationTests {
    static let policy = """
        id: mini
        version: 1
        effective_from: 2026-01-01
        currency: EUR
        description: Labels test.
        inputs:
          a: {type: decimal}
        scorecard:
          - name: s
            value: a
            reason: R
            bands: [{below: 1, points: 0}, {above: 5, points: 2}, {points: 1}]
        tiers:
          - name: A
            terms: {code: NET30, net_days: 30, deposit_pct: 0}
            limit: 0
        limit_rounding: {mode: down, unit: 0.01}
        reasons:
          R: {officer: o, customer: c}
        """

    @Test("mixed band directions are labelled as written, not with an invented range")
    func mixedBandLabels() throws {
        let policy = try PolicyCompiler.compile(source: Self.policy, file: "p.yaml")
        let decision = try policy.decide(try JSONParser.parse(#"{"a": 3}"#), at: Timestamp("2026-02-01")!, trace: true)
        let step = decision.trace?.first { $0.kind == .characteristic }
        #expect(step?.points == 1)
        // The catch-all takes 1 ≤ a ≤ 5 here; "≤ 5" alone would be wrong, so no bound is invented.
        #expect(step?.band == "any other value")
    }

    @Test("a whitespace hex escape in a double-quoted expression does not shift the column")
    func hexEscapeColumn() {
        let source = Self.policy.replacing("    value: a\n", with: "    value: \"a\\x20+ bb\"\n")
        do {
            _ = try PolicyCompiler.compile(source: source, file: "p.yaml")
            Issue.record("compiled")
        } catch {
            // `    value: "a\x20+ bb"`: the quote is column 12, 'bb' starts at column 20.
            #expect(error.diagnostics.map(\.location.column) == [20], "\(error)")
        }
    }
}

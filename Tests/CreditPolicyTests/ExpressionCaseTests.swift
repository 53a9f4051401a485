import Foundation
import Testing

@testable import CreditPolicy

/// One case from `Cases/expressions.json`.
struct ExpressionCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        case value(JSONValue)
        case error(code: String, offset: Int?)
        case failure(String)
    }

    var name: String
    var expression: String
    var application: JSONValue
    var expect: Expectation

    var testDescription: String { "\(name): \(expression)" }

    static func load() throws -> [ExpressionCase] {
        let bytes = Array(try Data(contentsOf: Fixtures.cases.appending(path: "expressions.json")))
        let document = try JSONParser.parse(bytes)
        guard case .object(let base)? = document["base"], case .array(let cases)? = document["cases"] else {
            throw FixtureError("expressions.json needs 'base' and 'cases'")
        }
        return try cases.map { item in
            guard case .string(let name)? = item["name"], case .string(let expression)? = item["expression"] else {
                throw FixtureError("a case needs name and expression: \(item)")
            }
            var members = base
            if case .object(let overrides)? = item["inputs"] {
                for m in overrides {
                    if let i = members.firstIndex(where: { $0.key == m.key }) { members[i] = m } else { members.append(m) }
                }
            }
            let expect: Expectation
            if let value = item["value"] {
                expect = .value(value)
            } else if case .string(let code)? = item["error"] {
                var offset: Int?
                if case .number(let n)? = item["offset"] { offset = n.intValue }
                expect = .error(code: code, offset: offset)
            } else if case .string(let failure)? = item["failure"] {
                expect = .failure(failure)
            } else {
                throw FixtureError("case '\(name)' expects nothing")
            }
            return ExpressionCase(name: name, expression: expression, application: .object(members), expect: expect)
        }
    }
}

@Suite("Expression language cases")
struct ExpressionCaseTests {
    @Test("the case file has enough cases, with unique names")
    func caseFile() throws {
        let cases = try ExpressionCase.load()
        #expect(cases.count >= 100)
        #expect(Set(cases.map(\.name)).count == cases.count)
    }

    @Test("an expression compiles and evaluates as the case says", arguments: try ExpressionCase.load())
    func evaluate(_ c: ExpressionCase) throws {
        switch (try ExpressionProbe.run(c.expression, application: c.application), c.expect) {
        case (.value(let value), .value(let expected)):
            #expect(value == expected, "evaluated to \(value.displayText)")
        case (.diagnostics(let diagnostics, let offset), .error(let code, let expectedOffset)):
            #expect(diagnostics.first?.code.rawValue == code, "\(diagnostics)")
            if let expectedOffset { #expect(offset == expectedOffset, "\(diagnostics)") }
        case (.failure(let failure), .failure(let expected)):
            #expect(failure.rule == "probe")
            #expect(failure.problem == (expected == "division_by_zero" ? "division by zero" : "arithmetic overflow"))
        case (let outcome, let expected):
            Issue.record("expected \(expected), got \(outcome)")
        }
    }

    @Test("a run-time arithmetic failure in a policy is reported with the rule, not a crash")
    func failureThroughPolicy() throws {
        let source = """
            id: failing
            version: 1
            effective_from: 2026-01-01
            currency: EUR
            description: A limit that divides by an input.
            inputs:
              months: {type: integer, min: 0}
            tiers:
              - name: A
                terms: {code: NET30, net_days: 30, deposit_pct: 0}
                limit: 12000 / months
            limit_rounding: {mode: down, unit: 0.01}
            reasons: {}
            """
        let policy = try PolicyCompiler.compile(source: source, file: "failing.yaml")
        #expect(try policy.decide(JSONParser.parse(#"{"months": 7}"#), at: Fixtures.clock).limit.amountText == "1714.28")
        #expect(throws: EvaluationFailure.arithmetic(EvaluationError(problem: "division by zero", rule: "limit of tier A"))) {
            try policy.decide(JSONParser.parse(#"{"months": 0}"#), at: Fixtures.clock)
        }
    }
}

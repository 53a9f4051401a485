import Foundation
import Testing

@testable import CreditPolicy

/// Runs one expression through the public engine: it becomes the value of a scorecard
/// characteristic `probe` of `Cases/policies/expressions.yaml`, and the decision's trace says what it gave.
enum ExpressionProbe {
    enum Outcome {
        /// The characteristic's value.
        case value(JSONValue)
        /// The policy did not compile; `offset` is where the first diagnostic sits inside the expression, when it is on its line.
        case diagnostics([Diagnostic], offset: Int?)
        /// Evaluation failed.
        case failure(EvaluationError)
    }

    /// The expression's line is indented this much inside its literal block scalar.
    static let indent = 6

    static let baseSource: Result<String, FixtureError> = {
        do {
            return .success(try String(contentsOf: Fixtures.cases.appending(path: "policies/expressions.yaml"), encoding: .utf8))
        } catch {
            return .failure(FixtureError("\(error)"))
        }
    }()

    /// The policy text with `expression` as the probe's value, and the 1-based line the expression is on.
    static func source(_ expression: String) throws -> (text: String, line: Int) {
        var text = try baseSource.get()
        if !text.hasSuffix("\n") { text += "\n" }
        text += """
            scorecard:
              - name: probe
                reason: PROBE
                missing: 0
                bands:
                  - {points: 0}
                value: |-

            """
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        text += String(repeating: " ", count: indent) + expression + "\n"
        return (text, line)
    }

    static func run(_ expression: String, application: JSONValue) throws -> Outcome {
        let (text, line) = try source(expression)
        let policy: Policy
        do {
            policy = try PolicyCompiler.compile(source: text, file: "expressions.yaml")
        } catch {
            var offset: Int?
            if let first = error.diagnostics.first, first.location.line == line { offset = first.location.column - indent - 1 }
            return .diagnostics(error.diagnostics, offset: offset)
        }
        let decision: Decision
        do {
            decision = try policy.decide(application, at: Fixtures.clock, trace: true)
        } catch .arithmetic(let e) {
            return .failure(e)
        } catch {
            throw FixtureError("\(error)")
        }
        guard let step = decision.trace?.first(where: { $0.kind == .characteristic && $0.name == "probe" }) else {
            throw FixtureError("the trace has no step for the probe")
        }
        return .value(step.result)
    }
}

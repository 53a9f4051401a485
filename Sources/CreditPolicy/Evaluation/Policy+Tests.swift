/// The result of one policy test case.
public struct PolicyTestResult: Sendable {
    /// The case's name.
    public var name: String
    /// Where the case is written.
    public var location: SourceLocation
    /// Every difference between what the case expects and what the policy decided; empty when it passed.
    public var failures: [String]
    /// True when the decision matched every expectation.
    public var passed: Bool { failures.isEmpty }
}

extension Policy {
    /// Runs the policy's own test cases.
    public func runTests() -> [PolicyTestResult] {
        tests.map(run)
    }

    /// Runs one test case: through the document tree (`bind(_:)`) and through the JSON reader
    /// (`bind(json:)`), which must agree.
    public func run(_ test: PolicyTestCase) -> PolicyTestResult {
        var failures: [String] = []
        if let disagreement = readersDisagree(on: test.application, at: test.at ?? effectiveFrom) {
            failures.append(disagreement)
        }
        let e = test.expect
        let clock = test.at ?? effectiveFrom
        let decision: Decision
        switch bind(test.application) {
        case .failure(let errors):
            let paths = errors.errors.map { String($0.path.dropFirst(2)) }
            if let expected = e.inputErrors {
                if paths != expected {
                    failures.append("input errors: expected \(expected.joined(separator: ", ")), got \(paths.joined(separator: ", "))")
                }
            } else {
                failures.append("the application is invalid: \(errors)")
            }
            return PolicyTestResult(name: test.name, location: test.location, failures: failures)
        case .success(let bound):
            if let expected = e.inputErrors {
                failures.append("input errors: expected \(expected.joined(separator: ", ")), but the application is valid")
                return PolicyTestResult(name: test.name, location: test.location, failures: failures)
            }
            do {
                decision = try decide(bound, at: clock)
            } catch {
                return PolicyTestResult(name: test.name, location: test.location, failures: ["\(error)"])
            }
        }
        func check<T: Equatable>(_ what: String, _ expected: T?, _ actual: T, _ show: (T) -> String) {
            if let expected, expected != actual { failures.append("\(what): expected \(show(expected)), got \(show(actual))") }
        }
        func text(_ s: String?) -> String { s ?? "null" }
        check("outcome", e.outcome, decision.outcome, \.rawValue)
        check("tier", e.tier, decision.tier, text)
        check("points", e.points, decision.points) { $0.map(String.init) ?? "null" }
        check("terms", e.terms, decision.terms?.code, text)
        check("net_days", e.netDays, decision.terms?.netDays ?? 0) { String($0) }
        check("deposit_pct", e.depositPct, decision.depositPct, \.description)
        check("limit", e.limit, decision.limit.amount, \.description)
        check("reasons", e.reasons, decision.reasons.map(\.code)) { "[" + $0.joined(separator: ", ") + "]" }
        check("adverse_action", e.adverseAction, decision.adverseAction.map { $0.factors.map(\.reason.code) }) {
            $0.map { "[" + $0.joined(separator: ", ") + "]" } ?? "null"
        }
        return PolicyTestResult(name: test.name, location: test.location, failures: failures)
    }
}

extension Policy {
    /// Decides `application` both ways; describes the difference, if any.
    func readersDisagree(on application: JSONValue, at clock: Timestamp) -> String? {
        func describe(_ r: Result<BoundApplication, InputErrors>) -> String {
            switch r {
            case .failure(let e): return "invalid: \(e)"
            case .success(let b): return (try? decide(b, at: clock).json) ?? "evaluation failed"
            }
        }
        var w = JSONWriter()
        w.value(application)
        let viaTree = describe(bind(application))
        let viaReader: String = w.withBytes { bytes in
            do throws(JSONParser.SyntaxError) { return describe(try bind(json: bytes)) } catch { return "syntax error: \(error)" }
        }
        return viaTree == viaReader ? nil : "the JSON reader and the document tree disagree: \(viaReader) vs \(viaTree)"
    }
}

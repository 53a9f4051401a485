/// A named application in a policy file with the outcome it must get.
public struct PolicyTestCase: Sendable {
    /// The case's name, unique in its file.
    public var name: String
    /// The application document to evaluate.
    public var application: JSONValue
    /// The clock for the evaluation; the policy's `effective_from` when absent.
    public var at: Timestamp?
    /// What the decision must show (any subset of the output).
    public var expect: Expectation
    /// Where the case is written.
    public var location: SourceLocation
}

/// The parts of a decision a test case checks; `nil` means "not checked".
public struct Expectation: Sendable {
    /// Expected outcome.
    public var outcome: Outcome?
    /// Expected tier (`.some(nil)`: no tier).
    public var tier: String??
    /// Expected points (`.some(nil)`: no points).
    public var points: Int??
    /// Expected terms code (`.some(nil)`: no terms).
    public var terms: String??
    /// Expected net days.
    public var netDays: Int?
    /// Expected deposit percentage.
    public var depositPct: ExactDecimal?
    /// Expected limit amount.
    public var limit: ExactDecimal?
    /// Expected reason codes, in order.
    public var reasons: [String]?
    /// Expected adverse-action factor codes in order (`.some(nil)`: no adverse action).
    public var adverseAction: [String]??
    /// The input paths that must be reported invalid (the application must fail validation).
    public var inputErrors: [String]?
}

/// Every decision on an application replayed (`GET /v1/applications/{id}/replay`): the
/// engine's decisions re-evaluated with the stored policy version and clock, and compared with
/// the stored ones byte for byte.
public struct ReplayReport: Codable, Hashable, Sendable {
    /// The application.
    public var applicationID: String
    /// Its decisions, oldest first.
    public var decisions: [ReplayedDecision]
    /// Whether every engine decision replayed identically.
    public var identical: Bool

    /// Creates a report.
    public init(applicationID: String, decisions: [ReplayedDecision], identical: Bool) {
        self.applicationID = applicationID
        self.decisions = decisions
        self.identical = identical
    }

    /// The engine decisions that did not replay identically (differing or failing).
    public var failures: [ReplayedDecision] {
        decisions.filter { $0.result == .different || $0.result == .failed }
    }

    enum CodingKeys: String, CodingKey {
        case applicationID = "application_id"
        case decisions, identical
    }
}

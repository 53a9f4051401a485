/// A decision on an application, by the engine or an officer. Immutable.
public struct DecisionRecord: Sendable, Hashable {
    /// The outcome of a decision.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Credit granted.
        case approve
        /// Sent to a credit officer.
        case refer
        /// Credit refused.
        case decline
    }

    /// Creditgate's id for the decision.
    public var id: String
    /// The application decided.
    public var applicationID: String
    /// `engine`, or the officer (`officer:NAME`) who decided.
    public var madeBy: String
    /// The outcome.
    public var outcome: Outcome
    /// Risk tier, when the scorecard ran.
    public var tier: String?
    /// Scorecard points, when the scorecard ran.
    public var points: Int64?
    /// Payment terms code, when terms were offered.
    public var termsCode: String?
    /// Net days of the terms, when terms were offered.
    public var netDays: Int64?
    /// Deposit percent, exact decimal string.
    public var depositPct: String
    /// Credit limit, exact decimal string.
    public var limitAmount: String
    /// ISO 4217 currency of the limit.
    public var currency: String
    /// Reason codes, in the order the decision lists them.
    public var reasonCodes: [String]
    /// The decision JSON as the engine or officer produced it, byte for byte.
    public var document: String
    /// The policy's id.
    public var policyID: String
    /// The policy's version number.
    public var policyVersion: Int64
    /// SHA-256 of the policy text.
    public var policySHA256: String
    /// The clock the evaluation used, microseconds since the Unix epoch.
    public var evaluatedAtMicros: Int64
    /// When the decision was recorded, microseconds since the Unix epoch.
    public var createdAtMicros: Int64
    /// The second officer who confirmed an officer's decision (four eyes), if one did.
    public var confirmedBy: String?

    /// Creates a decision record.
    public init(
        id: String, applicationID: String, madeBy: String, outcome: Outcome, tier: String?, points: Int64?,
        termsCode: String?, netDays: Int64?, depositPct: String, limitAmount: String, currency: String,
        reasonCodes: [String], document: String, policyID: String, policyVersion: Int64, policySHA256: String,
        evaluatedAtMicros: Int64, createdAtMicros: Int64, confirmedBy: String? = nil
    ) {
        self.confirmedBy = confirmedBy
        self.id = id
        self.applicationID = applicationID
        self.madeBy = madeBy
        self.outcome = outcome
        self.tier = tier
        self.points = points
        self.termsCode = termsCode
        self.netDays = netDays
        self.depositPct = depositPct
        self.limitAmount = limitAmount
        self.currency = currency
        self.reasonCodes = reasonCodes
        self.document = document
        self.policyID = policyID
        self.policyVersion = policyVersion
        self.policySHA256 = policySHA256
        self.evaluatedAtMicros = evaluatedAtMicros
        self.createdAtMicros = createdAtMicros
    }
}

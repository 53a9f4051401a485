/// A referred application waiting for, or decided by, a credit officer.
public struct ReviewRecord: Sendable, Hashable {
    /// Where a review stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Waiting for an officer.
        case open
        /// Waiting for the customer to send more information.
        case awaitingInfo = "awaiting_info"
        /// Approved by one officer; a second must confirm (four eyes).
        case pendingConfirmation = "pending_confirmation"
        /// Done.
        case decided
    }

    /// Creditgate's id for the review.
    public var id: String
    /// The referred application.
    public var applicationID: String
    /// The customer the application is for.
    public var customerID: String
    /// Where it stands.
    public var status: Status
    /// The referral reason code (the first referral rule that fired).
    public var reasonCode: String
    /// The officer working on it, if claimed.
    public var assignee: String?
    /// When it is due, microseconds since the Unix epoch.
    public var dueAtMicros: Int64
    /// Increments on every change.
    public var version: Int64
    /// When it was opened, microseconds since the Unix epoch.
    public var createdAtMicros: Int64
    /// When it last changed, microseconds since the Unix epoch.
    public var updatedAtMicros: Int64
    /// While `pendingConfirmation`: the approval waiting for a second officer, canonical JSON.
    public var pendingApproval: String?
    /// While `awaitingInfo`: what the customer was asked, canonical JSON.
    public var infoRequest: String?
    /// Once decided: `approve` or `decline`.
    public var outcome: String?
    /// Once decided: the officer who approved or declined.
    public var decidedBy: String?
    /// Once decided: when, microseconds since the Unix epoch.
    public var decidedAtMicros: Int64?
    /// Once decided: whether the officer's decision differs from the engine's proposal.
    public var overridesEngine: Bool?

    /// Creates a review record.
    public init(
        id: String, applicationID: String, customerID: String, status: Status, reasonCode: String,
        assignee: String?, dueAtMicros: Int64, version: Int64, createdAtMicros: Int64, updatedAtMicros: Int64,
        pendingApproval: String? = nil, infoRequest: String? = nil, outcome: String? = nil, decidedBy: String? = nil,
        decidedAtMicros: Int64? = nil, overridesEngine: Bool? = nil
    ) {
        self.pendingApproval = pendingApproval
        self.infoRequest = infoRequest
        self.outcome = outcome
        self.decidedBy = decidedBy
        self.decidedAtMicros = decidedAtMicros
        self.overridesEngine = overridesEngine
        self.id = id
        self.applicationID = applicationID
        self.customerID = customerID
        self.status = status
        self.reasonCode = reasonCode
        self.assignee = assignee
        self.dueAtMicros = dueAtMicros
        self.version = version
        self.createdAtMicros = createdAtMicros
        self.updatedAtMicros = updatedAtMicros
    }
}

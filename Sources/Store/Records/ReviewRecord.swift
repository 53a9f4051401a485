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

    /// Creates a review record.
    public init(
        id: String, applicationID: String, customerID: String, status: Status, reasonCode: String,
        assignee: String?, dueAtMicros: Int64, version: Int64, createdAtMicros: Int64, updatedAtMicros: Int64
    ) {
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

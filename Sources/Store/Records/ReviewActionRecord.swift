/// One thing an officer (or the customer, answering a request for information) did to a
/// review. Immutable; in review-version order.
public struct ReviewActionRecord: Sendable, Hashable {
    /// What was done.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        /// An officer took the review.
        case claimed
        /// An officer approved (final, or waiting for a second officer).
        case approved
        /// An officer declined.
        case declined
        /// An officer asked the customer for more information.
        case infoRequested = "info_requested"
        /// The customer answered; the application was re-evaluated.
        case informationReceived = "information_received"
        /// A second officer confirmed an approval (four eyes).
        case confirmed
    }

    /// Creditgate's id for the action.
    public var id: String
    /// The review acted on.
    public var reviewID: String
    /// The review's version after this action.
    public var reviewVersion: Int64
    /// What was done.
    public var action: Action
    /// Who did it: `officer:NAME` or `key:ID`.
    public var actor: String
    /// The officer's note (every officer action has one).
    public var note: String?
    /// Details of the action as canonical JSON (terms, limit, reason codes, message…).
    public var details: String
    /// When, microseconds since the Unix epoch.
    public var createdAtMicros: Int64

    /// Creates a review action record.
    public init(
        id: String, reviewID: String, reviewVersion: Int64, action: Action, actor: String, note: String?,
        details: String, createdAtMicros: Int64
    ) {
        self.id = id
        self.reviewID = reviewID
        self.reviewVersion = reviewVersion
        self.action = action
        self.actor = actor
        self.note = note
        self.details = details
        self.createdAtMicros = createdAtMicros
    }
}

/// The customer's answer to a request for information: the whole application document after
/// the change, and the engine decision on it. Immutable.
public struct InformationRecord: Sendable, Hashable {
    /// Creditgate's id for it.
    public var id: String
    /// The application it completes.
    public var applicationID: String
    /// The API key that sent it.
    public var apiKeyID: String?
    /// The customer's note to the officer, if any.
    public var message: String?
    /// The JSON merge patch as received.
    public var changes: String
    /// The application document after the patch, as evaluated.
    public var document: String
    /// Lowercase hex SHA-256 of `document`.
    public var documentSHA256: String
    /// The engine's decision on `document`.
    public var decisionID: String
    /// When it arrived, microseconds since the Unix epoch.
    public var receivedAtMicros: Int64

    /// Creates an information record.
    public init(
        id: String, applicationID: String, apiKeyID: String?, message: String?, changes: String, document: String,
        documentSHA256: String, decisionID: String, receivedAtMicros: Int64
    ) {
        self.id = id
        self.applicationID = applicationID
        self.apiKeyID = apiKeyID
        self.message = message
        self.changes = changes
        self.document = document
        self.documentSHA256 = documentSHA256
        self.decisionID = decisionID
        self.receivedAtMicros = receivedAtMicros
    }
}

/// An officer's change to a customer's credit profile outside a review. Immutable.
public struct CreditOverrideRecord: Sendable, Hashable {
    /// Creditgate's id for it.
    public var id: String
    /// The customer changed.
    public var customerID: String
    /// Who: `officer:NAME`.
    public var actor: String
    /// Why, in the officer's words.
    public var reason: String
    /// The profile before, canonical JSON.
    public var beforeProfile: String
    /// The profile after, canonical JSON.
    public var afterProfile: String
    /// The customer's version after the change.
    public var customerVersion: Int64
    /// When, microseconds since the Unix epoch.
    public var createdAtMicros: Int64

    /// Creates a credit override record.
    public init(
        id: String, customerID: String, actor: String, reason: String, beforeProfile: String, afterProfile: String,
        customerVersion: Int64, createdAtMicros: Int64
    ) {
        self.id = id
        self.customerID = customerID
        self.actor = actor
        self.reason = reason
        self.beforeProfile = beforeProfile
        self.afterProfile = afterProfile
        self.customerVersion = customerVersion
        self.createdAtMicros = createdAtMicros
    }
}

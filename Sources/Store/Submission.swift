import AuditTrail

/// Everything one application submission records, in one transaction: the customer's CRM
/// record, the application, the engine's decision, the credit profile, a review when referred,
/// the audit entry, the outbox events and the idempotency record.
public struct Submission: Sendable {
    /// The CRM facts; the customer is created, or updated by `crm_id`.
    public var customer: CustomerFacts
    /// The id to give the customer if this submission creates it.
    public var newCustomerID: String
    /// The new credit profile, or `nil` to leave an existing customer's profile as it is.
    public var profile: CreditProfile?
    /// The application as received.
    public var application: NewApplication
    /// The engine's decision; its `applicationID` must be the application's id.
    public var decision: DecisionRecord
    /// The review to open, when the decision is a referral.
    public var review: NewReview?
    /// Who acts, for the audit entry: `key:ID`, `officer:NAME` or `system`.
    public var actor: String
    /// The idempotency key the request carried, if any.
    public var idempotency: IdempotencyRequest?
    /// Builds the answer to store and return, once the customer's id is known.
    public var respond: @Sendable (SubmissionReceipt) -> StoredResponse
    /// Builds the outbox events, once the customer's id is known.
    public var events: @Sendable (SubmissionReceipt) -> [NewOutboxEvent]

    /// Creates a submission.
    public init(
        customer: CustomerFacts, newCustomerID: String, profile: CreditProfile?, application: NewApplication,
        decision: DecisionRecord, review: NewReview?, actor: String, idempotency: IdempotencyRequest?,
        respond: @escaping @Sendable (SubmissionReceipt) -> StoredResponse,
        events: @escaping @Sendable (SubmissionReceipt) -> [NewOutboxEvent]
    ) {
        self.customer = customer
        self.newCustomerID = newCustomerID
        self.profile = profile
        self.application = application
        self.decision = decision
        self.review = review
        self.actor = actor
        self.idempotency = idempotency
        self.respond = respond
        self.events = events
    }
}

/// An application about to be recorded; the customer id is filled in by the store.
public struct NewApplication: Sendable, Hashable {
    /// Creditgate's id for the application.
    public var id: String
    /// The API key that submitted it, if any.
    public var apiKeyID: String?
    /// The JSON document as received, byte for byte.
    public var document: String
    /// Lowercase hex SHA-256 of the document.
    public var documentSHA256: String
    /// The policy version (already recorded with ``CreditStore/recordPolicyVersion(_:actor:)``).
    public var policySHA256: String
    /// When it was received, microseconds since the Unix epoch.
    public var receivedAtMicros: Int64

    /// Creates a new application.
    public init(
        id: String, apiKeyID: String?, document: String, documentSHA256: String, policySHA256: String,
        receivedAtMicros: Int64
    ) {
        self.id = id
        self.apiKeyID = apiKeyID
        self.document = document
        self.documentSHA256 = documentSHA256
        self.policySHA256 = policySHA256
        self.receivedAtMicros = receivedAtMicros
    }
}

/// A review to open for a referred application.
public struct NewReview: Sendable, Hashable {
    /// Creditgate's id for the review.
    public var id: String
    /// The referral reason code.
    public var reasonCode: String
    /// When it is due, microseconds since the Unix epoch.
    public var dueAtMicros: Int64

    /// Creates a new review.
    public init(id: String, reasonCode: String, dueAtMicros: Int64) {
        self.id = id
        self.reasonCode = reasonCode
        self.dueAtMicros = dueAtMicros
    }
}

/// An outbox event about to be recorded; order, customer and audit link are filled in by the store.
public struct NewOutboxEvent: Sendable, Hashable {
    /// Unique id (`webhook-id`).
    public var id: String
    /// Event type, e.g. `decision.made`.
    public var type: String
    /// The id of the thing it is about.
    public var subjectID: String
    /// The JSON payload.
    public var payload: String

    /// Creates a new outbox event.
    public init(id: String, type: String, subjectID: String, payload: String) {
        self.id = id
        self.type = type
        self.subjectID = subjectID
        self.payload = payload
    }
}

/// The idempotency key of a request and what is needed to judge a retry.
public struct IdempotencyRequest: Sendable, Hashable {
    /// The API key that sent the request.
    public var apiKeyID: String
    /// The client's `Idempotency-Key`.
    public var key: String
    /// SHA-256 of the request body.
    public var requestSHA256: String
    /// Keep the record at least until then, microseconds since the Unix epoch.
    public var expiresAtMicros: Int64

    /// Creates an idempotency request.
    public init(apiKeyID: String, key: String, requestSHA256: String, expiresAtMicros: Int64) {
        self.apiKeyID = apiKeyID
        self.key = key
        self.requestSHA256 = requestSHA256
        self.expiresAtMicros = expiresAtMicros
    }
}

/// What the store knows once a submission's customer is resolved.
public struct SubmissionReceipt: Sendable, Hashable {
    /// The application's id.
    public var applicationID: String
    /// The customer's id (existing or new).
    public var customerID: String
    /// The customer's version after this submission.
    public var customerVersion: Int64
    /// Whether this submission created the customer.
    public var createdCustomer: Bool
    /// The audit entry's sequence number.
    public var auditSeq: Int64
}

/// What became of a submission.
public enum SubmissionOutcome: Sendable, Hashable {
    /// Recorded now; the stored answer.
    case recorded(SubmissionReceipt, StoredResponse)
    /// The same idempotency key and body were seen before: the first answer, byte for byte.
    case replayed(StoredResponse)
    /// The same idempotency key is being processed right now (HTTP 409).
    case inFlight
    /// The idempotency key was used before with a different body (HTTP 422).
    case keyReusedWithDifferentRequest
}

import AuditTrail

/// One action on a review, recorded in one transaction: the review's new state (only if the
/// review is still at `expectedVersion`, else ``StoreError/versionConflict(kind:id:expected:actual:)``),
/// the action row, any decision, any re-evaluated information, the customer's new credit
/// profile, the audit entry, the outbox events and, for a request that carried one, the
/// idempotency record.
public struct ReviewChange: Sendable {
    /// The review.
    public var reviewID: String
    /// The version the caller read; the change applies only on top of it.
    public var expectedVersion: Int64
    /// The review's new state (id, application and customer stay; version and `updatedAt`
    /// are set by the store).
    public var status: ReviewRecord.Status
    /// The officer holding the review.
    public var assignee: String?
    /// When it is due.
    public var dueAtMicros: Int64
    /// The approval waiting for a second officer, canonical JSON.
    public var pendingApproval: String?
    /// The request for information, canonical JSON.
    public var infoRequest: String?
    /// `approve` or `decline` once decided.
    public var outcome: String?
    /// The deciding officer, once decided.
    public var decidedBy: String?
    /// Whether the decision differs from the engine's proposal, once decided.
    public var overridesEngine: Bool?
    /// What was done (the store fills in the id's version).
    public var action: ReviewActionRecord.Action
    /// Who did it.
    public var actor: String
    /// The note.
    public var note: String?
    /// Details of the action, canonical JSON.
    public var details: String
    /// When, microseconds since the Unix epoch.
    public var atMicros: Int64
    /// A decision to record (officer's final decision, or the engine's re-evaluation).
    public var decision: DecisionRecord?
    /// Information the customer sent, re-evaluated as `decision`.
    public var information: InformationRecord?
    /// The customer's new credit profile (the customer's version increments).
    public var profile: CreditProfile?
    /// The audit entry's action (`review.claimed`…) and payload.
    public var auditAction: String
    /// The audit payload.
    public var auditPayload: CanonicalValue
    /// Outbox events.
    public var events: [NewOutboxEvent]
    /// The idempotency record to store, with the answer to replay.
    public var idempotency: (request: IdempotencyRequest, response: StoredResponse)?

    /// Creates a review change.
    public init(
        reviewID: String, expectedVersion: Int64, status: ReviewRecord.Status, assignee: String?, dueAtMicros: Int64,
        pendingApproval: String? = nil, infoRequest: String? = nil, outcome: String? = nil, decidedBy: String? = nil,
        overridesEngine: Bool? = nil, action: ReviewActionRecord.Action, actor: String, note: String?,
        details: String, atMicros: Int64, decision: DecisionRecord? = nil, information: InformationRecord? = nil,
        profile: CreditProfile? = nil, auditAction: String, auditPayload: CanonicalValue, events: [NewOutboxEvent],
        idempotency: (request: IdempotencyRequest, response: StoredResponse)? = nil
    ) {
        self.reviewID = reviewID
        self.expectedVersion = expectedVersion
        self.status = status
        self.assignee = assignee
        self.dueAtMicros = dueAtMicros
        self.pendingApproval = pendingApproval
        self.infoRequest = infoRequest
        self.outcome = outcome
        self.decidedBy = decidedBy
        self.overridesEngine = overridesEngine
        self.action = action
        self.actor = actor
        self.note = note
        self.details = details
        self.atMicros = atMicros
        self.decision = decision
        self.information = information
        self.profile = profile
        self.auditAction = auditAction
        self.auditPayload = auditPayload
        self.events = events
        self.idempotency = idempotency
    }
}

/// An officer's change to a customer's credit profile, recorded in one transaction only if
/// the customer is still at `expectedVersion`.
public struct ProfileOverride: Sendable {
    /// The customer.
    public var customerID: String
    /// The version the caller read (`If-Match`).
    public var expectedVersion: Int64
    /// The profile before (as read), for the record.
    public var before: CreditProfile
    /// The new profile.
    public var after: CreditProfile
    /// Who.
    public var actor: String
    /// Why.
    public var reason: String
    /// Id for the override record.
    public var id: String
    /// When, microseconds since the Unix epoch.
    public var atMicros: Int64
    /// Builds the outbox events once the new version is known.
    public var events: @Sendable (_ newVersion: Int64) -> [NewOutboxEvent]

    /// Creates a profile override.
    public init(
        customerID: String, expectedVersion: Int64, before: CreditProfile, after: CreditProfile, actor: String,
        reason: String, id: String, atMicros: Int64, events: @escaping @Sendable (_ newVersion: Int64) -> [NewOutboxEvent]
    ) {
        self.customerID = customerID
        self.expectedVersion = expectedVersion
        self.before = before
        self.after = after
        self.actor = actor
        self.reason = reason
        self.id = id
        self.atMicros = atMicros
        self.events = events
    }
}

/// Which reviews to list.
public struct ReviewQuery: Sendable, Hashable {
    /// Statuses to include; empty: every status but `decided`.
    public var statuses: [ReviewRecord.Status]
    /// Only reviews held by this officer.
    public var assignee: String?
    /// Only reviews due before this time (overdue at `now`).
    public var dueBeforeMicros: Int64?
    /// At most this many, earliest due first.
    public var limit: Int

    /// Creates a query.
    public init(statuses: [ReviewRecord.Status] = [], assignee: String? = nil, dueBeforeMicros: Int64? = nil, limit: Int = 100) {
        self.statuses = statuses
        self.assignee = assignee
        self.dueBeforeMicros = dueBeforeMicros
        self.limit = limit
    }
}

/// The raw facts behind the summary report, for applications received in a time range.
public struct ReportFacts: Sendable {
    /// The engine's first decision per application, counted by outcome.
    public var engineOutcomes: [String: Int]
    /// Applications received in the range.
    public var applications: Int
    /// One per application with a final decision: seconds from receipt to it, whether an
    /// officer made it, and its outcome.
    public var finals: [(micros: Int64, byOfficer: Bool, outcome: String)]
    /// Creates report facts.
    public init(
        engineOutcomes: [String: Int], applications: Int, finals: [(micros: Int64, byOfficer: Bool, outcome: String)],
        queue: [String: Int], overdue: Int, decidedReviews: [(reasonCode: String, officer: String, overridden: Bool)],
        profileOverrides: Int, activeLimits: [(tier: String?, limit: String, currency: String)]
    ) {
        self.engineOutcomes = engineOutcomes
        self.applications = applications
        self.finals = finals
        self.queue = queue
        self.overdue = overdue
        self.decidedReviews = decidedReviews
        self.profileOverrides = profileOverrides
        self.activeLimits = activeLimits
    }

    /// Reviews now, by status (every review, whatever the range).
    public var queue: [String: Int]
    /// Reviews open or pending confirmation whose due time has passed.
    public var overdue: Int
    /// Decided reviews of applications in the range: reason code, deciding officer, override.
    public var decidedReviews: [(reasonCode: String, officer: String, overridden: Bool)]
    /// Officers' credit-profile overrides made in the range.
    public var profileOverrides: Int
    /// Every customer with active credit: tier, limit, currency.
    public var activeLimits: [(tier: String?, limit: String, currency: String)]
}

import AuditTrail

/// Everything durable in Creditgate, behind one protocol with two implementations (SQLite and
/// PostgreSQL, both ``SQLCreditStore``). Every method that changes state does so in one
/// database transaction together with its hash-chained audit entry.
public protocol CreditStore: Sendable {
    /// Which database this is, for logs and `/readyz`.
    var kind: DatabaseKind { get }

    // MARK: State changes (each one transaction with its audit entry)

    /// Records a submission — customer, application, decision, profile, review, audit entry,
    /// outbox events and idempotency record — in one transaction, or replays the first answer
    /// to its idempotency key.
    func submit(_ submission: Submission) async throws -> SubmissionOutcome

    /// Stores a policy text by its hash (once; later calls change nothing) with an audit entry
    /// `policy.recorded`. Returns `true` when it was new.
    @discardableResult
    func recordPolicyVersion(_ policy: PolicyVersionRecord, actor: String) async throws -> Bool

    /// Records an event that changes nothing else (a policy reload, say) as an audit entry.
    @discardableResult
    func recordEvent(_ record: AuditRecord) async throws -> AuditEntry

    /// Stores a new API key (its hash only) with an audit entry `api_key.created`.
    func createAPIKey(_ key: APIKeyRecord, actor: String) async throws

    /// Revokes an API key with an audit entry `api_key.revoked`; revoking twice changes nothing
    /// and returns `false`.
    @discardableResult
    func revokeAPIKey(id: String, atMicros: Int64, actor: String) async throws -> Bool

    /// Deletes idempotency records that expired before `nowMicros`, with an audit entry
    /// `idempotency.purged` when any were deleted. Returns how many.
    @discardableResult
    func purgeIdempotencyRecords(expiredBefore nowMicros: Int64, actor: String) async throws -> Int

    /// Records one action on a review (claim, approve, decline, request information, the
    /// customer's answer, confirm) in one transaction with its audit entry and outbox events,
    /// only if the review is still at `change.expectedVersion`
    /// (``StoreError/versionConflict(kind:id:expected:actual:)`` otherwise). Returns the review
    /// as it now is.
    func changeReview(_ change: ReviewChange) async throws -> ReviewRecord

    /// Changes a customer's credit profile (an officer's override) in one transaction with its
    /// audit entry and outbox events, only if the customer is still at `change.expectedVersion`.
    func overrideCreditProfile(_ change: ProfileOverride) async throws -> CustomerRecord

    /// Stores a signed checkpoint of the audit log (once per size) with an audit entry
    /// `audit.checkpointed`. Returns `false` when one for that size was already stored.
    @discardableResult
    func recordCheckpoint(_ checkpoint: CheckpointRecord, actor: String) async throws -> Bool

    // MARK: Webhooks (see migrations/0004_webhooks.sql)

    /// Stores a subscription, starting after the current audit head, with an audit entry.
    func createWebhook(_ subscription: WebhookSubscriptionRecord, actor: String) async throws
        -> WebhookSubscriptionRecord
    /// Every subscription, oldest first.
    func webhooks() async throws -> [WebhookSubscriptionRecord]
    /// Removes a subscription with an audit entry; `false` when it was already removed.
    @discardableResult
    func removeWebhook(id: String, atMicros: Int64, actor: String) async throws -> Bool
    /// Replaces a subscription's sealed secrets with an audit entry.
    func replaceWebhookSecrets(id: String, sealedSecrets: String, atMicros: Int64, actor: String) async throws
    /// Fans new outbox events out into deliveries; returns how many events were read.
    @discardableResult
    func fanOutOutbox(limit: Int, nowMicros: Int64) async throws -> Int
    /// Leases due deliveries, the earliest pending one per (subscription, customer).
    func claimDeliveries(limit: Int, nowMicros: Int64, leaseMicros: Int64) async throws -> [WebhookDelivery]
    /// Records an attempt's outcome and releases its lease.
    func completeDelivery(subscriptionID: String, eventID: String, outcome: DeliveryOutcome, nowMicros: Int64)
        async throws
    /// Dead-lettered deliveries, oldest first.
    func deadLetters(limit: Int) async throws -> [WebhookDelivery]
    /// Queues a dead-lettered delivery again, with an audit entry; `false` when it was not dead.
    @discardableResult
    func redeliver(subscriptionID: String, eventID: String, nowMicros: Int64, actor: String) async throws -> Bool
    /// Deliveries by status.
    func deliveryCounts() async throws -> [String: Int]
    /// One delivery, whatever its status.
    func delivery(subscriptionID: String, eventID: String) async throws -> WebhookDelivery?
    /// Queues a `webhook.test` event for one subscription, with its audit entry.
    func queueWebhookTest(subscriptionID: String, eventID: String, payload: String, atMicros: Int64, actor: String)
        async throws

    // MARK: Reads

    /// The customer with this Creditgate id.
    func customer(id: String) async throws -> CustomerRecord?
    /// The customer with this CRM id.
    func customer(crmID: String) async throws -> CustomerRecord?
    /// The application with this id.
    func application(id: String) async throws -> ApplicationRecord?
    /// A customer's applications, newest first, at most `limit`.
    func applications(customerID: String, limit: Int) async throws -> [ApplicationRecord]
    /// The decisions on an application, oldest first.
    func decisions(applicationID: String) async throws -> [DecisionRecord]
    /// The review opened for an application, if it was referred.
    func review(applicationID: String) async throws -> ReviewRecord?
    /// A review by its id.
    func review(id: String) async throws -> ReviewRecord?
    /// Reviews matching a query, earliest due first.
    func reviews(_ query: ReviewQuery) async throws -> [ReviewRecord]
    /// What was done to a review after it opened, in order.
    func reviewActions(reviewID: String) async throws -> [ReviewActionRecord]
    /// The customer's answers to requests for information on an application, oldest first.
    func information(applicationID: String) async throws -> [InformationRecord]
    /// Officers' overrides of a customer's credit profile, oldest first.
    func creditOverrides(customerID: String) async throws -> [CreditOverrideRecord]
    /// The raw facts behind the summary report for applications received in `[from, to)`.
    func reportFacts(fromMicros: Int64, toMicros: Int64, nowMicros: Int64) async throws -> ReportFacts
    /// A stored policy text by its SHA-256.
    func policyVersion(sha256: String) async throws -> PolicyVersionRecord?
    /// The API key whose secret hashes to this value.
    func apiKey(secretSHA256: String) async throws -> APIKeyRecord?
    /// Every API key, oldest first.
    func apiKeys() async throws -> [APIKeyRecord]
    /// The stored answer for an idempotency key, if any.
    func idempotencyRecord(apiKeyID: String, key: String) async throws -> IdempotencyRecord?
    /// Audit entries with `seq > afterSeq`, in order, at most `limit`.
    func auditEntries(afterSeq: Int64, limit: Int) async throws -> [AuditEntry]
    /// Audit entries matching a query, in log order after its cursor.
    func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry]
    /// One audit entry by its seq.
    func auditEntry(seq: Int64) async throws -> AuditEntry?
    /// Stored checkpoints by size, at most `limit` after `afterSize`.
    func checkpoints(afterSize: Int64, limit: Int) async throws -> [CheckpointRecord]
    /// The last audit entry's seq and hash (the genesis head for an empty log).
    func auditHead() async throws -> ChainHead
    /// Outbox events after an audit seq, in commit order, at most `limit`.
    func outboxEvents(afterAuditSeq: Int64, limit: Int) async throws -> [OutboxEvent]
    /// Row counts of every table.
    func statistics() async throws -> StoreStatistics

    /// Finishes pending writes and closes connections. Later calls fail with ``StoreError/closed``.
    func shutdown() async throws
}

extension CreditStore {
    /// Recomputes the whole audit chain from the database, page by page, and compares its end
    /// with the recorded chain head, so that entries deleted from the end are found too
    /// (unless the head row was rewritten as well: that takes a signed checkpoint to find).
    public func verifyAuditChain(pageSize: Int = 5_000) async throws -> VerificationReport {
        let recordedHead = try await auditHead()
        var verifier = ChainVerifier()
        var after: Int64 = 0
        while true {
            let page = try await auditEntries(afterSeq: after, limit: pageSize)
            for entry in page where verifier.check(entry) != nil {
                return verifier.report
            }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.seq
        }
        var report = verifier.report
        // Entries appended after the head was read are fine; fewer entries than the head records are not.
        if report.headSeq < recordedHead.seq {
            report.ok = false
            report.firstFailure = VerificationFailure(
                seq: report.headSeq + 1, kind: .missing,
                detail: "the chain head records \(recordedHead.seq) entries but the log ends at \(report.headSeq)")
        } else if report.headSeq == recordedHead.seq, report.headHash != recordedHead.hash {
            report.ok = false
            report.firstFailure = VerificationFailure(
                seq: report.headSeq, kind: .edited, detail: "the last entry's hash differs from the recorded chain head")
        }
        return report
    }
}

/// Which database a store is on.
public enum DatabaseKind: String, Sendable, Hashable, CaseIterable {
    /// One SQLite file, the embedded default.
    case sqlite
    /// A PostgreSQL server.
    case postgres
}

/// How many rows each table holds.
public struct StoreStatistics: Sendable, Hashable, Codable {
    /// Customers.
    public var customers: Int
    /// Applications.
    public var applications: Int
    /// Decisions.
    public var decisions: Int
    /// Reviews.
    public var reviews: Int
    /// Audit entries.
    public var auditEntries: Int
    /// Outbox events.
    public var outboxEvents: Int
    /// Idempotency records.
    public var idempotencyRecords: Int
    /// Policy versions.
    public var policyVersions: Int
    /// API keys.
    public var apiKeys: Int
}

import AuditTrail
import SQLKit

extension SQLCreditStore {
    /// Records a submission in one group-commit transaction, or replays its idempotency key.
    public func submit(_ submission: Submission) async throws -> SubmissionOutcome {
        if let request = submission.idempotency {
            switch inFlight.claim(request) {
            case .claimed: break
            case .inFlight: return .inFlight
            }
        }
        defer {
            if let request = submission.idempotency { inFlight.release(request) }
        }
        return try await committer.perform(submission: submission) { transaction in
            try await Self.record(submission, in: transaction)
        }
    }

    /// The body of a submission inside the transaction.
    static func record(_ submission: Submission, in transaction: WriteTransaction) async throws
        -> SubmissionOutcome
    {
        guard let prepared = transaction.prepared[submission.application.id] else {
            throw StoreError.corruptRow(table: "*", key: submission.application.id, reason: "submission not prepared")
        }
        if let (hash, response) = prepared.stored {
            // Committed earlier, by this process or another one on the same database.
            return hash == submission.idempotency?.requestSHA256 ? .replayed(response) : .keyReusedWithDifferentRequest
        }
        guard let (customerID, customerVersion) = prepared.customer else {
            throw StoreError.corruptRow(table: "customers", key: submission.application.id, reason: "no customer")
        }

        let application = submission.application
        let decision = submission.decision
        let now = application.receivedAtMicros

        // The audit entry first: its seq orders the outbox events.
        var payload: [String: CanonicalValue] = [
            "application_id": .string(application.id),
            "customer_id": .string(customerID),
            "customer_version": .integer(customerVersion),
            "crm_id": .string(submission.customer.crmID),
            "decision_id": .string(decision.id),
            "made_by": .string(decision.madeBy),
            "outcome": .string(decision.outcome.rawValue),
            "tier": decision.tier.map { .string($0) } ?? .null,
            "points": decision.points.map { .integer($0) } ?? .null,
            "terms_code": decision.termsCode.map { .string($0) } ?? .null,
            "net_days": decision.netDays.map { .integer($0) } ?? .null,
            "deposit_pct": .string(decision.depositPct),
            "limit": ["amount": .string(decision.limitAmount), "currency": .string(decision.currency)],
            "reason_codes": .array(decision.reasonCodes.map { .string($0) }),
            "policy": [
                "id": .string(decision.policyID), "version": .integer(decision.policyVersion),
                "sha256": .string(decision.policySHA256),
            ],
            "evaluated_at_us": .integer(decision.evaluatedAtMicros),
            "document_sha256": .string(application.documentSHA256),
            "decision_sha256": .string(SHA256Hex.of(decision.document)),
        ]
        if let review = submission.review { payload["review_id"] = .string(review.id) }
        if let profile = submission.profile { payload["credit_status"] = .string(profile.status.rawValue) }
        let entry = try transaction.appendAudit(
            AuditRecord(
                timeMicros: now, actor: submission.actor, action: "application.decided",
                subjectType: "application", subjectID: application.id, payload: .object(payload)))

        let receipt = SubmissionReceipt(
            applicationID: application.id, customerID: customerID, customerVersion: customerVersion,
            createdCustomer: customerID == submission.newCustomerID, auditSeq: entry.seq)
        let response = submission.respond(receipt)

        transaction.queue(
            .applications,
            [
                application.id, customerID, application.apiKeyID, application.document, application.documentSHA256,
                application.policySHA256, application.receivedAtMicros,
            ])
        transaction.queue(
            .decisions,
            [
                decision.id, application.id, decision.madeBy, decision.outcome.rawValue, decision.tier, decision.points,
                decision.termsCode, decision.netDays, decision.depositPct, decision.limitAmount, decision.currency,
                jsonList(decision.reasonCodes), decision.document, decision.policyID, decision.policyVersion,
                decision.policySHA256, decision.evaluatedAtMicros, decision.createdAtMicros,
            ])
        if let review = submission.review {
            transaction.queue(
                .reviews,
                [
                    review.id, application.id, customerID, ReviewRecord.Status.open.rawValue, review.reasonCode,
                    String?.none, review.dueAtMicros, Int64(1), now, now,
                ])
        }
        for (position, event) in submission.events(receipt).enumerated() {
            transaction.queue(
                .outboxEvents,
                [event.id, event.type, customerID, event.subjectID, event.payload, entry.seq, Int64(position), now])
        }
        if let request = submission.idempotency {
            transaction.queue(
                .idempotencyRecords,
                [
                    request.apiKeyID, request.key, request.requestSHA256, Int64(response.status), response.body,
                    application.id, now, request.expiresAtMicros,
                ])
        }
        return .recorded(receipt, response)
    }
}

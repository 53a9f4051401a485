import AuditTrail
import SQLKit

extension SQLCreditStore {
    /// Records a submission in one group-commit transaction, or replays its idempotency key.
    public func submit(_ submission: Submission) async throws -> SubmissionOutcome {
        if let request = submission.idempotency {
            switch inFlight.claim(request) {
            case .claimed: break
            case .inFlight: return .inFlight
            case .differentRequest: return .keyReusedWithDifferentRequest
            }
        }
        defer {
            if let request = submission.idempotency { inFlight.release(request) }
        }
        // A retry after the first answer committed is only a read.
        if let request = submission.idempotency,
            let stored = try await idempotencyRecord(apiKeyID: request.apiKeyID, key: request.key)
        {
            return Self.judge(retry: request, against: stored)
        }
        return try await committer.perform { transaction in
            try await Self.record(submission, in: transaction)
        }
    }

    static func judge(retry request: IdempotencyRequest, against stored: IdempotencyRecord) -> SubmissionOutcome {
        stored.requestSHA256 == request.requestSHA256 ? .replayed(stored.response) : .keyReusedWithDifferentRequest
    }

    /// The body of a submission inside the transaction.
    static func record(_ submission: Submission, in transaction: WriteTransaction) async throws
        -> SubmissionOutcome
    {
        let db = transaction.db
        // Another process (a second instance, or the CLI on the same SQLite file) may have
        // committed this key since the check outside the transaction.
        if let request = submission.idempotency,
            let row = try await db.raw(
                """
                SELECT request_sha256, status_code, response_body FROM idempotency_records
                WHERE api_key_id = \(bind: request.apiKeyID) AND idempotency_key = \(bind: request.key)
                """
            ).first()
        {
            let stored = StoredResponse(
                status: Int(try row.decode(column: "status_code", as: Int64.self)),
                body: try row.decode(column: "response_body", as: String.self))
            let hash = try row.decode(column: "request_sha256", as: String.self)
            return hash == request.requestSHA256 ? .replayed(stored) : .keyReusedWithDifferentRequest
        }

        let application = submission.application
        let decision = submission.decision
        let now = application.receivedAtMicros
        let (customerID, customerVersion) = try await upsertCustomer(submission, at: now, in: db)

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

    /// Creates the customer or updates its CRM facts (and profile, when the submission sets one);
    /// returns its id and new version.
    private static func upsertCustomer(_ submission: Submission, at now: Int64, in db: any SQLDatabase)
        async throws -> (id: String, version: Int64)
    {
        let facts = submission.customer
        let profile = submission.profile ?? .undecided
        let profileUpdate: String =
            submission.profile == nil
            ? ""
            : """
            , credit_status = excluded.credit_status, credit_limit = excluded.credit_limit,
            currency = excluded.currency, terms_code = excluded.terms_code, net_days = excluded.net_days,
            deposit_pct = excluded.deposit_pct, tier = excluded.tier, next_review_date = excluded.next_review_date
            """
        let row = try await db.raw(
            """
            INSERT INTO customers (id, crm_id, legal_name, registration_number, country, contact_email,
                credit_status, credit_limit, currency, terms_code, net_days, deposit_pct, tier, next_review_date,
                version, created_at_us, updated_at_us)
            VALUES (\(bind: submission.newCustomerID), \(bind: facts.crmID), \(bind: facts.legalName),
                \(bind: facts.registrationNumber), \(bind: facts.country), \(bind: facts.contactEmail),
                \(bind: profile.status.rawValue), \(bind: profile.limit), \(bind: profile.currency),
                \(bind: profile.termsCode), \(bind: profile.netDays), \(bind: profile.depositPct), \(bind: profile.tier),
                \(bind: profile.nextReviewDate), 1, \(bind: now), \(bind: now))
            ON CONFLICT (crm_id) DO UPDATE SET
                legal_name = excluded.legal_name,
                registration_number = COALESCE(excluded.registration_number, customers.registration_number),
                country = COALESCE(excluded.country, customers.country),
                contact_email = COALESCE(excluded.contact_email, customers.contact_email)\(unsafeRaw: profileUpdate),
                version = customers.version + 1,
                updated_at_us = excluded.updated_at_us
            RETURNING id, version
            """
        ).first()
        guard let row else {
            throw StoreError.corruptRow(table: "customers", key: "crm_id", reason: "upsert returned no row")
        }
        return (try row.decode(column: "id", as: String.self), try row.decode(column: "version", as: Int64.self))
    }
}

import AuditTrail
import SQLKit

extension SQLCreditStore {
    static let reviewColumns = """
        id, application_id, customer_id, status, reason_code, assignee, due_at_us, version, created_at_us,
        updated_at_us, pending_approval, info_request, outcome, decided_by, decided_at_us, overrides_engine
        """

    static func review(from row: any SQLRow) throws -> ReviewRecord {
        let id = try row.decode(column: "id", as: String.self)
        guard let status = ReviewRecord.Status(rawValue: try row.decode(column: "status", as: String.self)) else {
            throw StoreError.corruptRow(table: "reviews", key: id, reason: "unknown status")
        }
        return ReviewRecord(
            id: id,
            applicationID: try row.decode(column: "application_id", as: String.self),
            customerID: try row.decode(column: "customer_id", as: String.self),
            status: status,
            reasonCode: try row.decode(column: "reason_code", as: String.self),
            assignee: try optional(row, "assignee", as: String.self),
            dueAtMicros: try row.decode(column: "due_at_us", as: Int64.self),
            version: try row.decode(column: "version", as: Int64.self),
            createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self),
            updatedAtMicros: try row.decode(column: "updated_at_us", as: Int64.self),
            pendingApproval: try optional(row, "pending_approval", as: String.self),
            infoRequest: try optional(row, "info_request", as: String.self),
            outcome: try optional(row, "outcome", as: String.self),
            decidedBy: try optional(row, "decided_by", as: String.self),
            decidedAtMicros: try optional(row, "decided_at_us", as: Int64.self),
            overridesEngine: try optional(row, "overrides_engine", as: Int64.self).map { $0 != 0 })
    }

    /// A review by its id.
    public func review(id: String) async throws -> ReviewRecord? {
        try await backend.withReader { db in
            try await db.raw("SELECT \(unsafeRaw: Self.reviewColumns) FROM reviews WHERE id = \(bind: id)").first()
                .map(Self.review(from:))
        }
    }

    /// Reviews matching a query, earliest due first.
    public func reviews(_ query: ReviewQuery) async throws -> [ReviewRecord] {
        let statuses =
            query.statuses.isEmpty ? ReviewRecord.Status.allCases.filter { $0 != .decided } : query.statuses
        return try await backend.withReader { db in
            var sql = SQLQueryString("SELECT \(unsafeRaw: Self.reviewColumns) FROM reviews WHERE status IN (")
            for (index, status) in statuses.enumerated() {
                if index > 0 { sql.appendLiteral(", ") }
                sql.appendInterpolation(bind: status.rawValue)
            }
            sql.appendLiteral(")")
            if let assignee = query.assignee {
                sql.appendLiteral(" AND assignee = ")
                sql.appendInterpolation(bind: assignee)
            }
            if let before = query.dueBeforeMicros {
                sql.appendLiteral(" AND due_at_us < ")
                sql.appendInterpolation(bind: before)
            }
            sql.appendLiteral(" ORDER BY due_at_us, id LIMIT ")
            sql.appendInterpolation(bind: Int64(max(1, min(query.limit, 1_000))))
            return try await db.raw(sql).all().map(Self.review(from:))
        }
    }

    /// Everything done to a review after it opened, in order.
    public func reviewActions(reviewID: String) async throws -> [ReviewActionRecord] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT id, review_id, review_version, action, actor, note, details, created_at_us
                FROM review_actions WHERE review_id = \(bind: reviewID) ORDER BY review_version
                """
            ).all().map { row in
                let id = try row.decode(column: "id", as: String.self)
                guard let action = ReviewActionRecord.Action(rawValue: try row.decode(column: "action", as: String.self))
                else { throw StoreError.corruptRow(table: "review_actions", key: id, reason: "unknown action") }
                return ReviewActionRecord(
                    id: id, reviewID: try row.decode(column: "review_id", as: String.self),
                    reviewVersion: try row.decode(column: "review_version", as: Int64.self), action: action,
                    actor: try row.decode(column: "actor", as: String.self),
                    note: try Self.optional(row, "note", as: String.self),
                    details: try row.decode(column: "details", as: String.self),
                    createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self))
            }
        }
    }

    /// The customer's answers to requests for information on an application, oldest first.
    public func information(applicationID: String) async throws -> [InformationRecord] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT id, application_id, api_key_id, message, changes, document, document_sha256, decision_id,
                    received_at_us
                FROM application_information WHERE application_id = \(bind: applicationID)
                ORDER BY received_at_us, id
                """
            ).all().map { row in
                InformationRecord(
                    id: try row.decode(column: "id", as: String.self),
                    applicationID: try row.decode(column: "application_id", as: String.self),
                    apiKeyID: try Self.optional(row, "api_key_id", as: String.self),
                    message: try Self.optional(row, "message", as: String.self),
                    changes: try row.decode(column: "changes", as: String.self),
                    document: try row.decode(column: "document", as: String.self),
                    documentSHA256: try row.decode(column: "document_sha256", as: String.self),
                    decisionID: try row.decode(column: "decision_id", as: String.self),
                    receivedAtMicros: try row.decode(column: "received_at_us", as: Int64.self))
            }
        }
    }

    /// Officers' overrides of a customer's credit profile, oldest first.
    public func creditOverrides(customerID: String) async throws -> [CreditOverrideRecord] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT id, customer_id, actor, reason, before_profile, after_profile, customer_version, created_at_us
                FROM credit_overrides WHERE customer_id = \(bind: customerID) ORDER BY created_at_us, id
                """
            ).all().map { row in
                CreditOverrideRecord(
                    id: try row.decode(column: "id", as: String.self),
                    customerID: try row.decode(column: "customer_id", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    reason: try row.decode(column: "reason", as: String.self),
                    beforeProfile: try row.decode(column: "before_profile", as: String.self),
                    afterProfile: try row.decode(column: "after_profile", as: String.self),
                    customerVersion: try row.decode(column: "customer_version", as: Int64.self),
                    createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self))
            }
        }
    }

    // MARK: - Changes

    /// Records one action on a review in one transaction, only if the review is still at the
    /// version the caller read (two officers acting at once: exactly one wins).
    public func changeReview(_ change: ReviewChange) async throws -> ReviewRecord {
        try await committer.perform { transaction in
            let db = transaction.db
            guard
                let current = try await db.raw(
                    "SELECT \(unsafeRaw: Self.reviewColumns) FROM reviews WHERE id = \(bind: change.reviewID)"
                ).first().map(Self.review(from:))
            else {
                throw StoreError.notFound(kind: "review", id: change.reviewID)
            }
            guard current.version == change.expectedVersion else {
                throw StoreError.versionConflict(
                    kind: "review", id: change.reviewID, expected: change.expectedVersion, actual: current.version)
            }
            if let request = change.idempotency?.request,
                try await db.raw(
                    """
                    SELECT 1 AS found FROM idempotency_records
                    WHERE api_key_id = \(bind: request.apiKeyID) AND idempotency_key = \(bind: request.key)
                    """
                ).first() != nil
            {
                // The same key committed meanwhile (another instance): the caller replays it.
                throw StoreError.versionConflict(
                    kind: "review", id: change.reviewID, expected: change.expectedVersion, actual: current.version)
            }
            let version = current.version + 1
            let updated = try await db.raw(
                """
                UPDATE reviews SET status = \(bind: change.status.rawValue), assignee = \(bind: change.assignee),
                    due_at_us = \(bind: change.dueAtMicros), pending_approval = \(bind: change.pendingApproval),
                    info_request = \(bind: change.infoRequest), outcome = \(bind: change.outcome),
                    decided_by = \(bind: change.decidedBy),
                    decided_at_us = \(bind: change.outcome == nil ? nil : change.atMicros),
                    overrides_engine = \(bind: change.overridesEngine.map { Int64($0 ? 1 : 0) }),
                    version = \(bind: version), updated_at_us = \(bind: change.atMicros)
                WHERE id = \(bind: change.reviewID) AND version = \(bind: change.expectedVersion)
                RETURNING \(unsafeRaw: Self.reviewColumns)
                """
            ).first().map(Self.review(from:))
            guard let review = updated else {
                throw StoreError.versionConflict(
                    kind: "review", id: change.reviewID, expected: change.expectedVersion, actual: current.version + 1)
            }
            try await db.raw(
                """
                INSERT INTO review_actions (id, review_id, review_version, action, actor, note, details, created_at_us)
                VALUES (\(bind: "rva_\(change.reviewID.dropFirst(4))_\(version)"), \(bind: change.reviewID),
                    \(bind: version), \(bind: change.action.rawValue), \(bind: change.actor), \(bind: change.note),
                    \(bind: change.details), \(bind: change.atMicros))
                """
            ).run()
            if let decision = change.decision {
                try await Self.insert(decision, into: db)
            }
            if let information = change.information {
                try await db.raw(
                    """
                    INSERT INTO application_information (id, application_id, api_key_id, message, changes, document,
                        document_sha256, decision_id, received_at_us)
                    VALUES (\(bind: information.id), \(bind: information.applicationID), \(bind: information.apiKeyID),
                        \(bind: information.message), \(bind: information.changes), \(bind: information.document),
                        \(bind: information.documentSHA256), \(bind: information.decisionID),
                        \(bind: information.receivedAtMicros))
                    """
                ).run()
            }
            var customerVersion: Int64?
            if let profile = change.profile {
                customerVersion = try await Self.setProfile(
                    profile, customerID: review.customerID, expectedVersion: nil, at: change.atMicros, in: db)
            }
            var payload: [String: CanonicalValue] = [
                "review_id": .string(review.id), "application_id": .string(review.applicationID),
                "customer_id": .string(review.customerID), "review_version": .integer(version),
                "status": .string(review.status.rawValue), "details": change.auditPayload,
            ]
            if let note = change.note { payload["note_sha256"] = .string(SHA256Hex.of(note)) }
            if let decision = change.decision {
                payload["decision_id"] = .string(decision.id)
                payload["decision_sha256"] = .string(SHA256Hex.of(decision.document))
            }
            if let customerVersion { payload["customer_version"] = .integer(customerVersion) }
            let entry = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: change.atMicros, actor: change.actor, action: change.auditAction,
                    subjectType: "review", subjectID: review.id, payload: .object(payload)))
            for (position, event) in change.events.enumerated() {
                transaction.queue(
                    .outboxEvents,
                    [
                        event.id, event.type, review.customerID, event.subjectID, event.payload, entry.seq,
                        Int64(position), change.atMicros,
                    ])
            }
            if let (request, response) = change.idempotency {
                transaction.queue(
                    .idempotencyRecords,
                    [
                        request.apiKeyID, request.key, request.requestSHA256, Int64(response.status), response.body,
                        review.applicationID, change.atMicros, request.expiresAtMicros,
                    ])
            }
            return review
        }
    }

    /// Changes a customer's credit profile in one transaction, only if the customer is still at
    /// the version the caller read (`If-Match`).
    public func overrideCreditProfile(_ change: ProfileOverride) async throws -> CustomerRecord {
        try await committer.perform { transaction in
            let db = transaction.db
            let version = try await Self.setProfile(
                change.after, customerID: change.customerID, expectedVersion: change.expectedVersion,
                at: change.atMicros, in: db)
            let before = Self.canonical(change.before)
            let after = Self.canonical(change.after)
            try await db.raw(
                """
                INSERT INTO credit_overrides (id, customer_id, actor, reason, before_profile, after_profile,
                    customer_version, created_at_us)
                VALUES (\(bind: change.id), \(bind: change.customerID), \(bind: change.actor), \(bind: change.reason),
                    \(bind: CanonicalJSON.string(before)), \(bind: CanonicalJSON.string(after)), \(bind: version),
                    \(bind: change.atMicros))
                """
            ).run()
            let entry = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: change.atMicros, actor: change.actor, action: "customer.credit_profile.overridden",
                    subjectType: "customer", subjectID: change.customerID,
                    payload: [
                        "override_id": .string(change.id), "customer_version": .integer(version),
                        "reason_sha256": .string(SHA256Hex.of(change.reason)), "before": before, "after": after,
                    ]))
            for (position, event) in change.events(version).enumerated() {
                transaction.queue(
                    .outboxEvents,
                    [
                        event.id, event.type, change.customerID, event.subjectID, event.payload, entry.seq,
                        Int64(position), change.atMicros,
                    ])
            }
            guard
                let row = try await db.raw(
                    "SELECT \(unsafeRaw: Self.customerColumns) FROM customers WHERE id = \(bind: change.customerID)"
                ).first()
            else {
                throw StoreError.notFound(kind: "customer", id: change.customerID)
            }
            return try Self.customer(from: row)
        }
    }

    /// Sets a customer's credit profile and increments its version; with `expectedVersion`,
    /// only from that version. Returns the new version.
    static func setProfile(
        _ profile: CreditProfile, customerID: String, expectedVersion: Int64?, at now: Int64, in db: any SQLDatabase
    ) async throws -> Int64 {
        var sql: SQLQueryString = """
            UPDATE customers SET credit_status = \(bind: profile.status.rawValue), credit_limit = \(bind: profile.limit),
                currency = \(bind: profile.currency), terms_code = \(bind: profile.termsCode),
                net_days = \(bind: profile.netDays), deposit_pct = \(bind: profile.depositPct), tier = \(bind: profile.tier),
                next_review_date = \(bind: profile.nextReviewDate), version = version + 1, updated_at_us = \(bind: now)
            WHERE id = \(bind: customerID)
            """
        if let expectedVersion {
            sql.appendLiteral(" AND version = ")
            sql.appendInterpolation(bind: expectedVersion)
        }
        sql.appendLiteral(" RETURNING version")
        if let row = try await db.raw(sql).first() {
            return try row.decode(column: "version", as: Int64.self)
        }
        guard
            let row = try await db.raw("SELECT version FROM customers WHERE id = \(bind: customerID)").first()
        else {
            throw StoreError.notFound(kind: "customer", id: customerID)
        }
        throw StoreError.versionConflict(
            kind: "customer", id: customerID, expected: expectedVersion ?? 0,
            actual: try row.decode(column: "version", as: Int64.self))
    }

    static func insert(_ decision: DecisionRecord, into db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO decisions (id, application_id, made_by, outcome, tier, points, terms_code, net_days,
                deposit_pct, limit_amount, currency, reason_codes, document, policy_id, policy_version, policy_sha256,
                evaluated_at_us, created_at_us, confirmed_by)
            VALUES (\(bind: decision.id), \(bind: decision.applicationID), \(bind: decision.madeBy),
                \(bind: decision.outcome.rawValue), \(bind: decision.tier), \(bind: decision.points),
                \(bind: decision.termsCode), \(bind: decision.netDays), \(bind: decision.depositPct),
                \(bind: decision.limitAmount), \(bind: decision.currency), \(bind: jsonList(decision.reasonCodes)),
                \(bind: decision.document), \(bind: decision.policyID), \(bind: decision.policyVersion),
                \(bind: decision.policySHA256), \(bind: decision.evaluatedAtMicros), \(bind: decision.createdAtMicros),
                \(bind: decision.confirmedBy))
            """
        ).run()
    }

    /// A credit profile as canonical JSON (for override records and audit payloads).
    static func canonical(_ profile: CreditProfile) -> CanonicalValue {
        func text(_ value: String?) -> CanonicalValue { value.map { .string($0) } ?? .null }
        return [
            "status": .string(profile.status.rawValue), "limit": text(profile.limit), "currency": text(profile.currency),
            "terms_code": text(profile.termsCode), "net_days": profile.netDays.map { .integer($0) } ?? .null,
            "deposit_pct": text(profile.depositPct), "tier": text(profile.tier),
            "next_review_date": text(profile.nextReviewDate),
        ]
    }

    // MARK: - Report

    /// The raw facts behind the summary report for applications received in `[from, to)`.
    public func reportFacts(fromMicros: Int64, toMicros: Int64, nowMicros: Int64) async throws -> ReportFacts {
        try await backend.withReader { db in
            var engine: [String: Int] = [:]
            for row in try await db.raw(
                """
                SELECT d.outcome AS outcome, COUNT(*) AS n FROM decisions d
                JOIN applications a ON a.id = d.application_id
                WHERE a.received_at_us >= \(bind: fromMicros) AND a.received_at_us < \(bind: toMicros)
                    AND d.made_by = 'engine'
                    AND NOT EXISTS (SELECT 1 FROM application_information i WHERE i.decision_id = d.id)
                GROUP BY d.outcome
                """
            ).all() {
                engine[try row.decode(column: "outcome", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
            }
            let applications = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM applications
                WHERE received_at_us >= \(bind: fromMicros) AND received_at_us < \(bind: toMicros)
                """
            ).first().map { Int(try $0.decode(column: "n", as: Int64.self)) } ?? 0
            let finals = try await db.raw(
                """
                SELECT d.created_at_us - a.received_at_us AS took, d.made_by AS made_by, d.outcome AS outcome
                FROM decisions d JOIN applications a ON a.id = d.application_id
                WHERE a.received_at_us >= \(bind: fromMicros) AND a.received_at_us < \(bind: toMicros)
                    AND d.outcome <> 'refer'
                    AND NOT EXISTS (SELECT 1 FROM application_information i WHERE i.decision_id = d.id)
                """
            ).all().map { row in
                (
                    micros: try row.decode(column: "took", as: Int64.self),
                    byOfficer: try row.decode(column: "made_by", as: String.self) != "engine",
                    outcome: try row.decode(column: "outcome", as: String.self)
                )
            }
            var queue: [String: Int] = [:]
            for row in try await db.raw(
                "SELECT status, COUNT(*) AS n FROM reviews WHERE status <> 'decided' GROUP BY status"
            ).all() {
                queue[try row.decode(column: "status", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
            }
            let overdue = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM reviews
                WHERE status IN ('open', 'pending_confirmation') AND due_at_us < \(bind: nowMicros)
                """
            ).first().map { Int(try $0.decode(column: "n", as: Int64.self)) } ?? 0
            let decided = try await db.raw(
                """
                SELECT r.reason_code AS reason_code, r.decided_by AS decided_by, r.overrides_engine AS overrides_engine
                FROM reviews r JOIN applications a ON a.id = r.application_id
                WHERE a.received_at_us >= \(bind: fromMicros) AND a.received_at_us < \(bind: toMicros)
                    AND r.status = 'decided'
                ORDER BY r.decided_at_us, r.id
                """
            ).all().map { row in
                (
                    reasonCode: try row.decode(column: "reason_code", as: String.self),
                    officer: try Self.optional(row, "decided_by", as: String.self) ?? "unknown",
                    overridden: (try Self.optional(row, "overrides_engine", as: Int64.self) ?? 0) != 0
                )
            }
            let overrides = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM credit_overrides
                WHERE created_at_us >= \(bind: fromMicros) AND created_at_us < \(bind: toMicros)
                """
            ).first().map { Int(try $0.decode(column: "n", as: Int64.self)) } ?? 0
            let active = try await db.raw(
                """
                SELECT tier, credit_limit, currency FROM customers
                WHERE credit_status = 'active' AND credit_limit IS NOT NULL AND currency IS NOT NULL
                """
            ).all().map { row in
                (
                    tier: try Self.optional(row, "tier", as: String.self),
                    limit: try row.decode(column: "credit_limit", as: String.self),
                    currency: try row.decode(column: "currency", as: String.self)
                )
            }
            return ReportFacts(
                engineOutcomes: engine, applications: applications, finals: finals, queue: queue, overdue: overdue,
                decidedReviews: decided, profileOverrides: overrides, activeLimits: active)
        }
    }
}

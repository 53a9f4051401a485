import AuditTrail
import SQLKit

extension SQLCreditStore {
    static let customerColumns = """
        id, crm_id, legal_name, registration_number, country, contact_email, credit_status, credit_limit,
        currency, terms_code, net_days, deposit_pct, tier, next_review_date, version, created_at_us, updated_at_us
        """

    /// The customer with this Creditgate id.
    public func customer(id: String) async throws -> CustomerRecord? {
        try await backend.withReader { db in
            try await db.raw("SELECT \(unsafeRaw: Self.customerColumns) FROM customers WHERE id = \(bind: id)")
                .first().map(Self.customer(from:))
        }
    }

    /// The customer with this CRM id.
    public func customer(crmID: String) async throws -> CustomerRecord? {
        try await backend.withReader { db in
            try await db.raw("SELECT \(unsafeRaw: Self.customerColumns) FROM customers WHERE crm_id = \(bind: crmID)")
                .first().map(Self.customer(from:))
        }
    }

    static func customer(from row: any SQLRow) throws -> CustomerRecord {
        let id = try row.decode(column: "id", as: String.self)
        let statusText = try row.decode(column: "credit_status", as: String.self)
        guard let status = CreditProfile.Status(rawValue: statusText) else {
            throw StoreError.corruptRow(table: "customers", key: id, reason: "unknown credit_status")
        }
        return CustomerRecord(
            id: id,
            facts: CustomerFacts(
                crmID: try row.decode(column: "crm_id", as: String.self),
                legalName: try row.decode(column: "legal_name", as: String.self),
                registrationNumber: try Self.optional(row, "registration_number", as: String.self),
                country: try Self.optional(row, "country", as: String.self),
                contactEmail: try Self.optional(row, "contact_email", as: String.self)),
            profile: CreditProfile(
                status: status,
                limit: try Self.optional(row, "credit_limit", as: String.self),
                currency: try Self.optional(row, "currency", as: String.self),
                termsCode: try Self.optional(row, "terms_code", as: String.self),
                netDays: try Self.optional(row, "net_days", as: Int64.self),
                depositPct: try Self.optional(row, "deposit_pct", as: String.self),
                tier: try Self.optional(row, "tier", as: String.self),
                nextReviewDate: try Self.optional(row, "next_review_date", as: String.self)),
            version: try row.decode(column: "version", as: Int64.self),
            createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self),
            updatedAtMicros: try row.decode(column: "updated_at_us", as: Int64.self))
    }

    private static let applicationColumns =
        "id, customer_id, api_key_id, document, document_sha256, policy_sha256, received_at_us"

    /// The application with this id.
    public func application(id: String) async throws -> ApplicationRecord? {
        try await backend.withReader { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.applicationColumns) FROM applications WHERE id = \(bind: id)"
            ).first().map(Self.application(from:))
        }
    }

    /// A customer's applications, newest first.
    public func applications(customerID: String, limit: Int) async throws -> [ApplicationRecord] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.applicationColumns) FROM applications WHERE customer_id = \(bind: customerID)
                ORDER BY received_at_us DESC, id DESC LIMIT \(bind: Int64(limit))
                """
            ).all().map(Self.application(from:))
        }
    }

    static func application(from row: any SQLRow) throws -> ApplicationRecord {
        ApplicationRecord(
            id: try row.decode(column: "id", as: String.self),
            customerID: try row.decode(column: "customer_id", as: String.self),
            apiKeyID: try Self.optional(row, "api_key_id", as: String.self),
            document: try row.decode(column: "document", as: String.self),
            documentSHA256: try row.decode(column: "document_sha256", as: String.self),
            policySHA256: try row.decode(column: "policy_sha256", as: String.self),
            receivedAtMicros: try row.decode(column: "received_at_us", as: Int64.self))
    }

    /// The decisions on an application, oldest first.
    public func decisions(applicationID: String) async throws -> [DecisionRecord] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT id, application_id, made_by, outcome, tier, points, terms_code, net_days, deposit_pct,
                    limit_amount, currency, reason_codes, document, policy_id, policy_version, policy_sha256,
                    evaluated_at_us, created_at_us, confirmed_by
                FROM decisions WHERE application_id = \(bind: applicationID) ORDER BY created_at_us, id
                """
            ).all().map { row in
                let id = try row.decode(column: "id", as: String.self)
                guard let outcome = DecisionRecord.Outcome(rawValue: try row.decode(column: "outcome", as: String.self))
                else { throw StoreError.corruptRow(table: "decisions", key: id, reason: "unknown outcome") }
                return DecisionRecord(
                    id: id,
                    applicationID: try row.decode(column: "application_id", as: String.self),
                    madeBy: try row.decode(column: "made_by", as: String.self),
                    outcome: outcome,
                    tier: try Self.optional(row, "tier", as: String.self),
                    points: try Self.optional(row, "points", as: Int64.self),
                    termsCode: try Self.optional(row, "terms_code", as: String.self),
                    netDays: try Self.optional(row, "net_days", as: Int64.self),
                    depositPct: try row.decode(column: "deposit_pct", as: String.self),
                    limitAmount: try row.decode(column: "limit_amount", as: String.self),
                    currency: try row.decode(column: "currency", as: String.self),
                    reasonCodes: try Self.codes(
                        fromJSON: try row.decode(column: "reason_codes", as: String.self), table: "decisions", key: id),
                    document: try row.decode(column: "document", as: String.self),
                    policyID: try row.decode(column: "policy_id", as: String.self),
                    policyVersion: try row.decode(column: "policy_version", as: Int64.self),
                    policySHA256: try row.decode(column: "policy_sha256", as: String.self),
                    evaluatedAtMicros: try row.decode(column: "evaluated_at_us", as: Int64.self),
                    createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self),
                    confirmedBy: try Self.optional(row, "confirmed_by", as: String.self))
            }
        }
    }

    /// The review opened for an application, if any.
    public func review(applicationID: String) async throws -> ReviewRecord? {
        try await backend.withReader { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.reviewColumns) FROM reviews WHERE application_id = \(bind: applicationID)"
            ).first().map(Self.review(from:))
        }
    }

    /// A stored policy text by its SHA-256.
    public func policyVersion(sha256: String) async throws -> PolicyVersionRecord? {
        try await backend.withReader { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT sha256, policy_id, version, source, loaded_at_us FROM policy_versions
                    WHERE sha256 = \(bind: sha256)
                    """
                ).first()
            else { return nil }
            return PolicyVersionRecord(
                sha256: try row.decode(column: "sha256", as: String.self),
                policyID: try row.decode(column: "policy_id", as: String.self),
                version: try row.decode(column: "version", as: Int64.self),
                source: try row.decode(column: "source", as: String.self),
                loadedAtMicros: try row.decode(column: "loaded_at_us", as: Int64.self))
        }
    }

    /// The API key whose secret hashes to this value.
    public func apiKey(secretSHA256: String) async throws -> APIKeyRecord? {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT id, name, role, secret_sha256, created_at_us, revoked_at_us, authority_limit FROM api_keys
                WHERE secret_sha256 = \(bind: secretSHA256)
                """
            ).first().map(Self.apiKey(from:))
        }
    }

    /// Every API key, oldest first.
    public func apiKeys() async throws -> [APIKeyRecord] {
        try await backend.withReader { db in
            try await db.raw(
                "SELECT id, name, role, secret_sha256, created_at_us, revoked_at_us, authority_limit FROM api_keys ORDER BY created_at_us, id"
            ).all().map(Self.apiKey(from:))
        }
    }

    static func apiKey(from row: any SQLRow) throws -> APIKeyRecord {
        let id = try row.decode(column: "id", as: String.self)
        guard let role = APIKeyRecord.Role(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoreError.corruptRow(table: "api_keys", key: id, reason: "unknown role")
        }
        return APIKeyRecord(
            id: id, name: try row.decode(column: "name", as: String.self), role: role,
            secretSHA256: try row.decode(column: "secret_sha256", as: String.self),
            createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self),
            revokedAtMicros: try Self.optional(row, "revoked_at_us", as: Int64.self),
            authorityLimit: try Self.optional(row, "authority_limit", as: String.self))
    }

    /// The stored answer for an idempotency key.
    public func idempotencyRecord(apiKeyID: String, key: String) async throws -> IdempotencyRecord? {
        try await backend.withReader { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT api_key_id, idempotency_key, request_sha256, status_code, response_body, application_id,
                        created_at_us, expires_at_us
                    FROM idempotency_records WHERE api_key_id = \(bind: apiKeyID) AND idempotency_key = \(bind: key)
                    """
                ).first()
            else { return nil }
            return IdempotencyRecord(
                apiKeyID: try row.decode(column: "api_key_id", as: String.self),
                key: try row.decode(column: "idempotency_key", as: String.self),
                requestSHA256: try row.decode(column: "request_sha256", as: String.self),
                response: StoredResponse(
                    status: Int(try row.decode(column: "status_code", as: Int64.self)),
                    body: try row.decode(column: "response_body", as: String.self)),
                applicationID: try Self.optional(row, "application_id", as: String.self),
                createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self),
                expiresAtMicros: try row.decode(column: "expires_at_us", as: Int64.self))
        }
    }

    /// Audit entries after a seq, in order.
    public func auditEntries(afterSeq: Int64, limit: Int) async throws -> [AuditEntry] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT seq, time_us, actor, action, subject_type, subject_id, payload, prev_hash, hash
                FROM audit_entries WHERE seq > \(bind: afterSeq) ORDER BY seq LIMIT \(bind: Int64(limit))
                """
            ).all().map(Self.auditEntry(from:))
        }
    }

    /// The chain head as recorded.
    public func auditHead() async throws -> ChainHead {
        try await backend.withReader { db in
            guard let row = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
                throw StoreError.corruptRow(table: "audit_head", key: "id=1", reason: "the chain head row is missing")
            }
            return ChainHead(
                seq: try row.decode(column: "seq", as: Int64.self), hash: try row.decode(column: "hash", as: String.self))
        }
    }

    /// Outbox events after an audit seq, in commit order.
    public func outboxEvents(afterAuditSeq: Int64, limit: Int) async throws -> [OutboxEvent] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT id, event_type, customer_id, subject_id, payload, audit_seq, position, created_at_us
                FROM outbox_events WHERE audit_seq > \(bind: afterAuditSeq)
                ORDER BY audit_seq, position LIMIT \(bind: Int64(limit))
                """
            ).all().map { row in
                OutboxEvent(
                    id: try row.decode(column: "id", as: String.self),
                    type: try row.decode(column: "event_type", as: String.self),
                    customerID: try Self.optional(row, "customer_id", as: String.self),
                    subjectID: try row.decode(column: "subject_id", as: String.self),
                    payload: try row.decode(column: "payload", as: String.self),
                    auditSeq: try row.decode(column: "audit_seq", as: Int64.self),
                    position: try row.decode(column: "position", as: Int64.self),
                    createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self))
            }
        }
    }

    /// Row counts of every table.
    public func statistics() async throws -> StoreStatistics {
        try await backend.withReader { db in
            let row = try await db.raw(
                """
                SELECT
                    (SELECT COUNT(*) FROM customers) AS customers,
                    (SELECT COUNT(*) FROM applications) AS applications,
                    (SELECT COUNT(*) FROM decisions) AS decisions,
                    (SELECT COUNT(*) FROM reviews) AS reviews,
                    (SELECT COUNT(*) FROM audit_entries) AS audit_entries,
                    (SELECT COUNT(*) FROM outbox_events) AS outbox_events,
                    (SELECT COUNT(*) FROM idempotency_records) AS idempotency_records,
                    (SELECT COUNT(*) FROM policy_versions) AS policy_versions,
                    (SELECT COUNT(*) FROM api_keys) AS api_keys
                """
            ).first()
            guard let row else { throw StoreError.corruptRow(table: "*", key: "counts", reason: "no row") }
            func count(_ column: String) throws -> Int { Int(try row.decode(column: column, as: Int64.self)) }
            return StoreStatistics(
                customers: try count("customers"), applications: try count("applications"),
                decisions: try count("decisions"), reviews: try count("reviews"),
                auditEntries: try count("audit_entries"), outboxEvents: try count("outbox_events"),
                idempotencyRecords: try count("idempotency_records"), policyVersions: try count("policy_versions"),
                apiKeys: try count("api_keys"))
        }
    }
}

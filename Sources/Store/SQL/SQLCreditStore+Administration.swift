import AuditTrail
import SQLKit

extension SQLCreditStore {
    /// Stores a policy text by its hash, once, with an audit entry `policy.recorded`.
    @discardableResult
    public func recordPolicyVersion(_ policy: PolicyVersionRecord, actor: String) async throws -> Bool {
        try await committer.perform { transaction in
            let inserted = try await transaction.db.raw(
                """
                INSERT INTO policy_versions (sha256, policy_id, version, source, loaded_at_us)
                VALUES (\(bind: policy.sha256), \(bind: policy.policyID), \(bind: policy.version),
                    \(bind: policy.source), \(bind: policy.loadedAtMicros))
                ON CONFLICT (sha256) DO NOTHING
                RETURNING sha256
                """
            ).first()
            guard inserted != nil else { return false }
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: policy.loadedAtMicros, actor: actor, action: "policy.recorded",
                    subjectType: "policy", subjectID: policy.sha256,
                    payload: [
                        "policy_id": .string(policy.policyID), "version": .integer(policy.version),
                        "sha256": .string(policy.sha256), "bytes": .integer(Int64(policy.source.utf8.count)),
                    ]))
            return true
        }
    }

    /// Records an audit entry on its own.
    @discardableResult
    public func recordEvent(_ record: AuditRecord) async throws -> AuditEntry {
        try await committer.perform { transaction in
            try transaction.appendAudit(record)
        }
    }

    /// Stores a new API key (its hash only) with an audit entry `api_key.created`.
    public func createAPIKey(_ key: APIKeyRecord, actor: String) async throws {
        try await committer.perform { transaction in
            try await transaction.db.raw(
                """
                INSERT INTO api_keys (id, name, role, secret_sha256, created_at_us, revoked_at_us, authority_limit)
                VALUES (\(bind: key.id), \(bind: key.name), \(bind: key.role.rawValue), \(bind: key.secretSHA256),
                    \(bind: key.createdAtMicros), \(bind: key.revokedAtMicros), \(bind: key.authorityLimit))
                """
            ).run()
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: key.createdAtMicros, actor: actor, action: "api_key.created",
                    subjectType: "api_key", subjectID: key.id,
                    payload: [
                        "name": .string(key.name), "role": .string(key.role.rawValue),
                        "authority_limit": key.authorityLimit.map { .string($0) } ?? .null,
                    ]))
        }
    }

    /// Revokes an API key with an audit entry `api_key.revoked`.
    @discardableResult
    public func revokeAPIKey(id: String, atMicros: Int64, actor: String) async throws -> Bool {
        try await committer.perform { transaction in
            let db = transaction.db
            guard
                let row = try await db.raw("SELECT revoked_at_us FROM api_keys WHERE id = \(bind: id)").first()
            else {
                throw StoreError.notFound(kind: "API key", id: id)
            }
            guard try row.decodeNil(column: "revoked_at_us") else { return false }
            try await db.raw("UPDATE api_keys SET revoked_at_us = \(bind: atMicros) WHERE id = \(bind: id)").run()
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: atMicros, actor: actor, action: "api_key.revoked", subjectType: "api_key",
                    subjectID: id, payload: [:]))
            return true
        }
    }

    /// Deletes expired idempotency records, with an audit entry `idempotency.purged`.
    @discardableResult
    public func purgeIdempotencyRecords(expiredBefore nowMicros: Int64, actor: String) async throws -> Int {
        let time = clock()
        return try await committer.perform { transaction in
            let deleted = try await transaction.db.raw(
                "DELETE FROM idempotency_records WHERE expires_at_us < \(bind: nowMicros) RETURNING expires_at_us"
            ).all()
            guard !deleted.isEmpty else { return 0 }
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: time, actor: actor, action: "idempotency.purged", subjectType: "idempotency_records",
                    subjectID: "*",
                    payload: ["deleted": .integer(Int64(deleted.count)), "expired_before_us": .integer(nowMicros)]))
            return deleted.count
        }
    }
}

import AuditTrail
import SQLKit

extension SQLCreditStore {
    static func auditEntry(from row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            seq: try row.decode(column: "seq", as: Int64.self),
            timeMicros: try row.decode(column: "time_us", as: Int64.self),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            subjectType: try row.decode(column: "subject_type", as: String.self),
            subjectID: try row.decode(column: "subject_id", as: String.self),
            payloadJSON: try row.decode(column: "payload", as: String.self),
            previousHash: try row.decode(column: "prev_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }

    /// Audit entries matching a query, in log order after its cursor.
    public func auditEntries(_ query: AuditQuery) async throws -> [AuditEntry] {
        try await backend.withReader { db in
            var sql = SQLQueryString(
                "SELECT seq, time_us, actor, action, subject_type, subject_id, payload, prev_hash, hash FROM audit_entries WHERE seq > "
            )
            sql.appendInterpolation(bind: query.afterSeq)
            func filter(_ column: String, _ op: String, _ value: (any Encodable & Sendable)?) {
                guard let value else { return }
                sql.appendLiteral(" AND \(column) \(op) ")
                sql.appendInterpolation(bind: value)
            }
            filter("time_us", ">=", query.fromMicros)
            filter("time_us", "<", query.toMicros)
            filter("actor", "=", query.actor)
            filter("action", "=", query.action)
            filter("subject_type", "=", query.subjectType)
            filter("subject_id", "=", query.subjectID)
            sql.appendLiteral(" ORDER BY seq LIMIT ")
            sql.appendInterpolation(bind: Int64(max(1, min(query.limit, 10_000))))
            return try await db.raw(sql).all().map(Self.auditEntry(from:))
        }
    }

    /// One audit entry by its seq.
    public func auditEntry(seq: Int64) async throws -> AuditEntry? {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT seq, time_us, actor, action, subject_type, subject_id, payload, prev_hash, hash
                FROM audit_entries WHERE seq = \(bind: seq)
                """
            ).first().map(Self.auditEntry(from:))
        }
    }

    /// Stores a signed checkpoint (once per size; a second one for the same size changes
    /// nothing and returns `false`), with an audit entry `audit.checkpointed`.
    @discardableResult
    public func recordCheckpoint(_ checkpoint: CheckpointRecord, actor: String) async throws -> Bool {
        try await committer.perform { transaction in
            let inserted = try await transaction.db.raw(
                """
                INSERT INTO audit_checkpoints (size, head_hash, key_id, signed_text, created_at_us)
                VALUES (\(bind: checkpoint.size), \(bind: checkpoint.headHash), \(bind: checkpoint.keyID),
                    \(bind: checkpoint.signedText), \(bind: checkpoint.createdAtMicros))
                ON CONFLICT (size) DO NOTHING
                RETURNING size
                """
            ).first()
            guard inserted != nil else { return false }
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: checkpoint.createdAtMicros, actor: actor, action: "audit.checkpointed",
                    subjectType: "audit_log", subjectID: String(checkpoint.size),
                    payload: [
                        "size": .integer(checkpoint.size), "head_hash": .string(checkpoint.headHash),
                        "key_id": .string(checkpoint.keyID),
                    ]))
            return true
        }
    }

    /// Stored checkpoints, by size, at most `limit` after `afterSize`.
    public func checkpoints(afterSize: Int64 = 0, limit: Int = 10_000) async throws -> [CheckpointRecord] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT size, head_hash, key_id, signed_text, created_at_us FROM audit_checkpoints
                WHERE size > \(bind: afterSize) ORDER BY size LIMIT \(bind: Int64(limit))
                """
            ).all().map { row in
                CheckpointRecord(
                    size: try row.decode(column: "size", as: Int64.self),
                    headHash: try row.decode(column: "head_hash", as: String.self),
                    keyID: try row.decode(column: "key_id", as: String.self),
                    signedText: try row.decode(column: "signed_text", as: String.self),
                    createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self))
            }
        }
    }
}

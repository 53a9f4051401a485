import AuditTrail
import SQLKit

/// One group-commit transaction as the write operations in it see it: the connection, the
/// audit chain head (locked for the whole transaction) and rows to insert in bulk at the end.
///
/// Operations run one after another. Each appends its audit entries with ``appendAudit(_:)``,
/// which assigns the next sequence number and hash at once, and queues its immutable rows with
/// ``queue(_:_:)``; the rows are written with one multi-row `INSERT` per table just before
/// `COMMIT`, in ``Table`` order so that foreign keys always point to rows already written.
final class WriteTransaction: @unchecked Sendable {
    /// Tables written in bulk, in the order they are flushed.
    enum Table: Int, CaseIterable {
        case applications, decisions, reviews, auditEntries, outboxEvents, idempotencyRecords

        var name: String {
            switch self {
            case .applications: "applications"
            case .decisions: "decisions"
            case .reviews: "reviews"
            case .auditEntries: "audit_entries"
            case .outboxEvents: "outbox_events"
            case .idempotencyRecords: "idempotency_records"
            }
        }

        var columns: [String] {
            switch self {
            case .applications:
                ["id", "customer_id", "api_key_id", "document", "document_sha256", "policy_sha256", "received_at_us"]
            case .decisions:
                [
                    "id", "application_id", "made_by", "outcome", "tier", "points", "terms_code", "net_days",
                    "deposit_pct", "limit_amount", "currency", "reason_codes", "document", "policy_id",
                    "policy_version", "policy_sha256", "evaluated_at_us", "created_at_us",
                ]
            case .reviews:
                [
                    "id", "application_id", "customer_id", "status", "reason_code", "assignee", "due_at_us",
                    "version", "created_at_us", "updated_at_us",
                ]
            case .auditEntries:
                ["seq", "time_us", "actor", "action", "subject_type", "subject_id", "payload", "prev_hash", "hash"]
            case .outboxEvents:
                ["id", "event_type", "customer_id", "subject_id", "payload", "audit_seq", "position", "created_at_us"]
            case .idempotencyRecords:
                [
                    "api_key_id", "idempotency_key", "request_sha256", "status_code", "response_body",
                    "application_id", "created_at_us", "expires_at_us",
                ]
            }
        }
    }

    typealias Row = [any Encodable & Sendable]

    /// The connection, inside the open transaction.
    let db: any SQLDatabase
    /// The chain head after every entry appended so far.
    private(set) var head: ChainHead
    private let headAtStart: ChainHead
    private var rows: [[Row]] = Array(repeating: [], count: Table.allCases.count)
    /// What ``prepare(_:)`` found for each submission of the batch, by application id.
    var prepared: [String: Prepared] = [:]

    init(db: any SQLDatabase, head: ChainHead) {
        self.db = db
        self.head = head
        self.headAtStart = head
    }

    /// Appends one audit entry to the chain and queues it for insertion. Throws, changing
    /// nothing, when the payload cannot be encoded canonically (an integer beyond ±(2^53−1),
    /// nesting deeper than 64).
    func appendAudit(_ record: AuditRecord) throws -> AuditEntry {
        do {
            try CanonicalJSON.validate(record.payload)
        } catch {
            throw StoreError.invalidAuditPayload(action: record.action, reason: error.reason)
        }
        let (entries, newHead) = AuditChain.append([record], after: head)
        let entry = entries[0]
        head = newHead
        queue(
            .auditEntries,
            [
                entry.seq, entry.timeMicros, entry.actor, entry.action, entry.subjectType, entry.subjectID,
                entry.payloadJSON, entry.previousHash, entry.hash,
            ])
        return entry
    }

    /// Queues one row for the bulk insert into `table` (values in ``Table/columns`` order).
    func queue(_ table: Table, _ row: Row) {
        rows[table.rawValue].append(row)
    }

    /// Writes every queued row and moves the chain head. Called once, just before `COMMIT`.
    ///
    /// On PostgreSQL all of it is ONE statement (each multi-row `INSERT` a data-modifying
    /// `WITH` part; foreign keys are checked at the end of the statement), so a batch costs one
    /// round trip here whatever it holds. SQLite runs in-process and has no data-modifying
    /// `WITH`: one statement per table.
    func flush() async throws {
        var statements: [any SQLExpression] = []
        var binds = 0
        for table in Table.allCases {
            let pending = rows[table.rawValue]
            guard !pending.isEmpty else { continue }
            // PostgreSQL allows 65,535 parameters per statement; stay well below.
            let perStatement = max(1, 20_000 / table.columns.count)
            var start = 0
            while start < pending.count {
                let end = min(pending.count, start + perStatement)
                var insert = db.insert(into: table.name).columns(table.columns)
                for row in pending[start..<end] {
                    insert = insert.values(row)
                }
                statements.append(insert.insert)
                binds += (end - start) * table.columns.count
                start = end
            }
        }
        let moveHead: SQLQueryString? =
            head == headAtStart
            ? nil
            : "UPDATE audit_head SET seq = \(bind: head.seq), hash = \(bind: head.hash) WHERE id = 1 AND seq = \(bind: headAtStart.seq)"

        if db.dialect.name == "postgresql", statements.count > 1 || (statements.count == 1 && moveHead != nil),
            binds < 30_000
        {
            var combined = SQLQueryString("WITH ")
            for (index, statement) in statements.enumerated() {
                combined.appendLiteral(index == 0 ? "w\(index) AS (" : ", w\(index) AS (")
                combined.appendInterpolation(statement)
                combined.appendLiteral(")")
            }
            if let moveHead {
                combined.appendInterpolation(moveHead)
            } else {
                combined.appendLiteral(" SELECT 1")
            }
            try await db.raw(combined).run()
            return
        }
        for statement in statements {
            try await db.execute(sql: statement) { _ in }
        }
        if let moveHead {
            try await db.raw(moveHead).run()
        }
    }

}

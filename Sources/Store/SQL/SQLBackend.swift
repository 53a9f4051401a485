import SQLKit

/// What a database driver supplies to ``SQLCreditStore``: connections, and the few places
/// where SQLite and PostgreSQL need different SQL. Everything else is shared.
public protocol SQLBackend: Sendable {
    /// Which database this is.
    var kind: DatabaseKind { get }

    /// Runs `body` on the connection that writes. Calls never overlap: a backend with one
    /// writer connection (SQLite) serialises them; a pooled backend (PostgreSQL) leases one
    /// connection per call.
    func withWriter<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R

    /// Runs `body` on a connection that only reads.
    func withReader<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R

    /// Closes every connection.
    func shutdown() async throws

    /// A driver error in one sentence a person can act on, without bound values.
    func describe(_ error: any Error) -> String

    /// A write transaction committed and the audit log now ends at `auditSeq` (a hint for
    /// housekeeping such as planner statistics; must return at once).
    func committed(auditSeq: Int64)

    /// Where the group committer's drain task runs, when the backend has a thread of its own
    /// for the writer (`nil`: the global executor).
    var writeExecutor: (any TaskExecutor)? { get }
}

extension SQLBackend {
    /// Nothing to do by default.
    public func committed(auditSeq: Int64) {}

    /// The global executor by default.
    public var writeExecutor: (any TaskExecutor)? { nil }

    /// The error's own description, first line only.
    public func describe(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }

    /// The statement that opens a write transaction. SQLite takes the write lock at once
    /// (`IMMEDIATE`) so that a transaction never fails half way on a lock upgrade.
    var beginWrite: String { kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN" }

    /// Appended to the chain-head read: PostgreSQL locks the row until commit, so that writers
    /// in several Creditgate instances append to one chain; SQLite's write lock already covers it.
    var lockRow: String { kind == .postgres ? " FOR UPDATE" : "" }

    /// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
    func inWriteTransaction<R: Sendable>(
        _ body: @Sendable @escaping (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let begin = beginWrite
        return try await withWriter { db in
            try await db.raw(SQLQueryString(begin)).run()
            let result: R
            do {
                result = try await body(db)
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
            do {
                try await db.raw("COMMIT").run()
            } catch {
                // A failed COMMIT leaves the outcome to the database (the connection may have
                // dropped after the server committed); make sure nothing stays open.
                try? await db.raw("ROLLBACK").run()
                throw StoreError.commitOutcomeUnknown
            }
            return result
        }
    }
}

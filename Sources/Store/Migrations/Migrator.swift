import AuditTrail
import Foundation
import SQLKit

/// Applies `migrations/` in order and records each with its checksum in `schema_migrations`.
///
/// Each migration runs in its own transaction together with its row in `schema_migrations`
/// and an audit entry `schema.migrated` (from the first migration on, which creates the audit
/// tables): a failed migration leaves nothing behind. Concurrent migrators (two instances
/// starting at once) serialise on the migrations table and apply each file once. A file
/// whose checksum differs from the one recorded when it was applied is refused, as is a
/// database that has a migration this build does not.
public struct Migrator: Sendable {
    /// The migrations this build knows, in version order.
    public let migrations: [Migration]

    /// A migrator for these migrations.
    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// A migrator for the `.sql` files of a directory.
    public init(directory: String) throws {
        self.init(migrations: try Migration.load(directory: directory))
    }

    /// A migration recorded as applied.
    public struct Applied: Sendable, Hashable {
        /// Its version.
        public var version: Int64
        /// Its file name.
        public var name: String
        /// Its checksum when applied.
        public var sha256: String
        /// When it was applied, microseconds since the Unix epoch.
        public var appliedAtMicros: Int64
    }

    /// Where a database stands against this build's migrations.
    public struct Status: Sendable, Hashable {
        /// Recorded as applied (and verified against the files).
        public var applied: [Applied]
        /// Not applied yet, in order.
        public var pending: [Migration]
    }

    private static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version        BIGINT PRIMARY KEY,
            name           TEXT NOT NULL,
            sha256         TEXT NOT NULL,
            applied_at_us  BIGINT NOT NULL
        )
        """

    /// Reads what is applied and checks it against the files.
    public func status(of backend: any SQLBackend) async throws -> Status {
        try await backend.withWriter { db in
            try await db.raw(SQLQueryString(Self.createTable)).run()
            return try await self.status(in: db)
        }
    }

    /// Throws ``StoreError/migrationsPending(names:)`` unless the database is up to date.
    public func requireCurrent(_ backend: any SQLBackend) async throws {
        let status = try await status(of: backend)
        guard status.pending.isEmpty else {
            throw StoreError.migrationsPending(names: status.pending.map(\.name))
        }
    }

    /// Applies every pending migration; returns the ones applied now.
    @discardableResult
    public func migrate(
        _ backend: any SQLBackend, actor: String = "system",
        clock: @escaping @Sendable () -> Int64 = SQLCreditStore.systemClock
    ) async throws -> [Migration] {
        let kind = backend.kind
        try await backend.inWriteTransaction { db in
            try await Self.lockMigrations(kind, db)
            try await db.raw(SQLQueryString(Self.createTable)).run()
        }
        var appliedNow: [Migration] = []
        for migration in migrations {
            let didApply = try await backend.inWriteTransaction { db in
                try await Self.lockMigrations(kind, db)
                let status = try await self.status(in: db)
                guard status.pending.contains(migration) else { return false }
                for (number, statement) in migration.statements.enumerated() {
                    do {
                        try await db.raw(SQLQueryString(statement)).run()
                    } catch {
                        throw StoreError.migrationFailed(
                            name: migration.name, statement: number + 1, reason: backend.describe(error))
                    }
                }
                let now = clock()
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, sha256, applied_at_us)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: migration.sha256), \(bind: now))
                    """
                ).run()
                try await Self.audit(migration, at: now, actor: actor, lockRow: backend.lockRow, in: db)
                return true
            }
            if didApply { appliedNow.append(migration) }
        }
        return appliedNow
    }

    /// Serialises migrators in several processes: on PostgreSQL a transaction-scoped advisory
    /// lock (even `CREATE TABLE IF NOT EXISTS` races otherwise); SQLite's `BEGIN IMMEDIATE`
    /// already holds the database's write lock.
    private static func lockMigrations(_ kind: DatabaseKind, _ db: any SQLDatabase) async throws {
        if kind == .postgres {
            // An arbitrary constant: "creditgate migrations".
            try await db.raw("SELECT pg_advisory_xact_lock(7261200301)").run()
        }
    }

    private func status(in db: any SQLDatabase) async throws -> Status {
        let rows = try await db.raw(
            "SELECT version, name, sha256, applied_at_us FROM schema_migrations ORDER BY version"
        ).all()
        var applied: [Applied] = []
        for row in rows {
            let record = Applied(
                version: try row.decode(column: "version", as: Int64.self),
                name: try row.decode(column: "name", as: String.self),
                sha256: try row.decode(column: "sha256", as: String.self),
                appliedAtMicros: try row.decode(column: "applied_at_us", as: Int64.self))
            guard let file = migrations.first(where: { $0.version == record.version }) else {
                throw StoreError.migrationUnknown(version: record.version, name: record.name)
            }
            guard file.sha256 == record.sha256 else {
                throw StoreError.migrationEdited(
                    name: file.name, recordedSHA256: record.sha256, fileSHA256: file.sha256)
            }
            applied.append(record)
        }
        let done = Set(applied.map(\.version))
        return Status(applied: applied, pending: migrations.filter { !done.contains($0.version) })
    }

    /// Appends `schema.migrated` to the audit chain, once the audit tables exist.
    private static func audit(
        _ migration: Migration, at now: Int64, actor: String, lockRow: String, in db: any SQLDatabase
    ) async throws {
        guard
            let row = try? await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lockRow)").first()
        else { return }
        let head = ChainHead(
            seq: try row.decode(column: "seq", as: Int64.self), hash: try row.decode(column: "hash", as: String.self))
        let transaction = WriteTransaction(db: db, head: head)
        _ = try transaction.appendAudit(
            AuditRecord(
                timeMicros: now, actor: actor, action: "schema.migrated", subjectType: "migration",
                subjectID: migration.name,
                payload: ["version": .integer(migration.version), "sha256": .string(migration.sha256)]))
        try await transaction.flush()
    }
}

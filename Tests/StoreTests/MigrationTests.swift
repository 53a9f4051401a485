import Foundation
import SQLKit
import Store
import StoreFactory
import StoreTestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    /// A private copy of migrations/ that a test may edit.
    static func copyOfMigrations() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "creditgate-migrations-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: TestDatabases.migrationsDirectory) {
            try FileManager.default.copyItem(
                atPath: "\(TestDatabases.migrationsDirectory)/\(name)", toPath: directory.appendingPathComponent(name).path)
        }
        return directory.path
    }

    static func backend(_ setting: String) async throws -> any SQLBackend {
        try await StoreFactory.backend(for: setting, logger: TestDatabases.logger)
    }

    @Test("fresh database: applies every migration once, then nothing", arguments: TestDatabases.kinds)
    func freshThenCurrent(kind: DatabaseKind) async throws {
        let setting = try await TestDatabases.freshDatabase(kind)
        let backend = try await Self.backend(setting)
        defer { Task { try? await backend.shutdown() } }
        let migrator = try Migrator(directory: TestDatabases.migrationsDirectory)
        let applied = try await migrator.migrate(backend)
        #expect(applied.map(\.name) == migrator.migrations.map(\.name))
        #expect(try await migrator.migrate(backend).isEmpty)
        let status = try await migrator.status(of: backend)
        #expect(status.pending.isEmpty)
        #expect(status.applied.map(\.sha256) == migrator.migrations.map(\.sha256))
        try await migrator.requireCurrent(backend)
        // The migration is itself in the audit log.
        let store = try await StoreFactory.open(
            setting, migrations: .requireCurrent(directory: TestDatabases.migrationsDirectory),
            logger: TestDatabases.logger)
        defer { Task { try? await store.shutdown() } }
        let entries = try await store.auditEntries(afterSeq: 0, limit: 100)
        #expect(entries.map(\.action) == Array(repeating: "schema.migrated", count: migrator.migrations.count))
        #expect(entries.map(\.subjectID) == migrator.migrations.map(\.name))
        #expect(try await store.verifyAuditChain().ok)
    }

    @Test("an edited, already-applied migration is refused", arguments: TestDatabases.kinds)
    func editedIsRefused(kind: DatabaseKind) async throws {
        let directory = try Self.copyOfMigrations()
        let backend = try await Self.backend(try await TestDatabases.freshDatabase(kind))
        defer { Task { try? await backend.shutdown() } }
        let original = try Migrator(directory: directory)
        try await original.migrate(backend)
        let file = "\(directory)/0001_initial.sql"
        try (try String(contentsOfFile: file, encoding: .utf8) + "\n-- a later edit\n").write(
            toFile: file, atomically: true, encoding: .utf8)
        let edited = try Migrator(directory: directory)
        let error = await #expect(throws: StoreError.self) { try await edited.migrate(backend) }
        guard case .migrationEdited(let name, let recorded, let now)? = error else {
            Issue.record("expected migrationEdited, got \(String(describing: error))")
            return
        }
        #expect(name == "0001_initial.sql")
        #expect(recorded == original.migrations[0].sha256)
        #expect(now == edited.migrations[0].sha256)
        #expect(error?.description.contains("was edited after it was applied") == true)
        await #expect(throws: StoreError.self) { try await edited.requireCurrent(backend) }
    }

    @Test("a database newer than this build is refused", arguments: TestDatabases.kinds)
    func unknownIsRefused(kind: DatabaseKind) async throws {
        let directory = try Self.copyOfMigrations()
        try "CREATE TABLE extra (id TEXT PRIMARY KEY);\n".write(
            toFile: "\(directory)/0999_extra.sql", atomically: true, encoding: .utf8)
        let backend = try await Self.backend(try await TestDatabases.freshDatabase(kind))
        defer { Task { try? await backend.shutdown() } }
        try await Migrator(directory: directory).migrate(backend)
        let older = try Migrator(directory: TestDatabases.migrationsDirectory)
        await #expect(throws: StoreError.migrationUnknown(version: 999, name: "0999_extra.sql")) {
            try await older.migrate(backend)
        }
    }

    @Test("pending migrations are reported, and a failing one leaves nothing behind", arguments: TestDatabases.kinds)
    func failingMigrationRollsBack(kind: DatabaseKind) async throws {
        let directory = try Self.copyOfMigrations()
        let backend = try await Self.backend(try await TestDatabases.freshDatabase(kind))
        defer { Task { try? await backend.shutdown() } }
        try await Migrator(directory: directory).migrate(backend)
        try """
        -- statement 1 is fine, statement 2 is not
        CREATE TABLE half_done (id TEXT PRIMARY KEY);
        INSERT INTO no_such_table VALUES (1);
        """.write(toFile: "\(directory)/0900_broken.sql", atomically: true, encoding: .utf8)
        let migrator = try Migrator(directory: directory)
        await #expect(throws: StoreError.migrationsPending(names: ["0900_broken.sql"])) {
            try await migrator.requireCurrent(backend)
        }
        let error = await #expect(throws: StoreError.self) { try await migrator.migrate(backend) }
        guard case .migrationFailed(let name, let statement, let reason)? = error else {
            Issue.record("expected migrationFailed, got \(String(describing: error))")
            return
        }
        #expect(name == "0900_broken.sql")
        #expect(statement == 2)
        // The database's own words, naming what is wrong.
        #expect(reason.contains("no_such_table"), "\(reason)")
        // Statement 1's table is gone with the rollback, and nothing was recorded.
        let status = try await migrator.status(of: backend)
        #expect(status.pending.map(\.name) == ["0900_broken.sql"])
        await #expect(throws: (any Error).self) {
            try await backend.withWriter { db in try await db.raw("SELECT id FROM half_done").run() }
        }
    }

    @Test("two migrators at once apply each migration once", arguments: TestDatabases.kinds)
    func concurrentMigrators(kind: DatabaseKind) async throws {
        let setting = try await TestDatabases.freshDatabase(kind)
        let migrator = try Migrator(directory: TestDatabases.migrationsDirectory)
        let first = try await Self.backend(setting)
        let second = try await Self.backend(setting)
        defer {
            Task {
                try? await first.shutdown()
                try? await second.shutdown()
            }
        }
        async let a = migrator.migrate(first)
        async let b = migrator.migrate(second)
        let (appliedA, appliedB) = try await (a, b)
        #expect(appliedA.count + appliedB.count == migrator.migrations.count)
        #expect(try await migrator.status(of: first).pending.isEmpty)
    }

    @Test("statements split at semicolons outside quotes and comments")
    func splitter() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (x TEXT DEFAULT 'it''s; fine');
            /* block; comment */ INSERT INTO a VALUES ('"; "');

            ;  -- empty statement
            SELECT "odd;name" FROM a
            """
        #expect(
            SQLStatementSplitter.split(sql) == [
                "CREATE TABLE a (x TEXT DEFAULT 'it''s; fine')",
                "INSERT INTO a VALUES ('\"; \"')",
                "SELECT \"odd;name\" FROM a",
            ])
    }

    @Test("migration files must be named NNNN_name.sql")
    func badNames() {
        #expect(throws: StoreError.self) { try Migration(name: "initial.sql", sql: "") }
        #expect(throws: StoreError.self) { try Migration(name: "0001-initial.sql", sql: "") }
        #expect(throws: StoreError.self) { try Migration(name: "0000_zero.sql", sql: "") }
        #expect((try? Migration(name: "0012_add.sql", sql: ""))?.version == 12)
    }
}

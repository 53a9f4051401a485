import Foundation
import Logging
import PostgresStore
import SQLKit
import SQLiteStore
import Store
import StoreConformance
import StoreFactory
import Testing

/// Where the tests find their databases.
///
/// SQLite needs nothing: each test gets a fresh file in a temporary directory. PostgreSQL
/// tests use the private cluster `scripts/with-postgres` starts (the README's test command
/// does that, in CI too): each test gets a fresh database on it. Without
/// `CREDITGATE_TEST_POSTGRES_ADMIN_URL` the PostgreSQL tests FAIL, loudly; set
/// `CREDITGATE_TEST_SKIP_POSTGRES=1` to skip them on purpose on a machine without PostgreSQL.
enum TestDatabases {
    static let logger: Logger = {
        var logger = Logger(label: "creditgate.tests")
        logger.logLevel = .warning
        return logger
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let migrationsDirectory = repositoryRoot.appendingPathComponent("migrations").path

    static var skipPostgres: Bool {
        ProcessInfo.processInfo.environment["CREDITGATE_TEST_SKIP_POSTGRES"] == "1"
    }

    /// The superuser URL of the private test cluster.
    static func postgresAdminURL() throws -> String {
        guard
            let url = ProcessInfo.processInfo.environment["CREDITGATE_TEST_POSTGRES_ADMIN_URL"]
                ?? ProcessInfo.processInfo.environment["CREDITGATE_TEST_POSTGRES_URL"]
        else {
            throw TestSetupError(
                "CREDITGATE_TEST_POSTGRES_ADMIN_URL is not set: run the tests with ./scripts/test (it starts a private PostgreSQL), or set CREDITGATE_TEST_SKIP_POSTGRES=1 to skip the PostgreSQL tests on purpose"
            )
        }
        return url
    }

    /// A fresh, empty SQLite file path in its own temporary directory.
    static func freshSQLitePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "creditgate-test-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("creditgate.db").path
    }

    /// A fresh, empty PostgreSQL database; returns its URL.
    static func freshPostgresURL() async throws -> String {
        let admin = try postgresAdminURL()
        let name = "cg_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let backend = try await PostgresBackend.open(url: try PostgresURL(admin), maximumConnections: 1, logger: logger)
        defer { Task { try? await backend.shutdown() } }
        try await backend.withWriter { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        var components = URLComponents(string: admin)!
        components.path = "/\(name)"
        return components.string!
    }

    /// A fresh database of the given kind, as a `--database` setting.
    static func freshDatabase(_ kind: DatabaseKind) async throws -> String {
        switch kind {
        case .sqlite: try freshSQLitePath()
        case .postgres: try await freshPostgresURL()
        }
    }

    /// The kinds to test: both, unless PostgreSQL is skipped on purpose.
    static var kinds: [DatabaseKind] {
        skipPostgres ? [.sqlite] : [.sqlite, .postgres]
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A conformance harness on a fresh database of one kind.
final class Harness: StoreHarness {
    let kind: DatabaseKind
    let setting: String
    var name: String { kind.rawValue }

    private init(kind: DatabaseKind, setting: String) {
        self.kind = kind
        self.setting = setting
    }

    static func fresh(_ kind: DatabaseKind) async throws -> Harness {
        let harness = Harness(kind: kind, setting: try await TestDatabases.freshDatabase(kind))
        // Migrate once up front, so that stores opened concurrently later find the schema.
        let backend = try await StoreFactory.backend(for: harness.setting, logger: TestDatabases.logger)
        defer { Task { try? await backend.shutdown() } }
        try await Migrator(directory: TestDatabases.migrationsDirectory).migrate(backend)
        return harness
    }

    func makeStore() async throws -> any CreditStore {
        try await StoreFactory.open(
            setting, migrations: .requireCurrent(directory: TestDatabases.migrationsDirectory),
            logger: TestDatabases.logger)
    }

    func execute(_ sql: String) async throws {
        let backend = try await StoreFactory.backend(for: setting, logger: TestDatabases.logger)
        do {
            let kind = kind
            try await backend.withWriter { db in
                // As an attacker with database access would: past the foreign keys.
                switch kind {
                case .sqlite: try await db.raw("PRAGMA foreign_keys = OFF").run()
                case .postgres: try await db.raw("SET session_replication_role = replica").run()
                }
                try await db.raw(SQLQueryString(sql)).run()
                if kind == .sqlite { try await db.raw("PRAGMA foreign_keys = ON").run() }
            }
        } catch {
            try? await backend.shutdown()
            throw error
        }
        try await backend.shutdown()
    }
}

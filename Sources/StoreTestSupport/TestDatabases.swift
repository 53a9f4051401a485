import Foundation
import Logging
import PostgresStore
import SQLKit
import Store
import StoreFactory

/// Where the tests find their databases.
///
/// SQLite needs nothing: each test gets a fresh file in a temporary directory. PostgreSQL
/// tests use the private cluster `scripts/with-postgres` starts (the README's test command
/// does that, in CI too): each test gets a fresh database on it. Without
/// `CREDITGATE_TEST_POSTGRES_ADMIN_URL` the PostgreSQL tests FAIL, loudly; set
/// `CREDITGATE_TEST_SKIP_POSTGRES=1` to skip them on purpose on a machine without PostgreSQL.
public enum TestDatabases {
    /// A logger for tests: warnings and errors only.
    public static let logger: Logger = {
        var logger = Logger(label: "creditgate.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// The repository checkout (found from this file's path).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's `migrations/`.
    public static let migrationsDirectory = repositoryRoot.appendingPathComponent("migrations").path

    /// Whether PostgreSQL tests are skipped on purpose (`CREDITGATE_TEST_SKIP_POSTGRES=1`).
    public static var skipPostgres: Bool {
        ProcessInfo.processInfo.environment["CREDITGATE_TEST_SKIP_POSTGRES"] == "1"
    }

    /// The superuser URL of the private test cluster.
    public static func postgresAdminURL() throws -> String {
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
    public static func freshSQLitePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "creditgate-test-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("creditgate.db").path
    }

    /// A fresh, empty PostgreSQL database; returns its URL.
    public static func freshPostgresURL() async throws -> String {
        let admin = try postgresAdminURL()
        let name = "cg_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let backend = try await PostgresBackend.open(url: try PostgresURL(admin), maximumConnections: 1, logger: logger)
        defer { Task { try? await backend.shutdown() } }
        try await backend.withWriter { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        var components = URLComponents(string: admin)!
        components.path = "/\(name)"
        return components.string!
    }

    /// A copy of a closed database (no store may have it open), as a new `--database` setting:
    /// the SQLite file copied, or a PostgreSQL database created from it as a template.
    public static func copy(of setting: String, _ kind: DatabaseKind) async throws -> String {
        switch kind {
        case .sqlite:
            let target = try freshSQLitePath()
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: setting + suffix) {
                try FileManager.default.copyItem(atPath: setting + suffix, toPath: target + suffix)
            }
            return target
        case .postgres:
            let admin = try postgresAdminURL()
            let source = String(URLComponents(string: setting)!.path.dropFirst())
            let name = "cg_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
            let backend = try await PostgresBackend.open(url: try PostgresURL(admin), maximumConnections: 1, logger: logger)
            defer { Task { try? await backend.shutdown() } }
            try await backend.withWriter { db in
                try await db.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: source)").run()
            }
            var components = URLComponents(string: admin)!
            components.path = "/\(name)"
            return components.string!
        }
    }

    /// Runs raw SQL on a database (to tamper with it in tests, as someone with write access would).
    public static func execute(_ statements: [String], on setting: String) async throws {
        let backend = try await StoreFactory.backend(for: setting, logger: logger)
        do {
            try await backend.withWriter { db in
                for statement in statements { try await db.raw(SQLQueryString(statement)).run() }
            }
        } catch {
            try? await backend.shutdown()
            throw error
        }
        try await backend.shutdown()
    }

    /// A fresh database of the given kind, as a `--database` setting.
    public static func freshDatabase(_ kind: DatabaseKind) async throws -> String {
        switch kind {
        case .sqlite: try freshSQLitePath()
        case .postgres: try await freshPostgresURL()
        }
    }

    /// The kinds to test: both, unless PostgreSQL is skipped on purpose.
    public static var kinds: [DatabaseKind] {
        skipPostgres ? [.sqlite] : [.sqlite, .postgres]
    }
}

/// A test cannot run because its set-up is missing; says how to fix it.
public struct TestSetupError: Error, CustomStringConvertible {
    /// What is missing and how to fix it.
    public let description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}

import Foundation
import Logging
import PostgresStore
import SQLKit
import SQLiteStore
import Store
import StoreConformance
import StoreFactory
import StoreTestSupport
import Testing

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

import Logging
import PostgresStore
import SQLiteStore
import Store

/// Opens the store a `--database` setting names: a `postgres://` (or `postgresql://`) URL
/// means PostgreSQL; anything else is the path of an SQLite file.
public enum StoreFactory {
    /// What to do about migrations when opening.
    public enum Migrations: Sendable {
        /// Apply pending migrations from this directory (the server does this at start).
        case apply(directory: String)
        /// Refuse to open unless the database is up to date with this directory.
        case requireCurrent(directory: String)
        /// Do not look (the caller migrates or knows better).
        case skip
    }

    /// The default SQLite file.
    public static let defaultDatabase = "creditgate.db"

    /// The setting for a log line: the kind and where, never a password.
    public static func describe(_ setting: String) -> String {
        if PostgresURL.isPostgres(setting) {
            guard let url = try? PostgresURL(setting) else { return "postgres (unparsable URL)" }
            return "postgres \(url.address)/\(url.database ?? url.username)"
        }
        return "sqlite \(setting)"
    }

    /// Opens the backend a setting names, without migrating.
    public static func backend(for setting: String, logger: Logger) async throws -> any SQLBackend {
        if PostgresURL.isPostgres(setting) {
            return try await PostgresBackend.open(url: try PostgresURL(setting), logger: logger)
        }
        guard !setting.isEmpty, !setting.contains("://") else {
            throw StoreError.invalidDatabaseSetting(
                reason: "use a file path for SQLite or a postgres:// URL for PostgreSQL")
        }
        return try await SQLiteBackend.open(path: setting, logger: logger)
    }

    /// Opens the store a setting names.
    public static func open(
        _ setting: String, migrations: Migrations, maxBatch: Int = 256, logger: Logger
    ) async throws -> SQLCreditStore {
        let backend = try await backend(for: setting, logger: logger)
        do {
            switch migrations {
            case .apply(let directory):
                try await Migrator(directory: directory).migrate(backend)
            case .requireCurrent(let directory):
                try await Migrator(directory: directory).requireCurrent(backend)
            case .skip:
                break
            }
        } catch {
            try? await backend.shutdown()
            throw error
        }
        return SQLCreditStore(backend: backend, maxBatch: maxBatch, logger: logger)
    }
}

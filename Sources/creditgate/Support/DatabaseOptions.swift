import ArgumentParser
import Foundation
import Logging
import Store
import StoreFactory

/// Where the database and its migrations are: `--database` / `CREDITGATE_DATABASE`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "An SQLite file path or a postgres://user:password@host:port/db URL (env CREDITGATE_DATABASE; default ./creditgate.db).",
            valueName: "path-or-url"))
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The directory of versioned SQL migrations (env CREDITGATE_MIGRATIONS; default ./migrations).",
            valueName: "dir"))
    var migrations: String?

    /// The database setting after flags, then environment, then the default.
    var resolvedDatabase: String {
        database ?? ProcessInfo.processInfo.environment["CREDITGATE_DATABASE"] ?? StoreFactory.defaultDatabase
    }

    /// The migrations directory after flags, then environment, then the default.
    var resolvedMigrations: String {
        migrations ?? ProcessInfo.processInfo.environment["CREDITGATE_MIGRATIONS"] ?? "migrations"
    }

    /// The database for people: a URL without its password.
    var displayName: String {
        let setting = resolvedDatabase
        guard var components = URLComponents(string: setting), components.password != nil else { return setting }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    /// A logger for the store: warnings and errors only on the CLI.
    static var logger: Logger {
        var logger = Logger(label: "creditgate.store")
        logger.logLevel = .warning
        return logger
    }
}

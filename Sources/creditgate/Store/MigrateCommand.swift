import ArgumentParser
import Foundation
import Store
import StoreFactory

/// `creditgate migrate`: applies pending migrations, or shows where the database stands.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the SQL migrations in migrations/ to the database (SQLite file or PostgreSQL).",
        discussion: """
            Each migration runs in its own transaction with its row in schema_migrations and an \
            audit entry. A migration that was edited after it was applied is refused, as is a \
            database that has migrations this build does not know. The server applies pending \
            migrations at start, too.
            Exit codes: 0 up to date; 1 a migration was refused or failed (or, with --status, \
            migrations are pending); 2 the database or the migrations could not be read.
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Only show applied and pending migrations; change nothing.")
    var status = false

    func run() async throws {
        let migrator: Migrator
        let backend: any SQLBackend
        do {
            migrator = try Migrator(directory: database.resolvedMigrations)
            backend = try await StoreFactory.backend(for: database.resolvedDatabase, logger: DatabaseOptions.logger)
        } catch {
            Console.err("creditgate migrate: \(Self.sentence(error))")
            throw ExitCode(2)
        }
        defer { Task { try? await backend.shutdown() } }
        do {
            if status {
                let current = try await migrator.status(of: backend)
                for applied in current.applied {
                    Console.out("applied  \(applied.name)  \(applied.sha256.prefix(12))")
                }
                for pending in current.pending {
                    Console.out(Console.styled("pending  \(pending.name)", .yellow))
                }
                Console.out(
                    "\(database.displayName): \(current.applied.count) applied, \(current.pending.count) pending")
                if !current.pending.isEmpty { throw ExitCode.failure }
                return
            }
            let began = ContinuousClock.now
            let applied = try await migrator.migrate(backend)
            let took = (ContinuousClock.now - began) / .milliseconds(1)
            for migration in applied {
                Console.out("applied  \(migration.name)  \(migration.sha256.prefix(12))")
            }
            Console.out(
                applied.isEmpty
                    ? "\(database.displayName): up to date (\(migrator.migrations.count) migration\(migrator.migrations.count == 1 ? "" : "s"))"
                    : "\(database.displayName): applied \(applied.count) migration\(applied.count == 1 ? "" : "s") in \(Int(took)) ms"
            )
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.err("creditgate migrate: \(Self.sentence(error))")
            throw ExitCode.failure
        }
    }

    /// One sentence for an error; driver errors do not carry data in their descriptions.
    static func sentence(_ error: any Error) -> String {
        if let error = error as? StoreError { return error.description }
        return "cannot use the database: \(String(describing: error))"
    }
}

import ArgumentParser
import CreditPolicy
import Foundation
import Store
import StoreFactory

/// `creditgate keys`: API keys, directly on the database (how the first key is made).
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke API keys (directly on the database).",
        subcommands: [Create.self, List.self, Revoke.self])

    static func open(_ database: DatabaseOptions) async throws -> SQLCreditStore {
        do {
            return try await StoreFactory.open(
                database.resolvedDatabase, migrations: .apply(directory: database.resolvedMigrations),
                logger: DatabaseOptions.logger)
        } catch {
            Console.err("creditgate keys: \(MigrateCommand.sentence(error))")
            throw ExitCode(2)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key; prints its secret once on stdout (only its SHA-256 is stored).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "signup, officer, auditor or admin.")
        var role: String

        @Option(help: "A name for people, e.g. the integration or the officer. For an officer it is the officer: several keys with one name are one officer (four eyes compares names).")
        var name: String

        @Option(
            help: ArgumentHelp(
                "Officers only: the largest limit this officer may grant or set, in the policy's currency (e.g. 100000).",
                valueName: "amount"))
        var authority: String?

        func validate() throws {
            guard APIKeyRecord.Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of: signup, officer, auditor, admin")
            }
            if let authority {
                guard role == "officer" else { throw ValidationError("--authority is for officer keys only") }
                guard let amount = ExactDecimal(authority), !amount.isNegative, amount.significantScale <= 4 else {
                    throw ValidationError("--authority must be an amount such as 100000 or 25000.50")
                }
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
                throw ValidationError("--name must be 1–100 characters")
            }
        }

        func run() async throws {
            let store = try await KeysCommand.open(database)
            let id = "key_" + KeysCommand.randomHex(bytes: 6)
            let secret = "cg_" + KeysCommand.randomHex(bytes: 24)
            let now = SQLCreditStore.systemClock()
            try await store.createAPIKey(
                APIKeyRecord(
                    id: id, name: name, role: APIKeyRecord.Role(rawValue: role)!, secretSHA256: SHA256Hex.of(secret),
                    createdAtMicros: now, authorityLimit: authority.flatMap(ExactDecimal.init)?.description),
                actor: "cli:\(NSUserName())")
            try await store.shutdown()
            let authorityNote = authority.map { ", authority \($0)" } ?? (role == "officer" ? ", no authority to grant limits (use --authority)" : "")
            Console.err("created \(id) (\(role), \(name)\(authorityNote)); the secret below is shown once and stored only as a hash:")
            Console.out(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let store = try await KeysCommand.open(database)
            let keys = try await store.apiKeys()
            try await store.shutdown()
            let rows = keys.map { key in
                [
                    key.id, key.role.rawValue, key.name, key.authorityLimit ?? "", KeysCommand.date(key.createdAtMicros),
                    key.revokedAtMicros.map { "revoked " + KeysCommand.date($0) } ?? "active",
                ]
            }
            let header = ["ID", "ROLE", "NAME", "AUTHORITY", "CREATED", "STATUS"]
            let widths = (0..<header.count).map { column in
                ([header] + rows).map { $0[column].count }.max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            Console.out(Console.styled(line(header), .bold))
            for row in rows { Console.out(line(row)) }
            if rows.isEmpty { Console.out("no keys yet: creditgate keys create --role signup --name NAME") }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it gets 401 from then on.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The key's id (key_…).")
        var id: String

        func run() async throws {
            let store = try await KeysCommand.open(database)
            let changed: Bool
            do {
                changed = try await store.revokeAPIKey(
                    id: id, atMicros: SQLCreditStore.systemClock(), actor: "cli:\(NSUserName())")
            } catch let error as StoreError {
                try? await store.shutdown()
                Console.err("creditgate keys revoke: \(error.description)")
                throw ExitCode.failure
            }
            try await store.shutdown()
            Console.out(changed ? "revoked \(id)" : "\(id) was already revoked")
        }
    }

    static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
            .joined()
    }

    /// RFC 3339 to the second, as the rest of Creditgate writes times.
    static func date(_ micros: Int64) -> String {
        Timestamp(microseconds: micros / 1_000_000 * 1_000_000).description
    }
}

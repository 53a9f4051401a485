import API
import AuditTrail
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Onboarding
import Relay
import ServiceLifecycle
import Store
import StoreFactory
import Webhooks

/// `creditgate serve`: the HTTP API on the embedded SQLite default (or PostgreSQL).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API (default: SQLite ./creditgate.db, policies ./policies, 127.0.0.1:8080).",
        discussion: """
            Applies pending migrations, loads every policy in the policies directory (any \
            mistake stops the start, with every mistake listed), records their texts by hash, \
            and serves until SIGTERM or SIGINT, which drain in-flight requests first (at most 30 s, \
            then cancelled; the process ends within 40 s of the signal).
            Make the first API key with `creditgate keys create --role signup --name NAME`.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The policies directory (env CREDITGATE_POLICIES).", valueName: "dir"))
    var policies: String?

    @Option(help: "The id of the default policy.")
    var defaultPolicy = "standard"

    @Option(help: "Address to bind (env CREDITGATE_HOST).")
    var host: String?

    @Option(help: "Port to listen on (env CREDITGATE_PORT).")
    var port: Int?

    @Option(help: "Requests a second per API key on average, bursts up to twice that; 0 turns the limit off (env CREDITGATE_RATE_LIMIT).")
    var rateLimit: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env LOG_LEVEL).")
    var logLevel: String?

    @Option(
        help: ArgumentHelp(
            "The key that seals webhook secrets in the database: a file kept outside it, made (mode 0600) when missing (env CREDITGATE_SECRETS_KEY; default ./creditgate-secrets.key).",
            valueName: "file"))
    var secretsKey: String?

    @Option(help: "How long a failing webhook delivery is retried before it is dead-lettered, in hours (default 72).")
    var webhookMaxAgeHours: Int = 72

    @Flag(help: "Do not run the webhook relay in this instance (another instance delivers).")
    var noRelay = false

    @Option(
        help: ArgumentHelp(
            "Sign audit checkpoints with this key (from `creditgate audit init-key`; env CREDITGATE_AUDIT_KEY). Only one instance should sign.",
            valueName: "file"))
    var auditKey: String?

    @Option(help: "With --audit-key: a checkpoint at least every this many audit entries.")
    var checkpointEvery: Int64 = 1_000

    @Option(help: "With --audit-key: a checkpoint at least every this many minutes (when the log grew).")
    var checkpointMinutes: Int64 = 10

    @Option(help: "Give up starting (exit 2) when the database has not answered within this many seconds.")
    var startupTimeout: Int64 = 30

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "creditgate")
        logger.logLevel =
            Logger.Level(rawValue: logLevel ?? environment["LOG_LEVEL"] ?? "info") ?? .info
        let directory = policies ?? environment["CREDITGATE_POLICIES"] ?? "policies"
        let registry: PolicyRegistry
        do {
            registry = try PolicyRegistry(directory: directory, defaultPolicyID: defaultPolicy)
        } catch {
            Console.err("creditgate serve: the policies in \(directory) cannot go live:")
            for problem in error.problems { Console.err("  \(problem)") }
            throw ExitCode.failure
        }
        let store: SQLCreditStore
        let setting = database.resolvedDatabase
        let migrations = database.resolvedMigrations
        let described = StoreFactory.describe(setting)
        let startupLimit = Duration.seconds(max(1, startupTimeout))
        logger.info("opening the database", metadata: ["database": "\(described)"])
        do {
            // A bounded start: a database that is down or restarting makes `serve` exit with a
            // sentence (a supervisor restarts it) instead of waiting with no word in the log.
            store = try await withDeadline(startupLimit, described) { [logger] in
                try await StoreFactory.open(setting, migrations: .apply(directory: migrations), logger: logger)
            }
        } catch {
            Console.err("creditgate serve: \(MigrateCommand.sentence(error))")
            throw ExitCode(2)
        }
        let box: SecretBox
        do {
            box = try Self.secretBox(path: secretsKey ?? environment["CREDITGATE_SECRETS_KEY"] ?? "creditgate-secrets.key", logger: logger)
        } catch {
            Console.err("creditgate serve: \(error)")
            await Self.close(store, logger: logger)
            throw ExitCode(2)
        }
        let onboarding = Onboarding(store: store, policies: registry, secrets: box)
        do {
            try await withDeadline(startupLimit, described) {
                try await onboarding.recordPolicies(actor: "system")
            }
        } catch {
            Console.err("creditgate serve: cannot record the policies: \(MigrateCommand.sentence(error))")
            await Self.close(store, logger: logger)
            throw ExitCode(2)
        }
        let settings = ServerSettings(
            host: host ?? environment["CREDITGATE_HOST"] ?? "127.0.0.1",
            port: port ?? environment["CREDITGATE_PORT"].flatMap(Int.init) ?? 8080,
            rateLimit: rateLimit ?? environment["CREDITGATE_RATE_LIMIT"].flatMap(Int.init) ?? 100)
        logger.info(
            "starting",
            metadata: [
                "address": "\(settings.host):\(settings.port)", "database": "\(store.kind.rawValue)",
                "policies": "\(registry.policies.policies.map { "\($0.policy.id)@\($0.policy.version)" })",
            ])
        let httpClient = WebhookRelay.makeHTTPClient()
        var services: [any Service] = []
        if !noRelay {
            services.append(
                WebhookRelay(
                    store: store, box: box, client: httpClient,
                    settings: .init(schedule: RetrySchedule(maxAge: .seconds(Int64(max(1, webhookMaxAgeHours)) * 3_600))),
                    logger: logger))
        }
        if let path = auditKey ?? environment["CREDITGATE_AUDIT_KEY"] {
            let signer: CheckpointSigner
            do {
                signer = try AuditVerifyCommand.signer(path)
            } catch {
                try? await httpClient.shutdown()
                await Self.close(store, logger: logger)
                throw error
            }
            services.append(
                AuditCheckpointer(
                    store: store, signer: signer,
                    schedule: CheckpointSchedule(
                        everyEntries: max(1, checkpointEvery), everyMicros: max(1, checkpointMinutes) * 60_000_000),
                    logger: logger))
            logger.info("signing audit checkpoints", metadata: ["public_key": "\(signer.publicKey.verifierKey)"])
        } else {
            logger.notice("no --audit-key: audit checkpoints are not signed (creditgate audit init-key makes one)")
        }
        let app = buildApplication(settings: settings, onboarding: onboarding, logger: logger, services: services)
        let reloader = Self.reloadOnSIGHUP(onboarding, logger: logger)
        defer { reloader.cancel() }
        do {
            // SIGTERM/SIGINT drain in-flight requests, bounded: a drain that waits on a database
            // that went away escalates to cancellation after 30 s, and cancellation that does not
            // finish within 10 s more ends the process (service-lifecycle's fatalError), so a
            // stop always ends and a supervisor can start a new instance.
            var group = ServiceGroupConfiguration(
                services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            group.maximumGracefulShutdownDuration = .seconds(30)
            group.maximumCancellationDuration = .seconds(10)
            try await ServiceGroup(configuration: group).run()
        } catch {
            try? await httpClient.shutdown()
            await Self.close(store, logger: logger)
            throw error
        }
        try await httpClient.shutdown()
        await Self.close(store, logger: logger)
    }

    /// Closes the store, giving up after `limit`: a database that stopped answering must not
    /// keep a failed start, or a stop, from ending.
    static func close(_ store: SQLCreditStore, within limit: Duration = .seconds(10), logger: Logger) async {
        let started = ContinuousClock.now
        do {
            try await withDeadline(limit, "the database") { try await store.shutdown() }
        } catch {
            // The deadline's own error, or the driver's: say which, so that a slow close is not
            // mistaken for a database that refused.
            if ContinuousClock.now - started >= limit {
                logger.warning("the database did not close within \(limit.components.seconds) s; stopping anyway")
            } else {
                logger.warning("the database did not close cleanly: \(MigrateCommand.sentence(error))")
            }
        }
    }

    /// The secrets key: read from `path`, or made there (mode 0600) when the file is missing.
    static func secretBox(path: String, logger: Logger) throws -> SecretBox {
        if FileManager.default.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let box = SecretBox(fileText: text) else {
                throw ValidationError("\(path) is not a secrets key (one line: 32 bytes, base64)")
            }
            return box
        }
        let (box, text) = SecretBox.generate()
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw ValidationError("cannot create the secrets key \(path)")
        }
        logger.notice("made a new secrets key for webhook secrets; keep it with your backups", metadata: ["file": "\(path)"])
        return box
    }

    /// SIGHUP reloads the policies, as `POST /v1/policies/reload` does.
    static func reloadOnSIGHUP(_ onboarding: Onboarding, logger: Logger) -> any DispatchSourceSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP)
        source.setEventHandler {
            Task {
                do {
                    let set = try await onboarding.reloadPolicies(actor: "signal:SIGHUP")
                    logger.notice(
                        "policies reloaded",
                        metadata: ["policies": "\(set.policies.map { "\($0.policy.id)@\($0.policy.version)" })"])
                } catch let error as PolicySetError {
                    logger.error(
                        "policies NOT reloaded; the previous ones keep serving",
                        metadata: ["problems": "\(error.problems)"])
                } catch {
                    logger.error("policy reload failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
        }
        source.resume()
        return source
    }
}

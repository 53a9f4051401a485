import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import Store
import Synchronization

/// PostgreSQL through PostgresNIO's connection pool (`PostgresClient`).
///
/// Writes lease one pooled connection per group-commit transaction; reads lease their own.
/// Statements are never logged with their values.
public final class PostgresBackend: SQLBackend {
    /// Which database this is.
    public var kind: DatabaseKind { .postgres }

    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    /// Which of ``analyzeAt`` this process has passed, and whether an `ANALYZE` is running.
    private let statistics = Mutex((passed: 0, running: false))

    /// Audit-log sizes at which this process refreshes the planner's statistics itself.
    ///
    /// Foreign-key checks run through plans that each connection caches. On a young database
    /// those plans were made when the tables held a handful of rows (the migrations' indexes
    /// recorded that size), so each check scans the whole referenced table — one decision's
    /// checks grow with the log — until autovacuum's first `ANALYZE`, which can take a minute
    /// or more. Measured with the soak test on a new database: p50 latency climbed from 45 to
    /// 240 ms over 85 s, with 16,284 sequential scans of `audit_entries`, then dropped back
    /// when autovacuum analysed. An `ANALYZE` at these sizes re-plans every connection's checks
    /// as index lookups; beyond them autovacuum keeps up on its own.
    static let analyzeAt: [Int64] = [200, 2_000, 20_000]

    /// The tables that foreign keys point at, and those the hot path reads.
    static let analyzedTables =
        "customers, policy_versions, applications, decisions, reviews, audit_entries, outbox_events, idempotency_records, webhook_subscriptions"

    /// Checks that the URL connects (one direct connection, so that a wrong address or password
    /// is one clear error at once, not a pool retrying in the background), then starts the pool.
    public static func open(url: PostgresURL, maximumConnections: Int = 20, logger: Logger) async throws
        -> PostgresBackend
    {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try url.connectionConfiguration(), id: 0, logger: logger)
            do {
                try await connection.query("SELECT 1", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        } catch {
            if Self.isUnavailable(error) {
                throw StoreError.unavailable(reason: "\(Self.describe(error)) (\(url.address))")
            }
            throw StoreError.invalidDatabaseSetting(reason: "cannot connect to PostgreSQL: \(Self.describe(error))")
        }
        let backend = try PostgresBackend(url: url, maximumConnections: maximumConnections, logger: logger)
        // Give the pool's run loop a chance to start before the first lease (a lease before
        // it waits, with a warning in the log).
        for _ in 0..<16 { await Task.yield() }
        return backend
    }

    /// The server's own message (PSQLError's description hides it, to keep data out of logs;
    /// the message names objects, not values).
    public func describe(_ error: any Error) -> String {
        Self.describe(error)
    }

    /// Whether a failed connection attempt means "not running or not ready" rather than a
    /// wrong setting: nothing listens, the connection dropped, or the server is starting up or
    /// shutting down (SQLSTATE class 57P: `cannot_connect_now`, `admin_shutdown`, …).
    static func isUnavailable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .connectionError, .uncleanShutdown, .serverClosedConnection:
            return true
        case .server:
            return error.serverInfo?[.sqlState]?.hasPrefix("57P") == true
        default:
            return false
        }
    }

    /// What went wrong, without the password or any data.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let message = error.serverInfo?[.message] ?? "the server refused"
                return message
            case .connectionError, .uncleanShutdown, .serverClosedConnection:
                return "no PostgreSQL server answers"
            case .sslUnsupported:
                return "the server does not offer TLS, and sslmode requires it"
            case .authMechanismRequiresPassword:
                return "the server asks for a password and the URL has none"
            default:
                return "\(error.code)"
            }
        }
        return String(describing: type(of: error))
    }

    private init(url: PostgresURL, maximumConnections: Int, logger: Logger) throws {
        var configuration: PostgresClient.Configuration
        if let socket = url.unixSocketPath {
            configuration = .init(
                unixSocketPath: socket, username: url.username, password: url.password, database: url.database)
        } else {
            configuration = .init(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: try url.tls())
        }
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        self.logger = logger
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let client = self.client
        self.runner = Task { await client.run() }
    }

    /// Refreshes the planner's statistics in the background the first time the log passes
    /// each size in ``analyzeAt`` (see there why).
    public func committed(auditSeq: Int64) {
        let due = statistics.withLock { state -> Bool in
            let thresholds = Self.analyzeAt
            guard !state.running, state.passed < thresholds.count, auditSeq >= thresholds[state.passed] else {
                return false
            }
            while state.passed < thresholds.count, auditSeq >= thresholds[state.passed] { state.passed += 1 }
            state.running = true
            return true
        }
        guard due else { return }
        let client = self.client
        let logger = self.logger
        Task {
            defer { self.statistics.withLock { $0.running = false } }
            let started = ContinuousClock.now
            do {
                try await client.withConnection { connection in
                    _ = try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE \(Self.analyzedTables)"), logger: logger)
                }
                logger.debug(
                    "refreshed planner statistics",
                    metadata: ["audit_seq": "\(auditSeq)", "ms": "\((ContinuousClock.now - started) / .milliseconds(1))"])
            } catch {
                logger.notice("could not refresh planner statistics", metadata: ["error": "\(Self.describe(error))"])
            }
        }
    }

    /// Runs `body` on a leased connection.
    public func withWriter<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// Runs `body` on a leased connection.
    public func withReader<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// Closes the pool.
    public func shutdown() async throws {
        runner.cancel()
        await runner.value
    }
}

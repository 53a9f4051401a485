import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import Store

/// PostgreSQL through PostgresNIO's connection pool (`PostgresClient`).
///
/// Writes lease one pooled connection per group-commit transaction; reads lease their own.
/// Statements are never logged with their values.
public final class PostgresBackend: SQLBackend {
    /// Which database this is.
    public var kind: DatabaseKind { .postgres }

    private let client: PostgresClient
    private let runner: Task<Void, Never>

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
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let client = self.client
        self.runner = Task { await client.run() }
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

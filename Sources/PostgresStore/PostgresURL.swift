import Foundation
import NIOSSL
import PostgresNIO
import Store

/// A `postgres://user:password@host:port/database?sslmode=…` URL, parsed.
///
/// Understood query parameters (as libpq names them): `sslmode` = `disable`, `prefer`
/// (default), `require` (encrypt, do not verify the certificate), `verify-ca` and
/// `verify-full` (verify against `sslrootcert` or the system roots; `verify-full` also checks
/// the host name); `sslrootcert` = a PEM file; `host` = a unix-socket directory (then the
/// URL's host part is empty: `postgres://user@/db?host=/run/postgresql`).
public struct PostgresURL: Sendable, Hashable {
    /// TLS modes, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Server host name or address (TCP).
    public var host: String
    /// Server port.
    public var port: Int
    /// The unix-socket path, when connecting through one.
    public var unixSocketPath: String?
    /// Role name.
    public var username: String
    /// Password, if any.
    public var password: String?
    /// Database name.
    public var database: String?
    /// TLS mode.
    public var tlsMode: TLSMode
    /// CA certificate file for `verify-ca` / `verify-full`.
    public var rootCertificatePath: String?

    /// Whether a `--database` value names PostgreSQL rather than an SQLite file.
    public static func isPostgres(_ setting: String) -> Bool {
        setting.hasPrefix("postgres://") || setting.hasPrefix("postgresql://")
    }

    /// Parses a URL; errors never repeat the password.
    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw StoreError.invalidDatabaseSetting(
                reason: "expected postgres://user:password@host:port/database (percent-encode special characters)")
        }
        guard let user = components.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw StoreError.invalidDatabaseSetting(reason: "the PostgreSQL URL names no user")
        }
        username = user
        password = components.percentEncodedPassword?.removingPercentEncoding
        let name = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = name.isEmpty ? nil : name
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        port = components.port ?? 5432
        var mode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let parsed = TLSMode(rawValue: value) else {
                    throw StoreError.invalidDatabaseSetting(
                        reason: "sslmode must be disable, prefer, require, verify-ca or verify-full")
                }
                mode = parsed
            case "sslrootcert":
                rootCertificatePath = item.value
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw StoreError.invalidDatabaseSetting(reason: "the host parameter must be a socket directory")
                }
                unixSocketPath = value.hasSuffix(".s.PGSQL.\(port)") ? value : "\(value)/.s.PGSQL.\(port)"
            default:
                throw StoreError.invalidDatabaseSetting(reason: "unknown PostgreSQL URL parameter '\(item.name)'")
            }
        }
        tlsMode = mode
    }

    /// Where the server is, for messages: `host:port` or the socket path (never the password).
    public var address: String {
        unixSocketPath ?? "\(host):\(port)"
    }

    /// The TLS settings the mode asks for (nil: no TLS).
    func tlsConfiguration() -> (TLSConfiguration, required: Bool)? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let rootCertificatePath {
            configuration.trustRoots = .file(rootCertificatePath)
        }
        switch tlsMode {
        case .disable:
            return nil
        case .prefer:
            configuration.certificateVerification = .none
            return (configuration, false)
        case .require:
            configuration.certificateVerification = .none
            return (configuration, true)
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return (configuration, true)
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            return (configuration, true)
        }
    }

    /// The pool's TLS setting.
    func tls() throws -> PostgresClient.Configuration.TLS {
        guard let (configuration, required) = tlsConfiguration() else { return .disable }
        return required ? .require(configuration) : .prefer(configuration)
    }

    /// The settings of one direct connection (used to check the URL before the pool starts).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let unixSocketPath {
            return .init(unixSocketPath: unixSocketPath, username: username, password: password, database: database)
        }
        var tls = PostgresConnection.Configuration.TLS.disable
        if let (configuration, required) = tlsConfiguration() {
            let context = try NIOSSLContext(configuration: configuration)
            tls = required ? .require(context) : .prefer(context)
        }
        var result = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        result.options.connectTimeout = .seconds(10)
        return result
    }
}

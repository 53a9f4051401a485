import PostgresStore
import Store
import StoreFactory
import StoreTestSupport
import Foundation
import Testing

@Suite("Database setting")
struct DatabaseSettingTests {
    @Test("a postgres:// URL is parsed with every part")
    func fullURL() throws {
        let url = try PostgresURL(
            "postgres://cg%40ops:p%3Ass@db.internal:6543/creditgate?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(url.username == "cg@ops")
        #expect(url.password == "p:ss")
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.database == "creditgate")
        #expect(url.tlsMode == .verifyFull)
        #expect(url.rootCertificatePath == "/etc/ca.pem")
        #expect(url.unixSocketPath == nil)
    }

    @Test("defaults: port 5432, TLS preferred; postgresql:// works too")
    func defaults() throws {
        let url = try PostgresURL("postgresql://creditgate@localhost/app")
        #expect(url.port == 5432)
        #expect(url.tlsMode == .prefer)
        #expect(url.password == nil)
    }

    @Test("a unix socket directory in the host parameter")
    func unixSocket() throws {
        let url = try PostgresURL("postgres://creditgate@/app?host=/run/postgresql")
        #expect(url.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
    }

    @Test(
        "bad URLs are refused without repeating the password",
        arguments: [
            "postgres://:secret@host/db",
            "postgres://u:secret@host/db?sslmode=sometimes",
            "postgres://u:secret@host/db?colour=blue",
            "postgres://u:secret@host/db?host=relative/dir",
        ])
    func badURL(_ text: String) {
        let error = #expect(throws: StoreError.self) { try PostgresURL(text) }
        #expect(error?.description.contains("secret") == false)
    }

    @Test("a setting that is neither a path nor a postgres:// URL is refused")
    func neither() async {
        await #expect(throws: StoreError.self) {
            _ = try await StoreFactory.backend(for: "mysql://u@h/db", logger: TestDatabases.logger)
        }
        await #expect(throws: StoreError.self) {
            _ = try await StoreFactory.backend(for: "", logger: TestDatabases.logger)
        }
    }

    @Test("a PostgreSQL server that refuses the password is one clear error", .enabled(if: !TestDatabases.skipPostgres))
    func wrongPassword() async throws {
        let admin = try TestDatabases.postgresAdminURL()
        var url = try PostgresURL(admin)
        url.password = "certainly-wrong"
        let setting = "postgres://\(url.username):certainly-wrong@\(url.host):\(url.port)/postgres?sslmode=disable"
        let error = await #expect(throws: StoreError.self) {
            _ = try await StoreFactory.backend(for: setting, logger: TestDatabases.logger)
        }
        #expect(error?.description.contains("cannot connect to PostgreSQL") == true)
        #expect(error?.description.contains("certainly-wrong") == false)
    }

    @Test("a PostgreSQL server that is not running is 'unavailable', with its address, not a bad setting")
    func notRunning() async throws {
        // A port that nothing listens on: bind one, note it, close it.
        let port = try Self.closedPort()
        let error = await #expect(throws: StoreError.self) {
            _ = try await StoreFactory.backend(
                for: "postgres://cg:hunter2@127.0.0.1:\(port)/cg?sslmode=disable", logger: TestDatabases.logger)
        }
        #expect(error?.description == "the database is unavailable: no PostgreSQL server answers (127.0.0.1:\(port))")
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test("a server that accepts the connection and never answers: start-up gives up at the deadline")
    func silentServer() async throws {
        // Listens and accepts, but never says a word: PostgresNIO's connect timeout covers only
        // the TCP connect, so without a deadline this waits forever.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(listener, $0, length) == 0, listen(listener, 8) == 0, getsockname(listener, $0, &length) == 0
                else { throw POSIXError(.EADDRINUSE) }
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = ContinuousClock.now
        let error = await #expect(throws: StoreError.self) {
            _ = try await withDeadline(.seconds(1), "postgres 127.0.0.1:\(port)/cg") {
                try await StoreFactory.backend(
                    for: "postgres://cg@127.0.0.1:\(port)/cg?sslmode=disable", logger: TestDatabases.logger)
            }
        }
        let waited = ContinuousClock.now - started
        #expect(error == .unavailable(reason: "postgres 127.0.0.1:\(port)/cg did not answer within 1 s"))
        // Without the deadline this never returns (the connect timeout covers only the TCP
        // connect). The upper bound is loose: the whole suite runs in parallel on 2 cores.
        #expect(waited >= .milliseconds(900) && waited < .seconds(30), "\(waited)")
    }

    @Test("a deadline returns what the operation returns, and its error, when it finishes in time")
    func deadlineInTime() async throws {
        let value = try await withDeadline(.seconds(5), "x") { 42 }
        #expect(value == 42)
        await #expect(throws: StoreError.closed) {
            try await withDeadline(.seconds(5), "x") { () async throws -> Int in throw StoreError.closed }
        }
    }

    static func closedPort() throws -> Int {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(s, $0, length) == 0, getsockname(s, $0, &length) == 0 else { throw POSIXError(.EADDRINUSE) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test(
        "sslmode is honoured: require fails on a server without TLS, prefer and disable connect",
        .enabled(if: !TestDatabases.skipPostgres))
    func sslModes() async throws {
        // The private test cluster has no TLS.
        let admin = try TestDatabases.postgresAdminURL()
        let base = admin.contains("?") ? admin + "&" : admin + "?"
        let error = await #expect(throws: StoreError.self) {
            _ = try await StoreFactory.backend(for: base + "sslmode=require", logger: TestDatabases.logger)
        }
        #expect(error?.description.contains("does not offer TLS") == true)
        for mode in ["prefer", "disable"] {
            let backend = try await StoreFactory.backend(for: base + "sslmode=\(mode)", logger: TestDatabases.logger)
            try await backend.shutdown()
        }
    }
}

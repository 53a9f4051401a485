import PostgresStore
import Store
import StoreFactory
import StoreTestSupport
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

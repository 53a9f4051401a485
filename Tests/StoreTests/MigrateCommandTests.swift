import Foundation
import Store
import StoreTestSupport
import Testing

/// `creditgate migrate` as a user runs it: on a fresh and on an up-to-date database of each kind.
@Suite("creditgate migrate")
struct MigrateCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func creditgate(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = try CrashTests.executable(named: "creditgate")
        process.arguments = arguments
        process.currentDirectoryURL = TestDatabases.repositoryRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The repository's migration files, in order.
    static func migrationFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: TestDatabases.migrationsDirectory)
            .filter { $0.hasSuffix(".sql") }.sorted()
    }

    @Test("fresh, then up to date, then --status", arguments: TestDatabases.kinds)
    func freshThenUpToDate(kind: DatabaseKind) async throws {
        let setting = try await TestDatabases.freshDatabase(kind)
        let files = try Self.migrationFiles()
        let first = try Self.creditgate(["migrate", "--database", setting])
        #expect(first.status == 0, "\(first.stderr)")
        for file in files { #expect(first.stdout.contains("applied  \(file)")) }
        #expect(first.stdout.contains("applied \(files.count) migration"))
        let second = try Self.creditgate(["migrate", "--database", setting])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("up to date (\(files.count) migration"))
        let status = try Self.creditgate(["migrate", "--status", "--database", setting])
        #expect(status.status == 0)
        #expect(status.stdout.contains("\(files.count) applied, 0 pending"))
        // The password never reaches the terminal.
        if kind == .postgres, let password = try PostgresURLPassword.of(setting) {
            #expect(!first.stdout.contains(password) && !first.stderr.contains(password))
        }
    }

    @Test("pending migrations: --status exits 1 and changes nothing")
    func pendingStatus() throws {
        let setting = try TestDatabases.freshSQLitePath()
        let run = try Self.creditgate(["migrate", "--status", "--database", setting])
        #expect(run.status == 1)
        let files = try Self.migrationFiles()
        for file in files { #expect(run.stdout.contains("pending  \(file)")) }
        let again = try Self.creditgate(["migrate", "--status", "--database", setting])
        #expect(again.stdout.contains("0 applied, \(files.count) pending"))
    }

    @Test("an unusable database is one sentence and exit 2")
    func unusable() throws {
        let run = try Self.creditgate(["migrate", "--database", "/nonexistent/dir/creditgate.db"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the directory /nonexistent/dir does not exist"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}

enum PostgresURLPassword {
    static func of(_ setting: String) throws -> String? {
        URLComponents(string: setting)?.password
    }
}

import Foundation
import Store
import StoreFactory
import StoreTestSupport
import Testing

/// A writer process killed with SIGKILL in the middle of a stream of writes: every write it
/// acknowledged is in the database, and the audit chain verifies.
@Suite("Crash safety")
struct CrashTests {
    /// A product of this package built next to the test bundle (`.build/debug/NAME`).
    static func executable(named name: String) throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            TestDatabases.repositoryRoot.appendingPathComponent(".build/debug"),
        ]
        for directory in candidates {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw TestSetupError("\(name) is not built: run `swift build --build-tests` first")
    }

    @Test("SIGKILL mid-stream loses no acknowledged write", arguments: TestDatabases.kinds)
    func killMidStream(kind: DatabaseKind) async throws {
        let setting = try await TestDatabases.freshDatabase(kind)
        var acknowledged: [String] = []
        for round in 1...2 {
            let acks = try await Self.runWriterAndKill(setting: setting, afterAcks: 150 * round)
            #expect(acks.count >= 150 * round, "the writer acknowledged too little before the kill")
            acknowledged += acks
        }

        let store = try await StoreFactory.open(
            setting, migrations: .requireCurrent(directory: TestDatabases.migrationsDirectory),
            logger: TestDatabases.logger)
        var missing: [String] = []
        for id in acknowledged where try await store.application(id: id) == nil {
            missing.append(id)
        }
        #expect(missing.isEmpty, "acknowledged but missing after SIGKILL: \(missing.prefix(5))")
        let stats = try await store.statistics()
        #expect(stats.applications >= acknowledged.count)
        #expect(stats.decisions == stats.applications)
        #expect(stats.idempotencyRecords == stats.applications)
        let report = try await store.verifyAuditChain()
        #expect(report.ok, "chain broken at \(String(describing: report.firstFailure))")
        #expect(report.entriesChecked == stats.auditEntries)
        // Writes go on after the crash, on the same chain.
        #expect(
            try await store.recordPolicyVersion(
                PolicyVersionRecord(sha256: SHA256Hex.of("after"), policyID: "p", version: 2, source: "after", loadedAtMicros: 1),
                actor: "system"))
        #expect(try await store.verifyAuditChain().ok)
        try await store.shutdown()
    }

    /// Starts the writer, waits for `afterAcks` acknowledgements (then a little more), kills it
    /// with SIGKILL and returns every id it acknowledged.
    static func runWriterAndKill(setting: String, afterAcks: Int) async throws -> [String] {
        let process = Process()
        process.executableURL = try executable(named: "creditgate-storebench")
        process.arguments = [
            "crash-writer", "--database", setting, "--migrations", TestDatabases.migrationsDirectory, "--writers", "16",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()

        var buffer = Data()
        var acks: [String] = []
        let reader = pipe.fileHandleForReading
        let started = Date()
        var killed = false
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }  // EOF: the process is gone
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.hasPrefix("ack ") { acks.append(String(line.dropFirst(4))) }
            }
            if !killed, acks.count >= afterAcks || Date().timeIntervalSince(started) > 60 {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the writer exited before it was killed")
        return acks
    }
}

import Foundation
import StoreTestSupport
import Testing

/// The scripted officer session (`scripts/officer-session`) with the real binary: server and
/// CLI, a referral reviewed and approved with four eyes, the customer record updated.
@Suite("officer session, end to end")
struct OfficerSessionTests {
    @Test("a referral is reviewed and approved end to end through the server and the CLI")
    func session() throws {
        let process = Process()
        process.executableURL = TestDatabases.repositoryRoot.appendingPathComponent("scripts/officer-session")
        process.currentDirectoryURL = TestDatabases.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["CREDITGATE_BIN"] = try CrashTests.executable(named: "creditgate").path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("officer-session: OK"))
    }
}

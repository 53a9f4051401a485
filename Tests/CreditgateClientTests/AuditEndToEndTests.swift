import CreditgateClient
import Foundation
import Testing

@Suite struct AuditEndToEndTests {
    static let token = "cg_auditor_secret"
    static let lines = [AuditSamples.decidedEntry + "\n", AuditSamples.readEntry + "\n"]

    /// A fresh empty directory, removed by the caller.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("audit-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func contents(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func exportStreamsEveryChunkIntoTheFile() async throws {
        let joined = Self.lines.joined()
        let cut = joined.index(joined.startIndex, offsetBy: 100)
        // Pieces that split an entry in the middle, as a network does.
        let chunks = [String(joined[..<cut]), String(joined[cut...])]
        let server = try await StubServer.start { _ in
            StubServer.Reply(status: 200, headers: ["Content-Type": "application/x-ndjson"], body: "", chunks: chunks)
        }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.ndjson").path

        let tally = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
            try await client.exportAudit(AuditFilter(action: "application.decided"), format: .ndjson, to: .file(path))
        }
        try await server.shutdown()

        #expect(tally == ExportTally(bytes: joined.utf8.count, lines: 2))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == joined)
        #expect(try Self.contents(directory) == ["audit.ndjson"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let request = try #require(server.requests.first)
        #expect(request.uri == "/v1/audit/export?format=ndjson&action=application.decided")
        #expect(request.headers["accept"] == "application/x-ndjson, application/problem+json")
        #expect(request.headers["authorization"] == "Bearer \(Self.token)")
    }

    @Test func exportThatBreaksOffLeavesNoFileAndExitsSeven() async throws {
        let server = try await StubServer.start { _ in
            StubServer.Reply(status: 200, body: "", chunks: [Self.lines[0], "{\"seq\":19,"], breaksOff: true)
        }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.csv").path
        do {
            _ = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.exportAudit(AuditFilter(), format: .csv, to: .file(path))
            }
            Issue.record("expected the export to fail")
        } catch let error as ClientError {
            #expect(error.kind == .unavailable && error.exitCode == 7)
            #expect(error.message.contains("broke off after"))
            #expect(error.message.hasSuffix("; \(path) was not written"))
            #expect(!error.description.contains(Self.token))
        }
        try await server.shutdown()
        #expect(try Self.contents(directory).isEmpty)
    }

    @Test func failedExportKeepsTheFileThatWasThere() async throws {
        let server = try await StubServer.start { _ in
            StubServer.Reply(status: 200, body: "", chunks: [Self.lines[0]], breaksOff: true)
        }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.ndjson").path
        try "yesterday's export\n".write(toFile: path, atomically: false, encoding: .utf8)
        await #expect(throws: ClientError.self) {
            try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.exportAudit(AuditFilter(), format: .ndjson, to: .file(path))
            }
        }
        try await server.shutdown()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "yesterday's export\n")
        #expect(try Self.contents(directory) == ["audit.ndjson"])
    }

    @Test func refusedExportCreatesNoFile() async throws {
        let server = try await StubServer.start { _ in
            ClientEndToEndTests.problem(403, "forbidden", "an API key with role officer may not do this")
        }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.ndjson").path
        do {
            _ = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.exportAudit(AuditFilter(), format: .ndjson, to: .file(path))
            }
            Issue.record("expected 403")
        } catch let error as ClientError {
            #expect(error.exitCode == 5)
            #expect(error.message == "an API key with role officer may not do this; \(path) was not written")
        }
        try await server.shutdown()
        #expect(try Self.contents(directory).isEmpty)
    }

    @Test func unwritableDirectoryIsAFileError() async throws {
        let server = try await StubServer.start { _ in StubServer.Reply(status: 200, body: "", chunks: [Self.lines[0]]) }
        do {
            _ = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.exportAudit(AuditFilter(), format: .ndjson, to: .file("/nonexistent-dir/audit.ndjson"))
            }
            Issue.record("expected a file error")
        } catch let error as ClientError {
            #expect(error.exitCode == 2)
            #expect(error.message == "cannot create a file in /nonexistent-dir: No such file or directory")
        }
        try await server.shutdown()
        // The file is made before asking, so nothing is read from the server.
        #expect(server.requests.isEmpty)
    }

    @Test func everyPageFollowsTheCursorToTheEnd() async throws {
        let server = try await StubServer.start { request in
            StubServer.Reply(
                status: 200, body: request.uri.contains("after=18") ? AuditSamples.lastPage : AuditSamples.page)
        }
        var seqs: [Int64] = []
        try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
            var collected: [Int64] = []
            try await client.everyAuditPage(AuditFilter(subjectType: "application"), pageSize: 2) { answer in
                collected += answer.value.entries.map(\.seq)
            }
            seqs = collected
        }
        try await server.shutdown()
        #expect(seqs == [12, 18])
        #expect(
            server.requests.map(\.uri) == [
                "/v1/audit?subject_type=application&limit=2", "/v1/audit?subject_type=application&after=18&limit=2",
            ])
    }

    @Test func replayAndEntryDecodeFromTheWire() async throws {
        let server = try await StubServer.start { request in
            StubServer.Reply(
                status: 200,
                body: request.uri.hasSuffix("/replay") ? AuditSamples.replayDifferent : AuditSamples.decidedEntry)
        }
        let (report, entry) = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
            (try await client.replay(applicationID: "app_9").value, try await client.auditEntry(seq: 12).value)
        }
        try await server.shutdown()
        #expect(ReplaySheet.exitCode(for: report) == 1)
        #expect(entry.seq == 12)
        #expect(server.requests.map(\.uri) == ["/v1/applications/app_9/replay", "/v1/audit/12"])
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import StoreTestSupport
import Testing

/// Auditors read the log through the API: filtered, paged with a cursor, exported as NDJSON and
/// CSV; every read is itself an audit entry; decisions replay identically.
@Suite("Audit API")
struct AuditAPITests {
    @Test("pages with a cursor cover the log exactly once; filters combine; reads are recorded",
          arguments: TestDatabases.kinds)
    func pages(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        try await harness.test { client in
            for index in 0..<6 {
                let response = try await client.execute(
                    uri: "/v1/applications", method: .post,
                    headers: harness.headers("signup", idempotencyKey: "audit-\(index)"),
                    body: ByteBuffer(string: Examples.valid(index % 3, crmID: "CRM-AUD-\(index)")))
                #expect(response.status == .created)
            }
            let head = try await harness.store.auditHead()
            var seen: [Int] = []
            var cursor: String? = "0"
            while let after = cursor {
                let page = try await client.execute(
                    uri: "/v1/audit?limit=4&after=\(after)&to=2999-01-01", method: .get, headers: harness.headers("auditor"))
                #expect(page.status == .ok)
                let json = try page.json()
                let entries = try #require(json["entries"] as? [[String: Any]])
                seen += entries.compactMap { $0["seq"] as? Int }
                cursor = json["next_cursor"] as? String
            }
            // Every entry up to the head at the start, once, in order (reads append after it).
            #expect(Array(seen.prefix(Int(head.seq))) == Array(1...Int(head.seq)))

            let decided = try await client.execute(
                uri: "/v1/audit?action=application.decided&subject_type=application", method: .get,
                headers: harness.headers("auditor"))
            let entries = try #require(try decided.json()["entries"] as? [[String: Any]])
            #expect(entries.count == 6)
            #expect(entries.allSatisfy { ($0["payload"] as? [String: Any])?["outcome"] != nil })
            let one = try #require(entries.first?["seq"] as? Int)
            let single = try await client.execute(uri: "/v1/audit/\(one)", method: .get, headers: harness.headers("auditor"))
            #expect(try single.json()["seq"] as? Int == one)
            #expect(try await client.execute(uri: "/v1/audit/999999", method: .get, headers: harness.headers("auditor")).status
                == .notFound)

            // Reading is recorded, with the filters.
            let reads = try await harness.store.auditEntries(AuditQuery(action: "audit.read", limit: 1_000))
            #expect(reads.count >= 4)
            #expect(reads.contains { $0.payloadJSON.contains("\"action\":\"application.decided\"") && $0.actor == "key:key_auditor" })

            // Only auditors; bad parameters are all listed.
            #expect(try await client.execute(uri: "/v1/audit", method: .get, headers: harness.headers("officer")).status
                == .forbidden)
            #expect(try await client.execute(uri: "/v1/audit", method: .get, headers: harness.headers("admin")).status
                == .forbidden)
            let bad = try await client.execute(
                uri: "/v1/audit?from=soon&limit=0&after=x", method: .get, headers: harness.headers("auditor"))
            #expect(bad.status == .badRequest)
            #expect(Set(try #require(try bad.json()["errors"] as? [[String: Any]]).compactMap { $0["pointer"] as? String })
                == ["/from", "/limit", "/after"])
        }
    }

    @Test("exports stream every matching entry as NDJSON or CSV, and are recorded", arguments: TestDatabases.kinds)
    func export(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        try await harness.test { client in
            for index in 0..<3 {
                _ = try await client.execute(
                    uri: "/v1/applications", method: .post,
                    headers: harness.headers("signup", idempotencyKey: "exp-\(index)"),
                    body: ByteBuffer(string: Examples.valid(index, crmID: "CRM-EXP-\(index)")))
            }
            let head = try await harness.store.auditHead()
            let ndjson = try await client.execute(
                uri: "/v1/audit/export?format=ndjson", method: .get, headers: harness.headers("auditor"))
            #expect(ndjson.status == .ok)
            #expect(ndjson.headers[.contentType] == "application/x-ndjson")
            let lines = ndjson.text.split(separator: "\n")
            // The export's own access entry is written before it streams.
            #expect(lines.count == Int(head.seq) + 1)
            for (index, line) in lines.enumerated() {
                let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(entry["seq"] as? Int == index + 1)
            }
            let csv = try await client.execute(
                uri: "/v1/audit/export?format=csv&action=application.decided", method: .get,
                headers: harness.headers("auditor"))
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let rows = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(rows.first == "seq,time,actor,action,subject_type,subject_id,payload,prev_hash,hash")
            #expect(rows.count == 4)
            // The payload (JSON with commas and quotes) is one quoted field.
            #expect(rows[1].contains(",\"{\"\""))
            #expect(try await client.execute(
                uri: "/v1/audit/export?format=xml", method: .get, headers: harness.headers("auditor")
            ).status == .badRequest)
            let exports = try await harness.store.auditEntries(AuditQuery(action: "audit.exported", limit: 10))
            #expect(exports.count == 2)
            #expect(try await harness.store.verifyAuditChain().ok)
        }
    }
}

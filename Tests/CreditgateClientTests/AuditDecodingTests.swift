import CreditgateClient
import Foundation
import Testing

@Suite struct AuditDecodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try WireDates.decoder().decode(type, from: Data(json.utf8))
    }

    @Test func entry() throws {
        let entry = try Self.decode(AuditLogEntry.self, AuditSamples.decidedEntry)
        #expect(entry.seq == 12 && entry.actor == "key:key_9bb6a1cf9f39" && entry.action == "application.decided")
        #expect(entry.subject == "application:app_c67f")
        #expect(entry.time == "2026-11-22T16:36:00.805028Z")
        #expect(entry.date.map { abs($0.timeIntervalSince1970 - 1_795_365_360.805028) < 0.001 } == true)
        #expect(entry.previousHash.hasPrefix("072c68") && entry.hash.hasPrefix("05a7a3"))
        guard case .object(let payload) = entry.payload else {
            Issue.record("the payload is an object")
            return
        }
        #expect(payload["limit"] == .object(["amount": .string("250000.00"), "currency": .string("EUR")]))
        #expect(payload["evaluated_at_us"] == .number("1795365360805028"))
        #expect(payload["reason_codes"] == .array([.string("LARGE_LIMIT")]))
    }

    @Test func pageAndItsCursor() throws {
        let page = try Self.decode(AuditLogPage.self, AuditSamples.page)
        #expect(page.entries.map(\.seq) == [12, 18])
        #expect(page.nextCursor == "18")
        #expect(try Self.decode(AuditLogPage.self, AuditSamples.lastPage).nextCursor == nil)
    }

    @Test func replayResults() throws {
        let identical = try Self.decode(ReplayReport.self, AuditSamples.replayIdentical)
        #expect(identical.applicationID == "app_c67f" && identical.identical)
        #expect(identical.decisions.map(\.result) == [.identical, .notReplayed])
        #expect(identical.decisions[0].policy.id == "standard" && identical.decisions[0].policy.version == 1)
        #expect(identical.decisions[1].identical == nil && identical.failures.isEmpty)

        let different = try Self.decode(ReplayReport.self, AuditSamples.replayDifferent)
        #expect(!different.identical)
        #expect(different.decisions.map(\.result) == [.different, .failed])
        #expect(different.decisions[0].storedSHA256 == "0123456789abcdef0123")
        #expect(different.failures.map(\.decisionID) == ["dec_1", "dec_3"])
    }

    @Test func rawEntriesArePassedOnByteForByte() throws {
        let body = Array(AuditSamples.page.utf8)
        let elements = try #require(RawJSON.arrayElements(ofMember: "entries", in: body))
        #expect(elements.map { String(decoding: $0, as: UTF8.self) } == [AuditSamples.decidedEntry, AuditSamples.readEntry])
        #expect(RawJSON.arrayElements(ofMember: "entries", in: Array(AuditSamples.lastPage.utf8))?.isEmpty == true)
    }

    @Test func rawScanningIgnoresBracketsInStrings() throws {
        let body = #" { "next_cursor" : "a]}\"[" , "entries" : [ {"x":"]}{\\"} , [1,2] , "s,t" , -1.5e3 , null ] } "#
        let elements = try #require(RawJSON.arrayElements(ofMember: "entries", in: Array(body.utf8)))
        #expect(
            elements.map { String(decoding: $0, as: UTF8.self) } == [#"{"x":"]}{\\"}"#, "[1,2]", #""s,t""#, "-1.5e3", "null"])
        #expect(RawJSON.arrayElements(ofMember: "entries", in: Array(#"{"other": []}"#.utf8)) == nil)
        #expect(RawJSON.arrayElements(ofMember: "entries", in: Array(#"{"entries": [1, "#.utf8)) == nil)
    }
}

import CreditgateClient
import Foundation
import NIOCore
import Testing

@Suite struct AuditViewTests {
    static func page() throws -> AuditLogPage {
        try WireDates.decoder().decode(AuditLogPage.self, from: Data(AuditSamples.page.utf8))
    }

    static func replay(_ json: String) throws -> ReplayReport {
        try WireDates.decoder().decode(ReplayReport.self, from: Data(json.utf8))
    }

    @Test func summaryLeadsWithWhatHappenedAndLeavesOutDigestsAndTheSubject() throws {
        let entry = try Self.page().entries[0]
        #expect(
            PayloadSummary.pairs(entry.payload, subjectID: entry.subjectID) == [
                "outcome=refer", "credit_status=in_review", "made_by=engine", #"limit="250,000.00 EUR""#,
                "terms_code=NET60", "tier=A", "reason_codes=LARGE_LIMIT", "policy.version=1", "crm_id=CRM-1004",
                "evaluated_at_us=1795365360805028", "policy.id=standard",
            ])
        let read = try Self.page().entries[1]
        #expect(PayloadSummary.pairs(read.payload, subjectID: read.subjectID) == ["entries=3", "filters.after_seq=0"])
        #expect(
            PayloadSummary.text(entry.payload, subjectID: entry.subjectID, width: 40)
                == "outcome=refer credit_status=in_review …")
        #expect(PayloadSummary.text(entry.payload, subjectID: entry.subjectID, width: 10) == "outcome=r…")
    }

    @Test func summaryQuotesValuesWithBlanksAndEscapes() {
        let payload = JSONNode.object(["note": .string("said \"no\"\n"), "codes": .array([.string("A"), .string("B")])])
        #expect(PayloadSummary.pairs(payload, subjectID: "x") == ["codes=A,B", #"note="said \"no\"\n""#])
    }

    @Test func listIsATableWithTheNextPageHint() throws {
        let page = try Self.page()
        let lines = AuditLogView.lines(page.entries, nextCursor: page.nextCursor, width: nil, style: .plain)
        #expect(
            lines == [
                "SEQ  TIME                  ACTOR                 ACTION               SUBJECT               PAYLOAD",
                " 12  2026-11-22T16:36:00Z  key:key_9bb6a1cf9f39  application.decided  application:app_c67f  outcome=refer credit_status=in_review made_by=engine …",
                " 18  2026-11-22T16:40:00Z  key:key_7748c2553f11  audit.read           audit_log:*           entries=3 filters.after_seq=0",
                "more: --after 18",
            ])
    }

    @Test func summaryTakesWhatTheTerminalLeaves() throws {
        let page = try Self.page()
        let lines = AuditLogView.lines(page.entries, nextCursor: nil, width: 120, style: .plain)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 120 })
        #expect(lines[1].hasSuffix("application:app_c67f  outcome=refer …"))
        // A narrow terminal still gets a readable summary rather than none.
        let narrow = AuditLogView.lines(page.entries, nextCursor: nil, width: 40, style: .plain)
        #expect(narrow[1].hasSuffix("application:app_c67f  outcome=refer …"))
    }

    @Test func digestSubjectsAreShortened() throws {
        var entry = try Self.page().entries[1]
        entry.subjectType = "policy"
        entry.subjectID = entry.hash
        let lines = AuditLogView.lines([entry], nextCursor: nil, width: nil, style: .plain)
        #expect(lines[1].contains("  policy:111111111111…  "))
    }

    @Test func emptyPage() {
        #expect(AuditLogView.lines([], nextCursor: nil, width: nil, style: .plain) == ["no audit entries match"])
    }

    @Test func showPrintsThePayloadIndentedWithSortedKeys() throws {
        let entry = try Self.page().entries[1]
        let now = WireDates.parse("2026-11-22T16:43:00Z")!
        #expect(
            AuditEntrySheet.lines(entry, now: now, style: .plain) == [
                "Audit entry 18",
                "  seq        18",
                "  time       2026-11-22T16:40:00Z (3m ago)",
                "  actor      key:key_7748c2553f11",
                "  action     audit.read",
                "  subject    audit_log:*",
                "  payload    {",
                "               \"entries\": 3,",
                "               \"filters\": {",
                "                 \"action\": null,",
                "                 \"actor\": null,",
                "                 \"after_seq\": 0,",
                "                 \"from\": null,",
                "                 \"subject_id\": null,",
                "                 \"subject_type\": null,",
                "                 \"to\": null",
                "               }",
                "             }",
                "  prev_hash  05a7a31f641fdc549c0b56015fa95d5de8065a1078bce7167014f4ff550f59a2",
                "  hash       1111111111111111111111111111111111111111111111111111111111111111",
            ])
    }

    @Test func prettyJSONEscapesAndKeepsEmptyContainersOnOneLine() {
        let node = JSONNode.object([
            "b": .array([.string("tab\there"), .number("1.50"), .bool(true)]), "a": .object([:]), "c": .array([]),
            "d": .string("\u{1}"),
        ])
        #expect(
            node.prettyLines() == [
                "{", "  \"a\": {},", "  \"b\": [", "    \"tab\\there\",", "    1.50,", "    true", "  ],", "  \"c\": [],",
                "  \"d\": \"\\u0001\"", "}",
            ])
    }

    @Test func replayIdenticalEndsWithTheVerdictAndExitsZero() throws {
        let report = try Self.replay(AuditSamples.replayIdentical)
        #expect(
            ReplaySheet.lines(report, style: .plain) == [
                "Replay of application app_c67f",
                "  DECISION  MADE BY  POLICY      EVALUATED AT          RESULT",
                "  dec_1     engine   standard@1  2026-11-22T16:36:00Z  identical",
                "  dec_2     alice    standard@1  2026-11-22T17:00:00Z  not replayed (officer)",
                "",
                "identical: every engine decision replays byte for byte",
            ])
        #expect(ReplaySheet.exitCode(for: report) == 0)
    }

    @Test func replayDifferentNamesEachDecisionAndExitsOne() throws {
        let report = try Self.replay(AuditSamples.replayDifferent)
        #expect(
            ReplaySheet.lines(report, style: .plain) == [
                "Replay of application app_9",
                "  DECISION  MADE BY  POLICY      EVALUATED AT          RESULT",
                "  dec_1     engine   standard@2  2026-11-22T16:36:00Z  DIFFERENT",
                "  dec_3     engine   standard@3  2026-11-23T09:00:00Z  FAILED: could not be replayed",
                "",
                "  dec_1: the replayed decision differs from the stored one (stored sha256 0123456789ab…, replayed fedcba987654…)",
                "  dec_3: could not be replayed: no policy with sha256 bb",
                "",
                "DIFFERENT: 2 of 2 engine decisions did not replay byte for byte (1 could not be replayed)",
            ])
        #expect(ReplaySheet.exitCode(for: report) == 1)
    }

    @Test func replayWithoutEngineDecisions() {
        let report = ReplayReport(applicationID: "app_1", decisions: [], identical: true)
        #expect(ReplaySheet.lines(report, style: .plain).last == "identical: there is no engine decision to replay")
        #expect(ReplaySheet.exitCode(for: report) == 0)
    }

    @Test func exportTallyCountsLinesAndBytes() {
        var tally = ExportTally()
        tally.add(.init(string: "{\"seq\":1}\n{\"se"))
        tally.add(.init(string: "q\":2}\n"))
        #expect(tally == ExportTally(bytes: 20, lines: 2))
        #expect(tally.summary == "2 lines, 20 bytes")
    }
}

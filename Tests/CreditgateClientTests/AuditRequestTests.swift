import CreditgateClient
import Testing

@Suite struct AuditRequestTests {
    @Test func everyFilterBecomesAQueryParameter() {
        let filter = AuditFilter(
            from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z", actor: "key:key_7748", action: "application.decided",
            subjectType: "application", subjectID: "app 1&limit=5", after: "1200")
        let request = OfficerRequest.auditEntries(filter, limit: 500)
        #expect(request.method == .get)
        #expect(
            request.target
                == "/v1/audit?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&actor=key:key_7748"
                + "&action=application.decided&subject_type=application&subject_id=app%201%26limit%3D5&after=1200&limit=500")
    }

    @Test func noFiltersMeansTheWholeLog() {
        #expect(OfficerRequest.auditEntries(AuditFilter()).target == "/v1/audit")
        #expect(OfficerRequest.auditEntries(AuditFilter(after: "18"), limit: 1000).target == "/v1/audit?after=18&limit=1000")
    }

    @Test func entryExportAndReplay() {
        #expect(OfficerRequest.auditEntry(seq: 12).target == "/v1/audit/12")
        #expect(
            OfficerRequest.auditExport(AuditFilter(actor: "system", after: "5000"), format: .csv).target
                == "/v1/audit/export?format=csv&actor=system&after=5000")
        #expect(OfficerRequest.auditExport(AuditFilter(), format: .ndjson).target == "/v1/audit/export?format=ndjson")
        #expect(OfficerRequest.replay(applicationID: "app_3d9e").target == "/v1/applications/app_3d9e/replay")
        #expect(OfficerRequest.replay(applicationID: "../x?y").target == "/v1/applications/..%2Fx%3Fy/replay")
    }

    @Test(arguments: [
        ("2026-11-01", false, "2026-11-01T00:00:00Z"),
        ("2026-11-30", true, "2026-12-01T00:00:00Z"),
        ("2026-11-30T08:00:00+01:00", true, "2026-11-30T07:00:00Z"),
    ])
    func datesAsAuditorsTypeThem(text: String, isEnd: Bool, bound: String) {
        #expect(ReportRange.bound(text, isEnd: isEnd) == bound)
    }
}

import Foundation
import Testing

@testable import CreditPolicy

@Suite("Determinism")
struct DeterminismTests {
    /// Applications that take different paths: approve, counteroffer, refer, decline.
    static let applications: [String] = [
        Fixtures.baseApplication,
        Fixtures.baseApplication.replacing(#""score": 720"#, with: #""score": 750"#).replacing(#""credit_limit": 20000"#, with: #""credit_limit": 400000"#),
        Fixtures.baseApplication.replacing(#""paydex": 75"#, with: #""paydex": 50"#).replacing(#""derogatory_marks": 0"#, with: #""derogatory_marks": 1"#),
        Fixtures.baseApplication.replacing(#""sanctions_hit": false"#, with: #""sanctions_hit": true"#).replacing(
            #""country": "IE""#, with: #""country": "ZZ""#),
    ]

    static func bytes(_ policy: Policy, _ application: String, trace: Bool, clock: Timestamp = Fixtures.clock) throws -> [UInt8] {
        let decision = try policy.decide(try JSONParser.parse(application), at: clock, trace: trace)
        var writer = JSONWriter()
        decision.write(to: &writer)
        return writer.bytes
    }

    @Test("the same policy, application and clock give byte-identical decision.json", arguments: applications, [false, true])
    func repeatable(_ application: String, _ trace: Bool) throws {
        let first = try Fixtures.standardPolicy()
        let second = try PolicyCompiler.compile(source: try Fixtures.standardPolicyText(), file: "policies/standard.yaml")
        let reference = try Self.bytes(first, application, trace: trace)
        for _ in 0..<20 {
            #expect(try Self.bytes(first, application, trace: trace) == reference)
        }
        #expect(try Self.bytes(second, application, trace: trace) == reference, "a second compilation decides differently")
        // decision.json is valid JSON and `json` is the same text.
        let decision = try first.decide(try JSONParser.parse(application), at: Fixtures.clock, trace: trace)
        #expect(Array(decision.json.utf8) == reference)
        let parsed = try JSONParser.parse(reference)
        #expect(parsed["trace"] == nil ? !trace : trace)
    }

    @Test("member order in the application does not change the decision")
    func memberOrder() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let reordered = """
            {"requested": {"credit_limit": 20000},
             "trade_references": [{"on_time_pct": 0.97}, {"on_time_pct": 0.93}],
             "bureau": {"derogatory_marks": 0, "paydex": 75, "score": 720},
             "applicant": {"bankruptcy": false, "sanctions_hit": false, "annual_revenue": 2000000,
                           "years_in_business": 4, "industry": "5045", "country": "IE"}}
            """
        #expect(try Self.bytes(policy, reordered, trace: true) == Self.bytes(policy, Fixtures.baseApplication, trace: true))
    }

    @Test("the clock is recorded, so a different clock gives different bytes only in evaluated_at")
    func clockIsRecorded() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let later = Timestamp("2026-03-15T09:30:00.000001Z")!
        let a = String(decoding: try Self.bytes(policy, Fixtures.baseApplication, trace: true), as: UTF8.self)
        let b = String(decoding: try Self.bytes(policy, Fixtures.baseApplication, trace: true, clock: later), as: UTF8.self)
        #expect(a != b)
        #expect(a.replacing("\"evaluated_at\":\"2026-03-15T09:30:00Z\"", with: "") == b.replacing("\"evaluated_at\":\"2026-03-15T09:30:00.000001Z\"", with: ""))
    }

    @Test("decisions are the same when made concurrently")
    func concurrent() async throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let reference = try Self.bytes(policy, Fixtures.baseApplication, trace: true)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<16 {
                group.addTask { try Self.bytes(policy, Fixtures.baseApplication, trace: true) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == reference })
    }
}

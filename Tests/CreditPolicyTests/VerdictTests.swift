import TestSupport
import Testing

@testable import CreditPolicy

/// `Policy.decide(_:at:writingTo:)` writes decisions from plain data, without building a
/// `Decision`; it must give exactly the bytes of `decide(_:at:).write(to:)`.
@Suite("Decisions written from verdicts")
struct VerdictTests {
    /// Varied applications around the standard policy's band edges (the engine benchmark's mix,
    /// plus sanctions and bankruptcy together, so that declines list several knockouts).
    static func applications(count: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let countries = ["IE", "GB", "DE", "US", "XX", "ie", ""]
        let industries = ["5045", "7011", "5812", "3423"]
        return (0..<count).map { i in
            var refs: [String] = []
            for _ in 0..<rng.int(0...4) { refs.append("{\"on_time_pct\":0.\(rng.int(100...999))}") }
            return "{\"applicant\":{\"country\":\"\(countries[rng.int(0...countries.count - 1)])\","
                + "\"industry\":\"\(industries[rng.int(0...industries.count - 1)])\","
                + "\"years_in_business\":\(rng.int(0...25)).\(rng.int(0...99)),\"annual_revenue\":\(rng.int(0...40_000) * 1_000),"
                + "\"sanctions_hit\":\(rng.chance(10)),\"bankruptcy\":\(rng.chance(10))},"
                + "\"bureau\":{\"score\":\(rng.int(300...850)),\"paydex\":\(rng.int(0...100)),\"derogatory_marks\":\(rng.int(0...4))},"
                + "\"trade_references\":[\(refs.joined(separator: ","))],"
                + "\"requested\":{\"credit_limit\":\(rng.chance(10) ? rng.int(150_000...400_000) : rng.int(1...150) * 1_000).\(rng.int(0...999))}}"
        }
    }

    /// Both ways into one writer each, a line per application, as `policy eval` writes them.
    static func bothWays(_ policy: Policy, _ lines: [String], at clock: Timestamp) -> (built: [UInt8], direct: [UInt8], outcomes: Set<String>) {
        var built = JSONWriter()
        var direct = JSONWriter()
        var outcomes: Set<String> = []
        for line in lines {
            guard case .success(let bound)? = try? policy.bind(JSONParser.parse(line)) else { continue }
            if let decision = try? policy.decide(bound, at: clock) {
                decision.write(to: &built)
                outcomes.insert("\(decision.outcome)/\(decision.adverseAction?.kind.rawValue ?? "-")/\(decision.adverseAction?.factors.count ?? 0)")
            }
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { b in
                if case .success(let again)? = try? policy.bind(json: b) { try? policy.decide(again, at: clock, writingTo: &direct) }
            }
            built.endLine()
            direct.endLine()
        }
        return (built.bytes, direct.bytes, outcomes)
    }

    @Test("2,000 seeded applications: the same bytes both ways, every kind of outcome")
    func seeded() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let (built, direct, outcomes) = Self.bothWays(policy, Self.applications(count: 2_000, seed: 7), at: Fixtures.clock)
        #expect(built == direct)
        // Approvals, counteroffers with two to four factors, referrals, declines by one to three knockouts.
        for kind in ["approve/-/0", "refer/-/0", "decline/decline/1", "decline/decline/3", "approve/counteroffer/2", "approve/counteroffer/4"] {
            #expect(outcomes.contains(kind), "\(kind) not exercised: \(outcomes.sorted())")
        }
    }

    @Test("a policy's own test cases: the same bytes both ways")
    func policyTestCases() throws {
        for policy in [try Fixtures.sharedStandardPolicy(), try Fixtures.casePolicy("baseline.yaml")] {
            var lines: [String] = []
            for test in policy.tests {
                var w = JSONWriter()
                w.value(test.application)
                lines.append(w.string)
            }
            #expect(!lines.isEmpty)
            let (built, direct, _) = Self.bothWays(policy, lines, at: Fixtures.clock)
            #expect(built == direct)
        }
    }

    @Test("a policy that is not in effect fails both ways, and writes nothing")
    func notInEffect() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let bound = try policy.bind(JSONParser.parse(Fixtures.baseApplication)).get()
        let early = Timestamp("2025-01-01")!
        #expect(throws: EvaluationFailure.self) { try policy.decide(bound, at: early) }
        var w = JSONWriter()
        #expect(throws: EvaluationFailure.self) { try policy.decide(bound, at: early, writingTo: &w) }
        #expect(w.count == 0)
    }
}

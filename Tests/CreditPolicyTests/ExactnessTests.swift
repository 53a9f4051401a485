import TestSupport
import Testing

@testable import CreditPolicy

/// A generated application for the standard policy, with every number held as an integer
/// (thousandths or cents) so the expected decision can be computed without binary floating point.
struct GeneratedApplication: CustomStringConvertible {
    var country: String
    var industry: String
    var yearsThousandths: Int
    var revenue: Int
    var sanctions: Bool
    var bankruptcy: Bool
    var score: Int
    var paydex: Int
    var derogatory: Int
    /// `nil`: no `trade_references` member at all.
    var onTimeThousandths: [Int]?
    var requestedThousandths: Int

    static let allowedCountries = ["IE", "GB", "DE", "FR", "NL", "BE", "ES", "IT", "US", "CA"]
    static let riskyIndustries = ["7011", "5812", "4121", "1521"]

    static func random(using g: inout SeededGenerator) -> GeneratedApplication {
        func near(_ edges: [Int], spread: Int, in range: ClosedRange<Int>, _ g: inout SeededGenerator) -> Int {
            if Int.random(in: 0..<4, using: &g) == 0 { return Int.random(in: range, using: &g) }
            let v = edges.randomElement(using: &g)! + Int.random(in: -spread...spread, using: &g)
            return min(max(v, range.lowerBound), range.upperBound)
        }
        var refs: [Int]?
        switch Int.random(in: 0..<10, using: &g) {
        case 0: refs = nil
        case 1: refs = []
        default:
            let n = Int.random(in: 1...4, using: &g)
            let centre = [850, 950].randomElement(using: &g)!
            refs = (0..<n).map { _ in near([centre], spread: 4, in: 0...1000, &g) }
        }
        return GeneratedApplication(
            country: Int.random(in: 0..<12, using: &g) == 0 ? "XX" : allowedCountries.randomElement(using: &g)!,
            industry: Int.random(in: 0..<5, using: &g) == 0 ? riskyIndustries.randomElement(using: &g)! : "5045",
            yearsThousandths: near([500, 1000, 3000, 5000], spread: 2, in: 0...12_000, &g),
            revenue: Int.random(in: 0...5_000_000, using: &g),
            sanctions: Int.random(in: 0..<40, using: &g) == 0,
            bankruptcy: Int.random(in: 0..<40, using: &g) == 0,
            score: near([600, 650, 700, 750], spread: 2, in: 300...850, &g),
            paydex: near([50, 70, 80], spread: 2, in: 0...100, &g),
            derogatory: Int.random(in: 0...4, using: &g),
            onTimeThousandths: refs,
            requestedThousandths: Int.random(in: 0..<3, using: &g) == 0
                ? Int.random(in: 0...400_000_000, using: &g) : Int.random(in: 0...400_000, using: &g) * 1000)
    }

    /// `1234` thousandths as `"1.234"`.
    static func thousandths(_ v: Int) -> String {
        let fraction = String(v % 1000)
        return "\(v / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    var json: String {
        var refs = ""
        if let onTimeThousandths {
            refs = ", \"trade_references\": [" + onTimeThousandths.map { "{\"on_time_pct\": \(Self.thousandths($0))}" }.joined(separator: ", ") + "]"
        }
        return """
            {"applicant": {"country": "\(country)", "industry": "\(industry)", "years_in_business": \(Self.thousandths(yearsThousandths)), \
            "annual_revenue": \(revenue), "sanctions_hit": \(sanctions), "bankruptcy": \(bankruptcy)}, \
            "bureau": {"score": \(score), "paydex": \(paydex), "derogatory_marks": \(derogatory)}\(refs), \
            "requested": {"credit_limit": \(Self.thousandths(requestedThousandths))}}
            """
    }

    var description: String { json }

    /// What the standard policy must decide, computed here with integers only.
    struct Expected: Equatable {
        var outcome: Outcome
        var points: Int?
        var tier: String?
        var limitCents: Int
        var reasons: [String]
    }

    var expected: Expected {
        var knockouts: [String] = []
        if sanctions { knockouts.append("SANCTIONS") }
        if bankruptcy { knockouts.append("BANKRUPTCY") }
        if !Self.allowedCountries.contains(country) { knockouts.append("COUNTRY") }
        if yearsThousandths < 500 { knockouts.append("TOO_NEW") }
        if !knockouts.isEmpty { return Expected(outcome: .decline, points: nil, tier: nil, limitCents: 0, reasons: knockouts) }

        var points = 0
        points += yearsThousandths < 1000 ? 0 : yearsThousandths < 3000 ? 10 : yearsThousandths < 5000 ? 20 : 30
        points += score < 600 ? 0 : score < 650 ? 10 : score < 700 ? 20 : score < 750 ? 30 : 40
        points += paydex < 50 ? 0 : paydex < 70 ? 10 : paydex < 80 ? 20 : 30
        points += derogatory <= 0 ? 20 : derogatory <= 2 ? 5 : -20
        if let refs = onTimeThousandths, !refs.isEmpty {
            // average > 0.95  <=>  sum / (1000 n) > 950 / 1000  <=>  sum > 950 n
            let sum = refs.reduce(0, +)
            points += sum > 950 * refs.count ? 20 : sum > 850 * refs.count ? 10 : 0
        }
        points += Self.riskyIndustries.contains(industry) ? -15 : 0

        let tier = points >= 110 ? "A" : points >= 80 ? "B" : points >= 50 ? "C" : "D"
        let requestedCents = requestedThousandths / 10  // rounded down to the cent
        let limitCents: Int
        switch tier {
        case "A": limitCents = min(requestedCents, revenue / 10 * 100, 25_000_000)
        case "B": limitCents = min(requestedCents, revenue * 75 / 1000 * 100, 10_000_000)
        case "C": limitCents = min(requestedCents, revenue * 5 / 100 * 100, 2_500_000)
        default: limitCents = 0
        }
        var reasons: [String] = []
        if requestedThousandths > 150_000_000 {
            reasons = ["LARGE_LIMIT"]
        } else if ["A", "B"].contains(tier), limitCents * 20 < requestedThousandths {
            // limit < requested / 2  <=>  cents / 100 < thousandths / 2000
            reasons = ["LIMIT_SHORTFALL"]
        }
        return Expected(outcome: reasons.isEmpty ? .approve : .refer, points: points, tier: tier, limitCents: limitCents, reasons: reasons)
    }
}

@Suite("Exact arithmetic through the engine")
struct ExactnessTests {
    static func decide(_ json: String, trace: Bool = false) throws -> Decision {
        try Fixtures.sharedStandardPolicy().decide(try JSONParser.parse(json), at: Fixtures.clock, trace: trace)
    }

    static func application(onTime: [String]) -> String {
        Fixtures.baseApplication.replacing(
            #""trade_references": [{"on_time_pct": 0.97}, {"on_time_pct": 0.93}]"#,
            with: "\"trade_references\": [" + onTime.map { "{\"on_time_pct\": \($0)}" }.joined(separator: ", ") + "]")
    }

    @Test("avg([0.97, 0.93]) is exactly 0.95, not above it; avg([0.97, 0.935]) is above")
    func averageAtTheEdge() throws {
        let at = try Self.decide(Self.application(onTime: ["0.97", "0.93"]), trace: true)
        let above = try Self.decide(Self.application(onTime: ["0.97", "0.935"]), trace: true)
        let stepAt = try #require(at.trace?.first { $0.name == "trade_payment" })
        let stepAbove = try #require(above.trace?.first { $0.name == "trade_payment" })
        #expect(stepAt.result == .number(ExactDecimal("0.95")!))
        #expect(stepAt.points == 10)
        #expect(stepAt.band?.hasPrefix("> 0.85") == true)
        #expect(stepAbove.result == .number(ExactDecimal("0.9525")!))
        #expect(stepAbove.points == 20)
        #expect(stepAbove.band?.hasPrefix("> 0.95") == true)
        #expect(at.points == 100)
        #expect(above.points == 110)
    }

    @Test(
        "the same comparisons as expressions",
        arguments: [
            ("coalesce(avg([0.97, 0.93]), 0) > 0.95", false),
            ("coalesce(avg([0.97, 0.935]), 0) > 0.95", true),
            ("coalesce(avg([0.97, 0.93]), 0) == 0.95", true),
            ("0.1 + 0.2 == 0.3", true),
            ("1 / 3 * 3 == 1", false),
            ("coalesce(avg([1, 1, 0.851]), 0) > 0.95", true),
            ("coalesce(avg([1, 1, 0.85]), 0) > 0.95", false),
        ])
    func expressionEdges(_ source: String, _ expected: Bool) throws {
        let outcome = try ExpressionProbe.run(source, application: try JSONParser.parse(#"{"a": 0, "b": 0, "n": 0, "s": "", "flag": false}"#))
        guard case .value(let value) = outcome else {
            Issue.record("\(source): \(outcome)")
            return
        }
        #expect(value == .bool(expected))
    }

    @Test("2,000 generated applications decide exactly as an integer reference computes")
    func generatedApplications() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        var g = SeededGenerator(seed: 0x5EED_CAFE)
        var outcomes: [Outcome: Int] = [:]
        var tiers: [String: Int] = [:]
        var mismatches = 0
        for _ in 0..<2_000 {
            let app = GeneratedApplication.random(using: &g)
            let want = app.expected
            let decision = try policy.decide(try JSONParser.parse(app.json), at: Fixtures.clock)
            let got = GeneratedApplication.Expected(
                outcome: decision.outcome, points: decision.points, tier: decision.tier,
                limitCents: try decision.limit.amount.multiplying(ExactDecimal(100)).intValue ?? -1,
                reasons: decision.reasons.map(\.code))
            if got != want {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(app)\nexpected \(want)\ngot      \(got)") }
            }
            #expect((decision.adverseAction?.factors.count ?? 0) <= 4)
            #expect(decision.limit.amountText.split(separator: ".").last?.count == 2)
            outcomes[decision.outcome, default: 0] += 1
            if let tier = decision.tier { tiers[tier, default: 0] += 1 }
        }
        #expect(mismatches == 0)
        // The generator must reach every outcome and tier, or the comparison proves little.
        #expect(Set(outcomes.keys) == Set(Outcome.allCases), "\(outcomes)")
        #expect(Set(tiers.keys) == ["A", "B", "C", "D"], "\(tiers)")
    }
}

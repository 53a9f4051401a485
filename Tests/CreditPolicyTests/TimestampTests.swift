import TestSupport
import Testing

@testable import CreditPolicy

@Suite("Timestamp")
struct TimestampTests {
    @Test(
        "RFC 3339 text round-trips",
        arguments: [
            "2026-11-22T10:04:22Z", "2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z",
            "2026-03-04T05:06:07.500000Z", "2026-03-04T05:06:07.000001Z", "1969-12-31T23:59:59.999999Z", "1900-03-01T12:00:00Z",
            "9999-12-31T23:59:59.999999Z",
        ])
    func roundTrip(_ text: String) throws {
        let t = try #require(Timestamp(text))
        #expect(t.description == text)
        #expect(Timestamp(t.description) == t)
    }

    @Test(
        "other accepted spellings normalise to UTC",
        arguments: [
            ("2026-01-01", "2026-01-01T00:00:00Z"), ("2026-11-22T10:04:22+01:00", "2026-11-22T09:04:22Z"),
            ("2026-11-22T10:04:22-05:30", "2026-11-22T15:34:22Z"), ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
            ("2026-11-22t10:04:22z", "2026-11-22T10:04:22Z"), ("2026-11-22 10:04:22Z", "2026-11-22T10:04:22Z"),
            ("2026-03-04T05:06:07.5Z", "2026-03-04T05:06:07.500000Z"), ("2026-03-04T05:06:07.000Z", "2026-03-04T05:06:07Z"),
            ("2026-11-22T10:04:22+00:00", "2026-11-22T10:04:22Z"),
        ])
    func normalised(_ text: String, _ expected: String) {
        #expect(Timestamp(text)?.description == expected)
    }

    @Test(
        "impossible or malformed times are refused",
        arguments: [
            "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "26-01-01",
            "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00", "2026-01-01T00:00Z",
            "2026-01-01T00:00:00+1:00", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00ZZ",
            "2026-01-01x", "", "2026/01/01", "２０２６-01-01",
        ])
    func refused(_ text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test("leap years follow the Gregorian rules", arguments: [("2024-02-29", true), ("2000-02-29", true), ("1900-02-29", false), ("2026-02-28", true)])
    func leapYears(_ text: String, _ valid: Bool) {
        #expect((Timestamp(text) != nil) == valid)
    }

    @Test("microseconds since the epoch, and ordering")
    func epoch() throws {
        #expect(Timestamp("1970-01-01T00:00:01Z")?.microseconds == 1_000_000)
        #expect(Timestamp("1970-01-01T00:00:00.000001Z")?.microseconds == 1)
        #expect(Timestamp("1969-12-31T23:59:59.999999Z")?.microseconds == -1)
        #expect(Timestamp("2026-01-01")?.microseconds == 1_767_225_600_000_000)
        #expect(Timestamp(seconds: 1_767_225_600) == Timestamp("2026-01-01"))
        #expect(try #require(Timestamp("2026-01-01T00:00:00Z")) < #require(Timestamp("2026-01-01T00:00:00.000001Z")))
        #expect(Timestamp("2026-11-22T10:04:22+01:00")?.description == "2026-11-22T09:04:22Z")
    }

    @Test("5,000 random instants between 1970 and 2999 round-trip through text")
    func randomRoundTrip() {
        var g = SeededGenerator(seed: 7)
        let end: Int64 = 32_503_680_000_000_000  // 3000-01-01
        for _ in 0..<5_000 {
            let t = Timestamp(microseconds: Int64.random(in: 0..<end, using: &g))
            #expect(Timestamp(t.description) == t, "\(t.microseconds)")
        }
    }

    @Test("more than six fractional digits do not crash the parser")
    func longFraction() async {
        // The doc promises nil "for anything else"; a 7-digit fraction must either parse or be refused.
        await #expect(processExitsWith: .success) {
            _ = Timestamp("2026-01-01T00:00:00.1234567Z")
        }
    }

    @Test("a policy does not decide before its effective_from")
    func effectiveFrom() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let application = try JSONParser.parse(Fixtures.baseApplication)
        #expect(throws: EvaluationFailure.notInEffect(effectiveFrom: Timestamp("2026-01-01")!)) {
            try policy.decide(application, at: Timestamp("2025-12-31T23:59:59.999999Z")!)
        }
        #expect(throws: EvaluationFailure.notInEffect(effectiveFrom: Timestamp("2026-01-01")!)) {
            try policy.decide(application, at: Timestamp("2026-01-01T00:30:00+01:00")!)
        }
        let first = try policy.decide(application, at: Timestamp("2026-01-01T00:00:00Z")!)
        #expect(first.outcome == .approve)
        #expect(first.evaluatedAt.description == "2026-01-01T00:00:00Z")
        #expect(EvaluationFailure.notInEffect(effectiveFrom: policy.effectiveFrom).description == "the policy is not in effect before 2026-01-01T00:00:00Z")
    }

    @Test("a year on: same date and time of day; 29 February becomes 28 February; the date text")
    func addingYears() {
        #expect(Timestamp("2026-11-22T10:04:22.5Z")!.addingYears(1).description == "2027-11-22T10:04:22.500000Z")
        #expect(Timestamp("2024-02-29T23:59:59Z")!.addingYears(1).description == "2025-02-28T23:59:59Z")
        #expect(Timestamp("2024-02-29")!.addingYears(4).description == "2028-02-29T00:00:00Z")
        #expect(Timestamp("2099-03-01")!.addingYears(1).dateText == "2100-03-01")
        #expect(Timestamp("1969-12-31T23:59:59Z")!.addingYears(1).dateText == "1970-12-31")
        #expect(Timestamp("2026-11-22T10:04:22Z")!.dateText == "2026-11-22")
    }
}

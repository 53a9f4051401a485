import Foundation
import Testing

@testable import Onboarding

@Suite("Onboarding helpers")
struct OnboardingHelpersTests {
    /// What Foundation's calendar says: the same day a year later, in UTC.
    static func calendarNextReviewDate(_ micros: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(micros / 1_000_000))
        let next = calendar.date(byAdding: .year, value: 1, to: date)!
        let parts = calendar.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    @Test("the next review date is the calendar's, a year on, for every day from 1970 to 2100")
    func nextReviewDate() {
        var mismatches: [String] = []
        // Every day, at 00:00:00 or at 23:59:59.999999 on alternate days (the day must not tip over).
        for day in Int64(0)..<Int64(47_500) {
            let micros = day * 86_400_000_000 + (day % 2 == 0 ? 0 : 86_399_999_999)
            let ours = Onboarding.nextReviewDate(after: micros)
            let theirs = Self.calendarNextReviewDate(micros)
            if ours != theirs { mismatches.append("\(micros): \(ours) vs \(theirs)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // 29 February goes to 28 February; a year later from 28 February is 28 February.
        #expect(Onboarding.nextReviewDate(after: 1_709_164_800_000_000) == "2025-02-28")  // 2024-02-29
        #expect(Onboarding.nextReviewDate(after: 1_803_772_800_000_000) == "2028-02-28")  // 2027-02-28
    }

    @Test("new ids are 32 lowercase hex digits and do not repeat")
    func newIDs() {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = Onboarding.newID()
            #expect(id.count == 32 && id.allSatisfy { "0123456789abcdef".contains($0) }, "\(id)")
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test("ids begin with their time in milliseconds, so later ids sort later")
    func newIDsAreTimeOrdered() {
        let millis: UInt64 = 1_795_338_000_123  // 2026-11-22T09:00:00.123Z
        let id = Onboarding.newID(nowMillis: millis)
        #expect(UInt64(id.prefix(12), radix: 16) == millis, "\(id)")
        // Across a millisecond, whatever the random bits: 1,000 pairs.
        for step in 0..<1_000 {
            let earlier = Onboarding.newID(nowMillis: millis + UInt64(step))
            let later = Onboarding.newID(nowMillis: millis + UInt64(step) + 1)
            #expect(earlier < later, "\(earlier) then \(later)")
        }
        // Without an explicit time, the wall clock's (a window, not an ordering: the wall
        // clock may be stepped).
        let before = Onboarding.currentMillis()
        let stamped = UInt64(Onboarding.newID().prefix(12), radix: 16) ?? 0
        #expect(stamped + 60_000 >= before && stamped <= Onboarding.currentMillis() + 60_000)
        // The random part varies within one millisecond.
        #expect(Set((0..<100).map { _ in Onboarding.newID(nowMillis: millis) }).count == 100)
    }
}

import CreditgateClient
import Foundation
import Testing

@Suite struct RelativeTimeTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static let durations: [(Double, String)] = [
        (0.0, "0s"), (0.9, "0s"), (45, "45s"), (59.99, "59s"), (60, "1m"), (61, "1m"), (35 * 60 + 59, "35m"),
        (3600, "1h"), (2 * 3600 + 5 * 60 + 59, "2h 5m"), (86_399, "23h 59m"), (86_400, "1d"),
        (3 * 86_400 + 4 * 3600 + 59, "3d 4h"), (3 * 86_400 + 59 * 60, "3d"), (-5400, "1h 30m"),
    ]

    @Test(arguments: durations)
    func durationKeepsTwoUnitsAndCutsTheRest(seconds: Double, text: String) {
        #expect(RelativeTime.duration(seconds) == text)
    }

    static let dues: [(Double, String)] = [
        (7500, "due in 2h 5m"), (-2100, "overdue 35m"), (0.4, "due now"), (-0.4, "due now"),
        (1, "due in 1s"), (-1, "overdue 1s"), (-86_401, "overdue 1d"),
    ]

    @Test(arguments: dues)
    func dueAroundNow(offset: Double, text: String) {
        #expect(RelativeTime.due(Self.now.addingTimeInterval(offset), now: Self.now) == text)
    }

    static let sinces: [(Double, String)] = [(-259_200, "3d ago"), (-59, "59s ago"), (0, "just now"), (300, "in 5m")]

    @Test(arguments: sinces)
    func sinceNow(offset: Double, text: String) {
        #expect(RelativeTime.since(Self.now.addingTimeInterval(offset), now: Self.now) == text)
    }

    @Test func elapsedForReports() {
        #expect(RelativeTime.elapsed(5400) == "1h 30m")
        #expect(RelativeTime.elapsed(0) == "0s")
        #expect(RelativeTime.elapsed(0.2) == "<1s")
        #expect(RelativeTime.elapsed(nil) == "-")
    }

    @Test func stampIsUTCToTheMinute() {
        #expect(RelativeTime.stamp(WireDates.parse("2026-11-22T14:03:59Z")!) == "2026-11-22 14:03 UTC")
    }
}

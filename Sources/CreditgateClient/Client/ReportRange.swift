import Foundation

/// The report's range bounds as a person types them.
public enum ReportRange {
    /// RFC 3339 for a `--from`/`--to` value: `2026-11-01` is that day's midnight UTC (for the
    /// end, the next midnight, so the day is included); an RFC 3339 time is passed through.
    /// `nil` when the text is neither.
    public static func bound(_ text: String, isEnd: Bool) -> String? {
        if let date = WireDates.parse(text) { return WireDates.format(date) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let start = calendar.date(from: components) else { return nil }
        let date = isEnd ? calendar.date(byAdding: .day, value: 1, to: start)! : start
        return WireDates.format(date)
    }
}

import Foundation

/// Times relative to now, the way a person reads a queue: `due in 2h 5m`, `overdue 35m`,
/// `3d ago`.
///
/// Durations are cut (never rounded up) to their two largest units, a zero second unit is left
/// out, and seconds show only under a minute: 2h 5m, 35m, 3d, 3d 4h, 45s.
public enum RelativeTime {
    /// `2h 5m`, `35m`, `3d 4h`, `45s`, `0s` for a duration in seconds (the sign is ignored).
    public static func duration(_ seconds: Double) -> String {
        let total = Int(abs(seconds).rounded(.down))
        let units: [(Int, String)] = total < 60 ? [(1, "s")] : [(86_400, "d"), (3_600, "h"), (60, "m")]
        var parts: [String] = []
        var rest = total
        for (size, name) in units {
            let count = rest / size
            rest %= size
            if !parts.isEmpty {
                if count > 0 { parts.append("\(count)\(name)") }
                break
            }
            if count > 0 { parts.append("\(count)\(name)") }
        }
        return parts.isEmpty ? "0s" : parts.joined(separator: " ")
    }

    /// `due in 2h 5m`, `due now` or `overdue 35m`.
    public static func due(_ dueAt: Date, now: Date) -> String {
        let seconds = dueAt.timeIntervalSince(now)
        if abs(seconds) < 1 { return "due now" }
        return seconds > 0 ? "due in \(duration(seconds))" : "overdue \(duration(seconds))"
    }

    /// `3d ago`, `just now` or `in 5m`.
    public static func since(_ date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        if abs(seconds) < 1 { return "just now" }
        return seconds > 0 ? "\(duration(seconds)) ago" : "in \(duration(seconds))"
    }

    /// A measured duration for a report: `<1s`, `45s`, `1h 30m`.
    public static func elapsed(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        return seconds < 1 ? (seconds == 0 ? "0s" : "<1s") : duration(seconds)
    }

    /// `2026-11-22 14:03 UTC`, for absolute times next to relative ones.
    public static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d UTC", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}

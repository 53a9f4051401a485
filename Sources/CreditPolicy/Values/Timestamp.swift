/// A point in time in UTC, microsecond precision, with RFC 3339 text.
///
/// Formatting and parsing are done here rather than through Foundation's date formatters so
/// that the output never depends on locale or time zone settings and costs nanoseconds.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microseconds: Int64

    /// Creates a timestamp from microseconds since the Unix epoch.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Creates a timestamp from whole seconds since the Unix epoch.
    public init(seconds: Int64) { self.microseconds = seconds * 1_000_000 }

    /// Orders by time.
    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// RFC 3339 in UTC: `2026-11-22T10:04:22Z`, with `.ffffff` only when there is a fraction.
    public var description: String {
        withText { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the RFC 3339 text, from a stack buffer.
    public func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var out = ByteSink(base: buffer.baseAddress!)
            write(to: &out)
            return body(UnsafeBufferPointer(start: buffer.baseAddress, count: out.count))
        }
    }

    /// Writes into memory with room for the longest text (27 bytes).
    private struct ByteSink {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0
        mutating func append(_ b: UInt8) {
            base[count] = b
            count += 1
        }
        mutating func append(contentsOf bytes: [UInt8]) { for b in bytes { append(b) } }
    }

    private func write(to out: inout ByteSink) {
        let (seconds, micros) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        var s = seconds
        var us = micros
        if us < 0 {
            us += 1_000_000
            s -= 1
        }
        let (days, secondOfDay) = Self.floorDivide(s, 86_400)
        let (y, m, d) = Self.civil(fromDays: days)
        func two(_ v: Int64) {
            out.append(UInt8(48 + v / 10))
            out.append(UInt8(48 + v % 10))
        }
        let year = y
        out.append(UInt8(48 + (year / 1000) % 10))
        out.append(UInt8(48 + (year / 100) % 10))
        two(year % 100)
        out.append(UInt8(ascii: "-"))
        two(m)
        out.append(UInt8(ascii: "-"))
        two(d)
        out.append(UInt8(ascii: "T"))
        two(secondOfDay / 3600)
        out.append(UInt8(ascii: ":"))
        two(secondOfDay / 60 % 60)
        out.append(UInt8(ascii: ":"))
        two(secondOfDay % 60)
        if us != 0 {
            out.append(UInt8(ascii: "."))
            var digits: [UInt8] = []
            var v = us
            for _ in 0..<6 {
                digits.append(UInt8(48 + v % 10))
                v /= 10
            }
            out.append(contentsOf: digits.reversed())
        }
        out.append(UInt8(ascii: "Z"))
    }

    /// The same time of day on the same date `years` later; a day the month does not have
    /// there (29 February in a common year) becomes its last day.
    public func addingYears(_ years: Int64) -> Timestamp {
        let (days, inDay) = Self.floorDivide(microseconds, 86_400_000_000)
        let (y, m, d) = Self.civil(fromDays: days)
        let day = min(d, Self.daysIn(month: m, year: y + years))
        return Timestamp(microseconds: Self.days(year: y + years, month: m, day: day) * 86_400_000_000 + inDay)
    }

    /// The date part of ``description``: `YYYY-MM-DD` (UTC).
    public var dateText: String {
        withText { String(decoding: UnsafeBufferPointer(rebasing: $0.prefix(10)), as: UTF8.self) }
    }

    /// Days in a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var q = a / b
        var r = a % b
        if r < 0 {
            q -= 1
            r += b
        }
        return (q, r)
    }

    /// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// (year, month, day) to days since 1970-01-01.
    static func days(year y0: Int64, month m: Int64, day d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or RFC 3339 (`2026-11-22T10:04:22Z`, `…+01:00`,
    /// fractions up to microseconds). Returns `nil` for anything else, including impossible dates.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= b.count else { return nil }
            var v: Int64 = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
            (1...12).contains(m), d >= 1
        else { return nil }
        guard d <= Self.daysIn(month: m, year: y) else { return nil }
        var seconds = Self.days(year: y, month: m, day: d) * 86_400
        var micros: Int64 = 0
        if b.count > 10 {
            guard b.count >= 20, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
                b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
                let hh = number(11..<13), let mm = number(14..<16), let ss = number(17..<19),
                hh < 24, mm < 60, ss < 60
            else { return nil }
            seconds += hh * 3600 + mm * 60 + ss
            var i = 19
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var digits = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if digits < 6 { micros = micros * 10 + Int64(b[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                if digits < 6 { for _ in digits..<6 { micros *= 10 } }
            }
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                guard i + 1 == b.count else { return nil }
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                    let oh = number(i + 1..<i + 3), let om = number(i + 4..<i + 6), oh < 24, om < 60
                else { return nil }
                let offset = oh * 3600 + om * 60
                seconds += b[i] == UInt8(ascii: "+") ? -offset : offset
            } else {
                return nil
            }
        }
        self.microseconds = seconds * 1_000_000 + micros
    }
}

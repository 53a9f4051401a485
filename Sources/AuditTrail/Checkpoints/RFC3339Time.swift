/// The one RFC 3339 form checkpoints use: `YYYY-MM-DDTHH:MM:SS.ffffffZ`, always UTC, always six
/// fraction digits, so that each instant has exactly one text (and parsing can be strict).
///
/// Proleptic Gregorian calendar, no leap seconds; from 1970-01-01T00:00:00.000000Z to
/// 9999-12-31T23:59:59.999999Z. Day arithmetic after Howard Hinnant's `days_from_civil`.
enum RFC3339Time {
    /// The largest time that fits four year digits: 9999-12-31T23:59:59.999999Z.
    static let maxMicros: Int64 = 253_402_300_799_999_999

    /// The text of `micros` (microseconds since the epoch); nil outside 0…``maxMicros``.
    static func format(_ micros: Int64) -> String? {
        guard (0...maxMicros).contains(micros) else { return nil }
        let days = micros / 86_400_000_000
        let inDay = micros % 86_400_000_000
        let (year, month, day) = civil(fromDays: days)
        let seconds = inDay / 1_000_000
        func digits(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))T\(digits(seconds / 3600, 2)):\(digits(seconds / 60 % 60, 2)):"
            + "\(digits(seconds % 60, 2)).\(digits(inDay % 1_000_000, 6))Z"
    }

    /// The microseconds `text` denotes, or a reason it is not exactly the form above.
    static func parse(_ text: some StringProtocol) -> Result<Int64, Problem> {
        let b = Array(text.utf8)
        let shape = "YYYY-MM-DDTHH:MM:SS.ffffffZ"
        guard b.count == shape.utf8.count else { return .failure(.shape) }
        func number(_ range: Range<Int>) -> Int64? {
            var n: Int64 = 0
            for k in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[k]) else { return nil }
                n = n * 10 + Int64(b[k] - UInt8(ascii: "0"))
            }
            return n
        }
        for (k, c) in shape.utf8.enumerated() where !"YMDHSf".utf8.contains(c) {
            guard b[k] == c else { return .failure(.shape) }
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), let fraction = number(20..<26)
        else { return .failure(.shape) }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60 else {
            return .failure(.outOfRange)
        }
        let days = days(fromCivil: year, month, day)
        guard days >= 0 else { return .failure(.outOfRange) }
        return .success(((days * 24 + hour) * 60 + minute) * 60_000_000 + second * 1_000_000 + fraction)
    }

    /// Why a time text was refused.
    enum Problem: Error {
        /// Not `YYYY-MM-DDTHH:MM:SS.ffffffZ` character for character.
        case shape
        /// A field out of range (month 13, 31 April, hour 24, …) or before 1970.
        case outOfRange
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Checks a characteristic's bands: every value must get points, and every band must be
/// reachable (some value must reach it before an earlier band takes it).
enum BandCoverage {
    /// A right end of a covered stretch: everything below `value` (and `value` itself when
    /// `inclusive`) is covered.
    enum Edge: Comparable {
        case negativeInfinity
        case at(ExactDecimal, inclusive: Bool)
        case positiveInfinity

        static func < (a: Edge, b: Edge) -> Bool {
            switch (a, b) {
            case (.negativeInfinity, .negativeInfinity), (.positiveInfinity, _): return false
            case (.negativeInfinity, _), (_, .positiveInfinity): return true
            case (.at, .negativeInfinity): return false
            case (.at(let x, let xi), .at(let y, let yi)): return x < y || (x == y && !xi && yi)
            }
        }
    }

    /// A numeric interval; `nil` bounds are infinite.
    struct Interval {
        var lower: Band.Bound?
        var upper: Band.Bound?
    }

    /// True when `intervals` together cover every number in `target`.
    static func covers(_ intervals: [Interval], _ target: Interval) -> Bool {
        // `reach`: everything up to this edge (from target's lower end) is covered.
        var reach: Edge
        if let lo = target.lower {
            reach = .at(lo.value, inclusive: !lo.inclusive)
        } else {
            reach = .negativeInfinity
        }
        let goal: Edge = target.upper.map { .at($0.value, inclusive: $0.inclusive) } ?? .positiveInfinity
        while reach < goal {
            var best = reach
            for interval in intervals {
                // Does the interval start at or before the first uncovered point?
                let touches: Bool
                switch (interval.lower, reach) {
                case (nil, _):
                    touches = true
                case (.some, .negativeInfinity):
                    touches = false
                case (.some(let lo), .at(let r, let ri)):
                    touches = lo.value < r || (lo.value == r && (lo.inclusive || ri))
                case (.some, .positiveInfinity):
                    touches = true
                }
                guard touches else { continue }
                let end: Edge = interval.upper.map { .at($0.value, inclusive: $0.inclusive) } ?? .positiveInfinity
                if best < end { best = end }
            }
            if best == reach { return false }
            reach = best
        }
        return true
    }

    /// The numbers a band can take, or `nil` when it can take none. For an integer input the
    /// interval is widened to whole-number steps (so `max: 2` then `min: 3` leaves no gap), and
    /// a band that admits no whole number is empty. `is:` intersects with any bounds.
    static func interval(_ band: Band, integerDomain: Bool) -> Interval? {
        var lower = band.lower
        var upper = band.upper
        if case .number(let x)? = band.equals {
            if let lo = lower, x < lo.value || (x == lo.value && !lo.inclusive) { return nil }
            if let hi = upper, x > hi.value || (x == hi.value && !hi.inclusive) { return nil }
            if integerDomain && !x.isInteger { return nil }
            lower = Band.Bound(value: x, inclusive: true)
            upper = Band.Bound(value: x, inclusive: true)
        }
        if let lo = lower, let hi = upper, lo.value > hi.value || (lo.value == hi.value && !(lo.inclusive && hi.inclusive)) { return nil }
        guard integerDomain else { return Interval(lower: lower, upper: upper) }
        var intLower: Band.Bound?
        var intUpper: Band.Bound?
        var first: ExactDecimal?
        var last: ExactDecimal?
        if let lo = lower {
            // Smallest whole number in the band.
            var v = lo.value.rounded(toScale: 0, .ceiling)
            if !lo.inclusive && v == lo.value { v = (try? v.adding(.one)) ?? v }
            first = v
            intLower = Band.Bound(value: v, inclusive: true)
        }
        if let hi = upper {
            // Largest whole number n in the band covers [n, n+1).
            var v = hi.value.rounded(toScale: 0, .floor)
            if !hi.inclusive && v == hi.value { v = (try? v.subtracting(.one)) ?? v }
            last = v
            intUpper = Band.Bound(value: (try? v.adding(.one)) ?? v, inclusive: false)
        }
        if let first, let last, first > last { return nil }
        return Interval(lower: intLower, upper: intUpper)
    }

    static func check(
        _ bands: [Band], name: String, kind: ValueType.Kind, integerDomain: Bool,
        report: (DiagnosticCode, String, Band) -> Void, whole: SourceLocation
    ) {
        switch kind {
        case .number:
            var earlier: [Interval] = []
            for band in bands {
                guard let mine = interval(band, integerDomain: integerDomain) else {
                    report(
                        .bandUnreachable, "this band of \(name) (\(band.label)) can never match: no \(integerDomain ? "whole number" : "value") satisfies it",
                        band)
                    continue
                }
                if !earlier.isEmpty && covers(earlier, mine) {
                    report(.bandUnreachable, "this band of \(name) (\(band.label)) can never match: earlier bands take all its values", band)
                }
                earlier.append(mine)
            }
            if !covers(earlier, Interval(lower: nil, upper: nil)), let last = bands.last {
                report(.bandGap, "the bands of \(name) leave some values without points\(gapHint(earlier)); end with a catch-all band like '{points: 0}'", last)
            }
        case .bool:
            var seen: Set<Bool> = []
            var catchAll = false
            for band in bands {
                if catchAll || seen.count == 2 {
                    report(.bandUnreachable, "this band of \(name) can never match: earlier bands take every value", band)
                    continue
                }
                if case .bool(let b) = band.equals {
                    if !seen.insert(b).inserted { report(.bandUnreachable, "this band of \(name) repeats 'is: \(b)' and can never match", band) }
                } else {
                    catchAll = true
                }
            }
            if !catchAll && seen.count < 2, let last = bands.last {
                report(
                    .bandGap,
                    "the bands of \(name) give no points when the value is \(seen.contains(true) ? "false" : "true"); add that band or a catch-all '{points: 0}'",
                    last)
            }
        default:
            var seen: Set<String> = []
            var catchAll = false
            for band in bands {
                if catchAll {
                    report(.bandUnreachable, "this band of \(name) can never match: an earlier band takes every value", band)
                    continue
                }
                if case .string(let s) = band.equals {
                    if !seen.insert(s).inserted { report(.bandUnreachable, "this band of \(name) repeats 'is: \"\(s)\"' and can never match", band) }
                } else {
                    catchAll = true
                }
            }
            if !catchAll, let last = bands.last {
                report(.bandGap, "the bands of \(name) give no points to other text values; end with a catch-all band like '{points: 0}'", last)
            }
        }
    }

    static func gapHint(_ intervals: [Interval]) -> String {
        // Find the first uncovered edge for the message.
        var reach: Edge = .negativeInfinity
        while true {
            var best = reach
            for interval in intervals {
                let touches: Bool
                switch (interval.lower, reach) {
                case (nil, _): touches = true
                case (.some, .negativeInfinity): touches = false
                case (.some(let lo), .at(let r, let ri)): touches = lo.value < r || (lo.value == r && (lo.inclusive || ri))
                case (.some, .positiveInfinity): touches = true
                }
                guard touches else { continue }
                let end: Edge = interval.upper.map { .at($0.value, inclusive: $0.inclusive) } ?? .positiveInfinity
                if best < end { best = end }
            }
            if best == reach { break }
            reach = best
        }
        switch reach {
        case .negativeInfinity:
            if let lowest = intervals.compactMap(\.lower).min(by: { $0.value < $1.value }) {
                return " (values \(lowest.inclusive ? "below" : "at or below") \(lowest.value))"
            }
            return ""
        case .at(let v, let inclusive):
            return " (values \(inclusive ? "above" : "from") \(v))"
        case .positiveInfinity:
            return ""
        }
    }
}

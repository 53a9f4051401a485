import CreditPolicy
import Store

extension Onboarding {
    /// The figures a credit manager asks for (`GET /v1/reports/summary`), for applications
    /// received in `[from, to)` (default: the 30 days before now).
    public func summaryJSON(fromMicros: Int64?, toMicros: Int64?) async throws -> String {
        let now = clock()
        let to = toMicros ?? now
        let from = fromMicros ?? max(0, to - 30 * 86_400 * 1_000_000)
        guard from < to else {
            throw OnboardingError.invalidParameters([
                FieldProblem(pointer: "/from", message: "must be before to (default: now)")
            ])
        }
        let facts = try await store.reportFacts(fromMicros: from, toMicros: to, nowMicros: now)
        return Self.summary(facts, from: from, to: to, now: now)
    }

    /// The report from its facts (pure, so its figures can be checked on known data).
    static func summary(_ facts: ReportFacts, from: Int64, to: Int64, now: Int64) -> String {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("from")
        w.timestamp(Timestamp(microseconds: from))
        w.key("to")
        w.timestamp(Timestamp(microseconds: to))
        w.key("generated_at")
        w.timestamp(Timestamp(microseconds: now))
        w.key("applications")
        w.int(facts.applications)

        let approve = facts.engineOutcomes["approve", default: 0]
        let refer = facts.engineOutcomes["refer", default: 0]
        let decline = facts.engineOutcomes["decline", default: 0]
        let decided = approve + refer + decline
        w.key("engine")
        w.beginObject()
        w.key("approve")
        w.int(approve)
        w.key("refer")
        w.int(refer)
        w.key("decline")
        w.int(decline)
        w.key("approval_rate")
        w.number(rate(approve, of: decided))
        w.key("referral_rate")
        w.number(rate(refer, of: decided))
        w.key("decline_rate")
        w.number(rate(decline, of: decided))
        w.endObject()

        let finalApprove = facts.finals.filter { $0.outcome == "approve" }.count
        let finalDecline = facts.finals.filter { $0.outcome == "decline" }.count
        w.key("final")
        w.beginObject()
        w.key("approve")
        w.int(finalApprove)
        w.key("decline")
        w.int(finalDecline)
        w.key("pending")
        w.int(max(0, facts.applications - facts.finals.count))
        w.endObject()

        w.key("time_to_final_decision")
        w.beginObject()
        for (label, byOfficer) in [("engine", false), ("officer", true)] {
            let times = facts.finals.filter { $0.byOfficer == byOfficer }.map(\.micros).sorted()
            w.dynamicKey(label)
            w.beginObject()
            w.key("count")
            w.int(times.count)
            w.key("median_seconds")
            if let median = percentile(times, 0.5) { w.number(seconds(median)) } else { w.null() }
            w.key("p90_seconds")
            if let p90 = percentile(times, 0.9) { w.number(seconds(p90)) } else { w.null() }
            w.endObject()
        }
        w.endObject()

        w.key("reviews")
        w.beginObject()
        for status in ["open", "awaiting_info", "pending_confirmation"] {
            w.dynamicKey(status)
            w.int(facts.queue[status, default: 0])
        }
        w.key("overdue")
        w.int(facts.overdue)
        w.endObject()

        let overridden = facts.decidedReviews.filter(\.overridden).count
        w.key("overrides")
        w.beginObject()
        w.key("decided_reviews")
        w.int(facts.decidedReviews.count)
        w.key("overridden")
        w.int(overridden)
        w.key("rate")
        w.number(rate(overridden, of: facts.decidedReviews.count))
        for (key, label, group) in [
            ("by_rule", "reason_code", { (r: (reasonCode: String, officer: String, overridden: Bool)) in r.reasonCode }),
            ("by_officer", "officer", { (r: (reasonCode: String, officer: String, overridden: Bool)) in r.officer }),
        ] {
            w.dynamicKey(key)
            w.beginArray()
            let groups = Dictionary(grouping: facts.decidedReviews, by: group)
            for name in groups.keys.sorted() {
                let rows = groups[name]!
                let count = rows.filter(\.overridden).count
                w.beginObject()
                w.dynamicKey(label)
                w.string(name)
                w.key("decided")
                w.int(rows.count)
                w.key("overridden")
                w.int(count)
                w.key("rate")
                w.number(rate(count, of: rows.count))
                w.endObject()
            }
            w.endArray()
        }
        w.key("profile_overrides")
        w.int(facts.profileOverrides)
        w.endObject()

        // Granted exposure now: the sum of active limits per tier and currency, exactly.
        var exposure: [String: (customers: Int, total: ExactDecimal, currency: String, minor: Int)] = [:]
        for row in facts.activeLimits {
            guard let amount = ExactDecimal(row.limit) else { continue }
            let key = "\(row.tier ?? "")\u{0}\(row.currency)"
            var entry = exposure[key] ?? (0, .zero, row.currency, Currency.known[row.currency] ?? 2)
            entry.customers += 1
            entry.total = (try? entry.total.adding(amount)) ?? entry.total
            exposure[key] = entry
        }
        w.key("exposure_by_tier")
        w.beginArray()
        for key in exposure.keys.sorted() {
            let entry = exposure[key]!
            let tier = String(key.prefix { $0 != "\u{0}" })
            w.beginObject()
            w.key("tier")
            if tier.isEmpty { w.null() } else { w.string(tier) }
            w.key("customers")
            w.int(entry.customers)
            w.key("limit")
            w.money(amount: entry.total.formatted(fractionDigits: entry.minor), currency: entry.currency)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.string
    }

    /// `part / whole` to four decimal places (rounded half up), 0 when `whole` is 0.
    static func rate(_ part: Int, of whole: Int) -> ExactDecimal {
        guard whole > 0 else { return .zero }
        let scaled = (Int128(part) * 20_000 / Int128(whole) + 1) / 2
        return ExactDecimal(mantissa: scaled, scale: 4) ?? .zero
    }

    /// The nearest-rank percentile of sorted values: the smallest value with at least `p` of
    /// the values at or below it.
    static func percentile(_ sorted: [Int64], _ p: Double) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    /// Microseconds as seconds with millisecond precision.
    static func seconds(_ micros: Int64) -> ExactDecimal {
        ExactDecimal(mantissa: Int128(micros / 1_000), scale: 3) ?? .zero
    }
}

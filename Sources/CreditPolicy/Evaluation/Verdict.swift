/// A decision as plain data: what evaluation worked out, as indices into its policy's own
/// tables (knockouts, tiers, referrals, scorecard). It owns no heap storage in the everyday
/// case, so a run of decisions written straight from verdicts allocates and reference-counts
/// nothing per decision; ``Decision`` is built from it only when asked for.
struct Verdict {
    var outcome: Outcome
    /// Index into the policy's tiers; -1 when a knockout declined the application.
    var tier: Int
    var points: Int
    var limit: ExactDecimal
    /// Knockouts that fired, for a knockout decline.
    var knockouts = Fired()
    /// Index into the policy's referrals of the rule that referred the application, or -1.
    var referral = -1
    /// Whether an approval is a counteroffer, its factors in `factors`.
    var counteroffer = false
    var factors = Factors()

    init(outcome: Outcome, tier: Int, points: Int, limit: ExactDecimal, referral: Int) {
        self.outcome = outcome
        self.tier = tier
        self.points = points
        self.limit = limit
        self.referral = referral
    }

    /// A knockout decline.
    init(knockouts: Fired) {
        self.init(outcome: .decline, tier: -1, points: 0, limit: .zero, referral: -1)
        self.knockouts = knockouts
    }

    /// Knockout indices in ascending order: a bit each below 64, an array (allocated only for
    /// policies with that many knockouts) beyond.
    struct Fired {
        var bits: UInt64 = 0
        var beyond: [Int] = []

        var isEmpty: Bool { bits == 0 && beyond.isEmpty }

        /// Adds `index`; indices must come in ascending order.
        mutating func insert(_ index: Int) {
            if index < 64 { bits |= 1 << UInt64(index) } else { beyond.append(index) }
        }

        /// Calls `body` with each index in ascending order until it returns false.
        func forEach(_ body: (Int) -> Bool) {
            var rest = bits
            while rest != 0 {
                let index = rest.trailingZeroBitCount
                if !body(index) { return }
                rest &= rest &- 1
            }
            for index in beyond where !body(index) { return }
        }
    }

    /// One principal factor of a counteroffer.
    struct Factor {
        /// A scorecard index, or ``limitReason`` / ``termsReason``.
        var source: Int
        var pointsLost: Int?

        static let limitReason = -1
        static let termsReason = -2
    }

    /// At most four factors (the most `max_factors` allows), stored inline.
    struct Factors {
        private var f0 = Factor(source: 0, pointsLost: nil)
        private var f1 = Factor(source: 0, pointsLost: nil)
        private var f2 = Factor(source: 0, pointsLost: nil)
        private var f3 = Factor(source: 0, pointsLost: nil)
        private(set) var count = 0

        static let capacity = 4

        subscript(i: Int) -> Factor {
            switch i {
            case 0: f0
            case 1: f1
            case 2: f2
            default: f3
            }
        }

        mutating func append(_ factor: Factor) {
            precondition(count < Self.capacity, "at most \(Self.capacity) adverse-action factors")
            switch count {
            case 0: f0 = factor
            case 1: f1 = factor
            case 2: f2 = factor
            default: f3 = factor
            }
            count += 1
        }

        /// Whether a factor already gives reason number `id` (see ``FactorTable``).
        func contains(reasonID id: Int, in table: FactorTable) -> Bool {
            for i in 0..<count where table.reasonID(of: self[i].source) == id { return true }
            return false
        }
    }
}

extension Policy {
    /// The reason a counteroffer factor gives.
    func reason(of factor: Verdict.Factor) -> Reason {
        switch factor.source {
        case Verdict.Factor.limitReason: adverseAction.limitReason!
        case Verdict.Factor.termsReason: adverseAction.termsReason!
        default: scorecard[factor.source].reasonText
        }
    }

    /// The public decision for a verdict of this policy.
    func decision(_ v: Verdict, at clock: Timestamp, trace: [TraceStep]?) -> Decision {
        if v.tier < 0 {
            var reasons: [Reason] = []
            v.knockouts.forEach { index in
                reasons.append(knockouts[index].reason)
                return true
            }
            return Decision(
                outcome: .decline, tier: nil, points: nil, terms: nil, limit: money(.zero), depositPct: .zero, reasons: reasons,
                adverseAction: AdverseAction(
                    kind: .decline, factors: reasons.prefix(adverseAction.maxFactors).map { AdverseAction.Factor(reason: $0, pointsLost: nil) }),
                policy: reference, evaluatedAt: clock, trace: trace)
        }
        let tier = tiers[v.tier]
        var adverse: AdverseAction?
        if v.counteroffer {
            adverse = AdverseAction(
                kind: .counteroffer,
                factors: (0..<v.factors.count).map { AdverseAction.Factor(reason: reason(of: v.factors[$0]), pointsLost: v.factors[$0].pointsLost) })
        }
        return Decision(
            outcome: v.outcome, tier: tier.name, points: v.points, terms: tier.terms, limit: money(v.limit), depositPct: tier.terms.depositPct,
            reasons: v.referral >= 0 ? [referrals[v.referral].reason] : [], adverseAction: adverse, policy: reference, evaluatedAt: clock,
            trace: trace)
    }

    /// Decides an already validated application and writes the decision to `w`: the same
    /// bytes as `decide(application, at: clock).write(to: &w)`, without building the
    /// ``Decision`` (no allocation or reference counting per decision).
    /// - Precondition: `application` was bound by this policy.
    public func decide(_ application: BoundApplication, at clock: Timestamp, writingTo w: inout JSONWriter) throws(EvaluationFailure) {
        var steps: [TraceStep]? = nil
        let verdict = try self.verdict(application, at: clock, steps: &steps)
        write(verdict, at: clock, to: &w)
    }

    /// Writes a verdict exactly as ``Decision/write(to:)`` writes the decision built from it
    /// (a test holds the two to the same bytes): the policy's fixed text in a few pre-encoded
    /// chunks (``DecisionText``), with the points, limit, reasons and clock between them.
    func write(_ v: Verdict, at clock: Timestamp, to w: inout JSONWriter) {
        let text = decisionText
        // The object's own separator and nesting as any value's; its members are raw bytes.
        w.beginObject()
        if v.tier >= 0 {
            w.append(v.outcome == .refer ? text.referHead[v.tier] : text.approveHead[v.tier])
            w.appendInt(v.points)
            w.append(text.beforeLimit[v.tier])
            v.limit.withFixedText(fractionDigits: currency.minorUnits) { w.append($0) }
            w.append(text.afterLimit[v.tier])
            if v.referral >= 0 { w.append(referrals[v.referral].reason.encoded) }
            w.literal("],\"adverse_action\":")
            if v.counteroffer {
                w.literal("{\"kind\":\"counteroffer\",\"factors\":[")
                for i in 0..<v.factors.count {
                    let factor = v.factors[i]
                    w.literal(i == 0 ? "{" : ",{")
                    w.append(reason(of: factor).encodedMembers)
                    if let lost = factor.pointsLost {
                        w.literal(",\"points_lost\":")
                        w.appendInt(lost)
                    }
                    w.literal("}")
                }
                w.literal("]}")
            } else {
                w.literal("null")
            }
        } else {
            w.append(text.knockoutHead)
            var first = true
            v.knockouts.forEach { index in
                if !first { w.literal(",") }
                first = false
                w.append(knockouts[index].reason.encoded)
                return true
            }
            w.literal("],\"adverse_action\":{\"kind\":\"decline\",\"factors\":[")
            var left = adverseAction.maxFactors
            first = true
            v.knockouts.forEach { index in
                guard left > 0 else { return false }
                left -= 1
                w.literal(first ? "{" : ",{")
                first = false
                w.append(knockouts[index].reason.encodedMembers)
                w.literal("}")
                return true
            }
            w.literal("]}")
        }
        w.append(text.policyTail)
        w.appendTimestamp(clock)
        w.endObject()
    }
}

/// The fixed text of a policy's decisions, encoded once, in the member order of
/// ``Decision/write(to:)``. The chunks are the object's contents: the caller writes the braces.
final class DecisionText: Sendable {
    /// `"outcome":"approve","tier":"A","points":`, per tier.
    let approveHead: [[UInt8]]
    /// `"outcome":"refer","tier":"A","points":`, per tier.
    let referHead: [[UInt8]]
    /// `,"terms":{…},"limit":{"amount":"`, per tier.
    let beforeLimit: [[UInt8]]
    /// `","currency":"EUR"},"deposit_pct":0,"reasons":[`, per tier.
    let afterLimit: [[UInt8]]
    /// A knockout decline up to its reasons: `"outcome":"decline","tier":null,…,"reasons":[`.
    let knockoutHead: [UInt8]
    /// `,"policy":{…},"evaluated_at":`.
    let policyTail: [UInt8]

    init(tiers: [Tier], currency: Currency, reference: PolicyReference) {
        // Each chunk is written by the writer's own methods, as Decision.write writes it.
        func chunk(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
            var w = JSONWriter(capacity: 256)
            body(&w)
            return w.bytes
        }
        approveHead = tiers.map { tier in
            chunk { w in
                w.literal("\"outcome\":\"approve\",\"tier\":")
                w.string(tier.name)
                w.literal(",\"points\":")
            }
        }
        referHead = tiers.map { tier in
            chunk { w in
                w.literal("\"outcome\":\"refer\",\"tier\":")
                w.string(tier.name)
                w.literal(",\"points\":")
            }
        }
        beforeLimit = tiers.map { tier in
            chunk { w in
                w.literal(",\"terms\":")
                w.raw(tier.terms.encoded)
                w.literal(",\"limit\":{\"amount\":\"")
            }
        }
        afterLimit = tiers.map { tier in
            chunk { w in
                w.literal("\",\"currency\":")
                w.string(currency.code)
                w.literal("},\"deposit_pct\":")
                w.number(tier.terms.depositPct)
                w.literal(",\"reasons\":[")
            }
        }
        knockoutHead = chunk { w in
            w.literal("\"outcome\":\"decline\",\"tier\":null,\"points\":null,\"terms\":null,\"limit\":{\"amount\":")
            w.decimalString(.zero, fractionDigits: currency.minorUnits)
            w.literal(",\"currency\":")
            w.string(currency.code)
            w.literal("},\"deposit_pct\":")
            w.number(.zero)
            w.literal(",\"reasons\":[")
        }
        policyTail = chunk { w in
            w.literal(",\"policy\":")
            w.raw(reference.encoded)
            w.literal(",\"evaluated_at\":")
        }
    }
}

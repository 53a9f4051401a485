import Yams

/// How a policy's referrals are reviewed by credit officers: the `review:` section.
///
/// ```yaml
/// review:
///   service_level_hours: 4        # a referral is due this long after it opens
///   four_eyes_above: 100000       # approvals above this limit need a second officer
///   decline_reasons: [LOW_BUREAU_SCORE, INSUFFICIENT_INFORMATION]   # default: the whole catalogue
/// ```
public struct ReviewRules: Sendable, Hashable {
    /// Hours an officer has for a referral (and again after the customer answers a request
    /// for information).
    public var serviceLevelHours: Int
    /// Approvals with a limit above this amount need a second officer's confirmation; `nil`:
    /// never.
    public var fourEyesAbove: ExactDecimal?
    /// The reason codes an officer may decline with, in catalogue order.
    public var declineReasons: [String]?

    /// Creates review rules.
    public init(serviceLevelHours: Int, fourEyesAbove: ExactDecimal?, declineReasons: [String]?) {
        self.serviceLevelHours = serviceLevelHours
        self.fourEyesAbove = fourEyesAbove
        self.declineReasons = declineReasons
    }

    /// A policy without a `review:` section: 4 hours, no four-eyes threshold, any reason.
    public static let `default` = ReviewRules(serviceLevelHours: 4, fourEyesAbove: nil, declineReasons: nil)
}

extension Policy {
    /// The payment terms of each tier, in tier order: what an officer may grant.
    public var termsOptions: [(tier: String, terms: PaymentTerms)] {
        tiers.map { ($0.name, $0.terms) }
    }

    /// The top-level members of an application this policy reads (`applicant`, `bureau`…).
    public var inputRoots: [String] { inputs.root.childKeys }

    /// The catalogue entry for a reason code.
    public func reason(_ code: String) -> ReasonText? { reasons[code] }

    /// The reason codes an officer may decline with: the `review:` list, else the whole
    /// catalogue, sorted.
    public var officerDeclineReasons: [String] {
        review.declineReasons ?? reasons.keys.sorted()
    }

    /// The amount the applicant asked for (`adverse_action.requested_limit`), when the policy
    /// says how to read it and it evaluates.
    public func requestedLimit(_ application: BoundApplication) -> ExactDecimal? {
        precondition(application.schema == ObjectIdentifier(inputs.root), "a BoundApplication can only be read by the policy that bound it")
        guard let expression = adverseAction.requestedLimit else { return nil }
        do throws(ExactDecimal.ArithmeticError) {
            return try Context.with(application.slots, tiers: tiers) { (evaluator: inout Context) throws(ExactDecimal.ArithmeticError) -> ExactDecimal? in
                try expression.number(evaluator)
            }
        } catch {
            return nil
        }
    }
}

extension PolicyBuilder {
    /// `review: {service_level_hours, four_eyes_above, decline_reasons}`.
    mutating func readReview(_ node: Node, reasons: [String: ReasonText]) -> ReviewRules {
        var rules = ReviewRules.default
        guard let m = mapping(node, "review", optional: ["service_level_hours", "four_eyes_above", "decline_reasons"]) else {
            return rules
        }
        if let n = m["service_level_hours"], let hours = integer(n, "service_level_hours", in: 1...720) {
            rules.serviceLevelHours = hours
        }
        if let n = m["four_eyes_above"], let amount = decimal(n, "four_eyes_above") {
            if amount.isNegative {
                error(.invalidValue, "four_eyes_above must be 0 or more, found \(amount)", n)
            } else {
                rules.fourEyesAbove = amount
            }
        }
        if let n = m["decline_reasons"], let items = sequence(n, "decline_reasons") {
            var codes: [String] = []
            for item in items {
                if let code = reasonCode(item, "decline_reasons", catalogue: reasons) {
                    if codes.contains(code) {
                        error(.duplicateKey, "'\(code)' appears twice in decline_reasons; keep one", item)
                    } else {
                        codes.append(code)
                    }
                }
            }
            if items.isEmpty { error(.invalidValue, "decline_reasons must list at least one reason code", n) }
            rules.declineReasons = codes
        }
        return rules
    }
}

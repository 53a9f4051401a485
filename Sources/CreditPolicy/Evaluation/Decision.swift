/// What the engine decided.
public enum Outcome: String, Sendable, CaseIterable {
    /// Credit granted on the tier's terms (possibly a counteroffer: see ``Decision/adverseAction``).
    case approve
    /// Sent to a credit officer; the tier, terms and limit are the engine's proposal.
    case refer
    /// Credit refused.
    case decline
}

/// An amount of money in a currency.
public struct Money: Sendable, Hashable {
    /// The amount, exact.
    public var amount: ExactDecimal
    /// ISO 4217 code.
    public var currency: String
    /// Minor units used when writing the amount.
    public var minorUnits: Int

    /// The amount with exactly the currency's decimal places (`"25000.00"`).
    public var amountText: String { amount.formatted(fractionDigits: minorUnits) }
}

/// A reason code with its texts. Immutable; a class so a decision shares it rather than copying its texts.
public final class Reason: Sendable, Hashable {
    /// Stable code.
    public let code: String
    /// Text for the credit officer.
    public let officerText: String
    /// Text for the customer.
    public let customerText: String
    /// `"code":…,"officer_text":…,"customer_text":…`, encoded once.
    let encodedMembers: [UInt8]
    /// The reason as a JSON object, encoded once.
    let encoded: [UInt8]

    /// Creates a reason.
    public init(code: String, officerText: String, customerText: String) {
        // Encoded once here so that writing a decision copies bytes instead of escaping text.
        self.code = code
        self.officerText = officerText
        self.customerText = customerText
        let object = JSONWriter.encode { w in
            w.beginObject()
            w.key("code")
            w.string(code)
            w.key("officer_text")
            w.string(officerText)
            w.key("customer_text")
            w.string(customerText)
            w.endObject()
        }
        encoded = object
        encodedMembers = Array(object.dropFirst().dropLast())
    }

    /// Equal when code and texts are equal.
    public static func == (a: Reason, b: Reason) -> Bool {
        a.code == b.code && a.officerText == b.officerText && a.customerText == b.customerText
    }

    /// Hashes code and texts.
    public func hash(into h: inout Hasher) {
        h.combine(code)
        h.combine(officerText)
        h.combine(customerText)
    }
}

/// The adverse-action notice: why credit was refused or granted on worse terms than asked.
public struct AdverseAction: Sendable, Hashable {
    /// Which kind of adverse action.
    public enum Kind: String, Sendable {
        /// Credit refused.
        case decline
        /// Credit granted with a lower limit or worse terms than requested.
        case counteroffer
    }

    /// Which kind of adverse action.
    public var kind: Kind
    /// The principal factors, most important first (at most four).
    public var factors: [Factor]

    /// One principal factor.
    public struct Factor: Sendable, Hashable {
        /// The reason.
        public var reason: Reason
        /// Points the characteristic cost the applicant, when it came from the scorecard.
        public var pointsLost: Int?
    }
}

/// A credit decision, with everything needed to explain and replay it.
public struct Decision: Sendable, Hashable {
    /// Approve, refer or decline.
    public var outcome: Outcome
    /// The tier, unless a knockout declined the application.
    public var tier: String?
    /// Scorecard points, unless a knockout declined the application.
    public var points: Int?
    /// Payment terms, unless a knockout declined the application.
    public var terms: PaymentTerms?
    /// The credit limit (zero on a knockout decline).
    public var limit: Money
    /// The deposit required, as a percentage (zero on a knockout decline).
    public var depositPct: ExactDecimal
    /// The knockout or referral reasons that decided the outcome; empty for an approval.
    public var reasons: [Reason]
    /// The adverse-action notice, for a decline or a counteroffer.
    public var adverseAction: AdverseAction?
    /// The policy that decided.
    public var policy: PolicyReference
    /// The clock the evaluation used.
    public var evaluatedAt: Timestamp
    /// Each rule and characteristic, what it read and what it gave; only when asked for.
    public var trace: [TraceStep]?
}

/// One step of a decision's trace.
public struct TraceStep: Sendable, Hashable {
    /// The part of the policy the step evaluated.
    public enum Kind: String, Sendable {
        /// A knockout rule.
        case knockout
        /// A scorecard characteristic.
        case characteristic
        /// The tier chosen by points.
        case tier
        /// A tier's limit expression.
        case limit
        /// A referral rule.
        case referral
    }

    /// What was evaluated.
    public var kind: Kind
    /// Rule code, characteristic name or tier name.
    public var name: String
    /// The expression as written in the policy.
    public var expression: String
    /// Every input or computed value the expression read, by name.
    public var read: [JSONValue.Member]
    /// What it gave: `true`/`false` for rules, the value for a characteristic, the amount for a limit.
    public var result: JSONValue
    /// The matching band's condition, for a characteristic.
    public var band: String?
    /// Points given, for a characteristic (or the total, for the tier step).
    public var points: Int?
    /// The most points the characteristic could give.
    public var maxPoints: Int?
}

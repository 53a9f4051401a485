/// A compiled credit policy: validated, type-checked and ready to evaluate.
///
/// Create one with ``PolicyCompiler/compile(source:file:)``. A `Policy` is immutable and
/// `Sendable`; evaluating it is a pure function of the policy, the application and the clock.
public struct Policy: Sendable {
    /// Identifier, stable across versions (`standard`).
    public let id: String
    /// Version number; a new version of the same `id` must be higher.
    public let version: Int
    /// First day (UTC) on which the policy may decide.
    public let effectiveFrom: Timestamp
    /// Currency of every amount.
    public let currency: Currency
    /// What the policy is for.
    public let description: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String
    /// The file the policy came from, as named by the caller.
    public let file: String
    /// The declared inputs.
    public let inputs: InputSchema
    /// Reason catalogue by code.
    public let reasons: [String: ReasonText]
    /// The policy's own test cases.
    public let tests: [PolicyTestCase]

    let knockouts: [Rule]
    let scorecard: [Characteristic]
    let tiers: [Tier]
    let referrals: [Rule]
    let adverseAction: AdverseActionRules
    /// Number of bound input slots.
    let slotCount: Int

    /// Identity of this policy as recorded on a decision.
    public var reference: PolicyReference { PolicyReference(id: id, version: version, sha256: sha256) }

    /// Tier names, best first.
    public var tierNames: [String] { tiers.map(\.name) }
}

/// Which policy made a decision.
public struct PolicyReference: Sendable, Hashable {
    /// Policy id.
    public var id: String
    /// Policy version.
    public var version: Int
    /// SHA-256 of the policy file.
    public var sha256: String

    /// Creates a reference.
    public init(id: String, version: Int, sha256: String) {
        self.id = id
        self.version = version
        self.sha256 = sha256
    }
}

/// The texts of one reason code.
public struct ReasonText: Sendable, Hashable {
    /// Stable code (`LOW_BUREAU_SCORE`).
    public var code: String
    /// For the credit officer: what the rule saw.
    public var officer: String
    /// For the customer: specific, plain, and free of internal detail.
    public var customer: String
}

/// Payment terms granted with a tier.
public struct PaymentTerms: Sendable, Hashable {
    /// Terms code (`NET30`).
    public var code: String
    /// Days until an invoice is due.
    public var netDays: Int
    /// Deposit required, as a percentage (0–100).
    public var depositPct: ExactDecimal
}

/// A currency with its ISO 4217 code and minor units.
public struct Currency: Sendable, Hashable {
    /// ISO 4217 code (`EUR`).
    public var code: String
    /// Number of decimal places of the minor unit (2 for EUR, 0 for JPY).
    public var minorUnits: Int

    /// Currencies the policy language accepts, with their minor units.
    public static let known: [String: Int] = [
        "EUR": 2, "USD": 2, "GBP": 2, "CAD": 2, "CHF": 2, "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2,
        "CZK": 2, "HUF": 2, "AUD": 2, "NZD": 2, "SGD": 2, "HKD": 2, "JPY": 0, "KRW": 0, "ISK": 0,
        "BHD": 3, "KWD": 3, "OMR": 3, "TND": 3, "JOD": 3,
    ]
}

/// A knockout or referral rule.
struct Rule: Sendable {
    var code: String
    var source: String
    var condition: Expression
    var reads: [ExpressionCompiler.Read]
    var location: SourceLocation
}

/// A scorecard characteristic: a value sorted into bands that give points.
struct Characteristic: Sendable {
    var name: String
    var source: String
    var value: Expression
    var reads: [ExpressionCompiler.Read]
    /// Reason code used when the characteristic costs the applicant points.
    var reason: String
    /// Points when the value is missing.
    var missingPoints: Int?
    var bands: [Band]
    /// The most points the characteristic can give.
    var maxPoints: Int
    var location: SourceLocation
}

/// One band of a characteristic. A band matches when every bound it has holds; the first
/// matching band in file order gives its points.
struct Band: Sendable {
    var lower: Bound?
    var upper: Bound?
    var equals: Value?
    var points: Int
    var location: SourceLocation
    /// The values the band really takes, given that earlier bands match first (for labels).
    var effectiveLower: Bound?
    var effectiveUpper: Bound?
    /// For a catch-all boolean band after `is: x`: the other value.
    var effectiveEquals: Value?

    struct Bound: Sendable {
        var value: ExactDecimal
        var inclusive: Bool
    }

    @inline(__always)
    func matches(_ v: Value) -> Bool {
        if let equals, !Evaluator.equal(equals, v) { return false }
        if lower == nil && upper == nil { return true }
        guard case .number(let x) = v else { return false }
        if let lower {
            let c = ExactDecimal.compare(x, lower.value)
            if c < 0 || (c == 0 && !lower.inclusive) { return false }
        }
        if let upper {
            let c = ExactDecimal.compare(x, upper.value)
            if c > 0 || (c == 0 && !upper.inclusive) { return false }
        }
        return true
    }

    /// Human-readable condition: `≥ 700 and < 750`, `= true`, `any other value`.
    var label: String {
        var parts: [String] = []
        if let equals = equals ?? effectiveEquals { parts.append("= \(equals.json.displayText)") }
        if let lower = lower ?? effectiveLower { parts.append("\(lower.inclusive ? "≥" : ">") \(lower.value)") }
        if let upper = upper ?? effectiveUpper { parts.append("\(upper.inclusive ? "≤" : "<") \(upper.value)") }
        return parts.isEmpty ? "any other value" : parts.joined(separator: " and ")
    }

    /// Fills the effective bounds of bands written in ascending (`below:`) or descending
    /// (`above:`) order, so `{below: 5}` after `{below: 3}` reads "≥ 3 and < 5".
    static func withEffectiveBounds(_ bands: [Band]) -> [Band] {
        var result = bands
        for i in result.indices.dropFirst() {
            let previous = result[i - 1]
            if result[i].lower == nil, result[i].equals == nil, let u = previous.upper ?? previous.effectiveUpper, previous.lower == nil || previous.upper != nil {
                result[i].effectiveLower = Bound(value: u.value, inclusive: !u.inclusive)
            }
            if result[i].upper == nil, result[i].equals == nil, let l = previous.lower ?? previous.effectiveLower, previous.upper == nil || previous.lower != nil, previous.upper == nil {
                result[i].effectiveUpper = Bound(value: l.value, inclusive: !l.inclusive)
            }
            if result[i].equals == nil, result[i].lower == nil, result[i].upper == nil, case .bool(let b) = previous.equals, i == 1 {
                result[i].effectiveEquals = .bool(!b)
            }
        }
        return result
    }
}

/// A tier: the points it needs, its terms and its limit.
struct Tier: Sendable {
    var name: String
    /// Points needed; `nil` for the last, catch-all tier.
    var minPoints: Int?
    var terms: PaymentTerms
    var limitSource: String
    var limit: Expression
    var limitReads: [ExpressionCompiler.Read]
    var rounding: RoundingRule
    var roundingUnit: ExactDecimal
    var location: SourceLocation
}

/// When an approval counts as adverse action, and which codes explain it.
struct AdverseActionRules: Sendable {
    /// The amount the applicant asked for.
    var requestedLimit: Expression?
    /// Code used when the granted limit is below the request.
    var limitReason: String?
    /// Most principal factors listed (Regulation B: four).
    var maxFactors: Int
}

extension JSONValue {
    /// Short text for people: strings unquoted, numbers exact, lists bracketed.
    public var displayText: String {
        switch self {
        case .null: "missing"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.description
        case .string(let s): "\"\(s)\""
        case .array(let items): "[" + items.map(\.displayText).joined(separator: ", ") + "]"
        case .object: "{…}"
        }
    }
}

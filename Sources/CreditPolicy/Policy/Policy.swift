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
    let selector: PolicySelector?
    /// How referrals are reviewed by credit officers (`review:`).
    public let review: ReviewRules

    init(
        id: String, version: Int, effectiveFrom: Timestamp, currency: Currency, description: String, sha256: String, file: String,
        inputs: InputSchema, reasons: [String: ReasonText], tests: [PolicyTestCase], knockouts: [Rule], scorecard: [Characteristic],
        tiers: [Tier], referrals: [Rule], adverseAction: AdverseActionRules, selector: PolicySelector? = nil,
        review: ReviewRules = .default
    ) {
        self.selector = selector
        self.review = review
        self.id = id
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.currency = currency
        self.description = description
        self.sha256 = sha256
        self.file = file
        self.inputs = inputs
        self.reasons = reasons
        self.tests = tests
        self.knockouts = knockouts
        self.scorecard = scorecard
        self.tiers = tiers
        self.referrals = referrals
        self.adverseAction = adverseAction
        self.reference = PolicyReference(id: id, version: version, sha256: sha256)
        self.decisionText = DecisionText(tiers: tiers, currency: currency, reference: reference)
        self.factorTable = FactorTable(scorecard: scorecard, adverseAction: adverseAction)
    }

    /// Identity of this policy as recorded on a decision.
    public let reference: PolicyReference
    /// The fixed text of this policy's decisions, encoded once.
    let decisionText: DecisionText
    /// What picking adverse-action factors reads, as plain numbers.
    let factorTable: FactorTable

    /// The `applies_to` priority, when this policy claims applications by a condition.
    public var selectionPriority: Int? { selector?.priority }

    /// The `applies_to` condition as written, when there is one.
    public var selectionCondition: String? { selector?.source }

    /// Tier names, best first.
    public var tierNames: [String] { tiers.map(\.name) }
}

/// Which policy made a decision. Immutable; a class so decisions share one instance.
public final class PolicyReference: Sendable, Hashable {
    /// Policy id.
    public let id: String
    /// Policy version.
    public let version: Int
    /// SHA-256 of the policy file.
    public let sha256: String
    /// `{"id":…,"version":…,"sha256":…}`, encoded once.
    let encoded: [UInt8]

    /// Creates a reference.
    public init(id: String, version: Int, sha256: String) {
        self.id = id
        self.version = version
        self.sha256 = sha256
        encoded = JSONWriter.encode { w in
            w.beginObject()
            w.key("id")
            w.string(id)
            w.key("version")
            w.int(version)
            w.key("sha256")
            w.string(sha256)
            w.endObject()
        }
    }

    /// Equal when id, version and hash are equal.
    public static func == (a: PolicyReference, b: PolicyReference) -> Bool {
        a.id == b.id && a.version == b.version && a.sha256 == b.sha256
    }

    /// Hashes id, version and hash.
    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(version)
        h.combine(sha256)
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
    public let code: String
    /// Days until an invoice is due.
    public let netDays: Int
    /// Deposit required, as a percentage (0–100).
    public let depositPct: ExactDecimal
    /// The terms as a JSON object, encoded once (a function of the fields above, so the
    /// synthesized equality and hashing stay correct).
    let encoded: [UInt8]

    /// Creates payment terms.
    public init(code: String, netDays: Int, depositPct: ExactDecimal) {
        self.code = code
        self.netDays = netDays
        self.depositPct = depositPct
        encoded = JSONWriter.encode { w in
            w.beginObject()
            w.key("code")
            w.string(code)
            w.key("net_days")
            w.int(netDays)
            w.key("deposit_pct")
            w.number(depositPct)
            w.endObject()
        }
    }
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

/// A knockout or referral rule. A class: evaluation walks these per application, and a
/// reference costs one retain where a struct copy would retain every field.
final class Rule: Sendable {
    let code: String
    /// The code with its texts, built once at compile time.
    let reason: Reason
    let source: String
    let condition: EvalNode
    let reads: [ExpressionCompiler.Read]
    let location: SourceLocation

    init(code: String, reason: Reason, source: String, condition: Expression, reads: [ExpressionCompiler.Read], location: SourceLocation) {
        self.code = code
        self.reason = reason
        self.source = source
        self.condition = condition.lowered()
        self.reads = reads
        self.location = location
    }
}

/// A scorecard characteristic: a value sorted into bands that give points.
final class Characteristic: Sendable {
    let name: String
    let source: String
    let value: EvalNode
    let reads: [ExpressionCompiler.Read]
    /// Reason code used when the characteristic costs the applicant points.
    let reason: String
    /// The reason with its texts, built once.
    let reasonText: Reason
    /// Points when the value is missing.
    let missingPoints: Int?
    let bands: [Band]
    /// The bands as plain data for numeric values: matching them copies nothing reference-counted.
    let numericBands: [NumericBand]
    /// Whether the value is a number (checked when the policy compiled).
    let isNumeric: Bool
    /// The most points the characteristic can give.
    let maxPoints: Int
    let location: SourceLocation

    init(
        name: String, source: String, value: Expression, reads: [ExpressionCompiler.Read], reason: Reason,
        missingPoints: Int?, bands: [Band], maxPoints: Int, location: SourceLocation, isNumeric: Bool
    ) {
        self.isNumeric = isNumeric
        self.name = name
        self.source = source
        self.value = value.lowered()
        self.reads = reads
        self.reason = reason.code
        self.reasonText = reason
        self.numericBands = bands.map { band in
            var equals: ExactDecimal?
            if case .number(let x) = band.equals { equals = x }
            return NumericBand(lower: band.lower, upper: band.upper, equals: equals, points: band.points)
        }
        self.missingPoints = missingPoints
        self.bands = bands
        self.maxPoints = maxPoints
        self.location = location
    }

    /// Points for this application: the first matching band's, or `missingPoints` when the
    /// value is missing. Numbers take a path that never boxes the value; the value itself is
    /// returned only when asked for (traces).
    @inline(__always)
    func score(_ c: Context, keepValue: Bool) throws(ArithmeticError) -> (points: Int, band: Int?, value: Value) {
        if isNumeric && !keepValue {
            guard let x = try value.number(c) else { return (missingPoints ?? 0, nil, .null) }
            let (p, b) = numericBands.withUnsafeBufferPointer { bands -> (Int, Int?) in
                for i in 0..<bands.count where bands[i].matches(x) { return (bands[i].points, i) }
                return (0, nil)
            }
            return (p, b, .null)
        }
        let v = try value.value(c)
        let (p, b) = points(for: v)
        return (p, b, v)
    }

    /// Points for a value: the first matching band's, or `missingPoints` for a missing value.
    @inline(__always)
    func points(for value: Value) -> (points: Int, band: Int?) {
        if case .null = value { return (missingPoints ?? 0, nil) }
        if case .number(let x) = value {
            return numericBands.withUnsafeBufferPointer { bands in
                for i in 0..<bands.count where bands[i].matches(x) { return (bands[i].points, i) }
                return (0, nil)
            }
        }
        for i in bands.indices where bands[i].matches(value) { return (bands[i].points, i) }
        return (0, nil)
    }
}

/// A band over numbers, as plain data.
struct NumericBand: Sendable {
    var lower: Band.Bound?
    var upper: Band.Bound?
    var equals: ExactDecimal?
    var points: Int

    @inline(__always)
    func matches(_ x: ExactDecimal) -> Bool {
        if let equals, ExactDecimal.compare(equals, x) != 0 { return false }
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
        // Only when every bounded band points the same way (all ascending `below`/`max`, or all
        // descending `above`/`min`) does "after the previous band" mean one clean bound; with
        // mixed directions the band's own condition is shown as written.
        let bounded = bands.filter { $0.lower != nil || $0.upper != nil }
        let ascending = bounded.allSatisfy { $0.lower == nil && $0.upper != nil }
        let descending = bounded.allSatisfy { $0.upper == nil && $0.lower != nil }
        var result = bands
        for i in result.indices.dropFirst() {
            let previous = result[i - 1]
            if ascending, result[i].lower == nil, result[i].equals == nil, let u = previous.upper ?? previous.effectiveUpper {
                result[i].effectiveLower = Bound(value: u.value, inclusive: !u.inclusive)
            }
            if descending, result[i].upper == nil, result[i].equals == nil, let l = previous.lower ?? previous.effectiveLower {
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
final class Tier: Sendable {
    let name: String
    /// Points needed; `nil` for the last, catch-all tier.
    let minPoints: Int?
    let terms: PaymentTerms
    let limitSource: String
    let limit: EvalNode
    let limitReads: [ExpressionCompiler.Read]
    let rounding: RoundingRule
    let roundingUnit: ExactDecimal
    let location: SourceLocation
    /// Values the limit and referral rules read, prepared once.
    let nameValue: Value
    let termsCodeValue: Value
    let netDaysValue: ExactDecimal

    init(
        name: String, minPoints: Int?, terms: PaymentTerms, limitSource: String, limit: Expression, limitReads: [ExpressionCompiler.Read],
        rounding: RoundingRule, roundingUnit: ExactDecimal, location: SourceLocation
    ) {
        self.name = name
        self.minPoints = minPoints
        self.terms = terms
        self.limitSource = limitSource
        self.limit = limit.lowered()
        self.limitReads = limitReads
        self.rounding = rounding
        self.roundingUnit = roundingUnit
        self.location = location
        self.nameValue = .string(name)
        self.termsCodeValue = .string(terms.code)
        self.netDaysValue = ExactDecimal(terms.netDays)
    }
}

/// When an approval counts as adverse action, and which codes explain it.
struct AdverseActionRules: Sendable {
    /// The amount the applicant asked for.
    var requestedLimit: EvalNode?
    /// Reason used when the granted limit is below the request.
    var limitReason: Reason?
    /// Reason used for deposit terms when no characteristic explains them.
    var termsReason: Reason?
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

/// `applies_to`: the condition and priority by which this policy claims an application.
final class PolicySelector: Sendable {
    let priority: Int
    let source: String
    let condition: EvalNode

    init(priority: Int, source: String, condition: Expression) {
        self.priority = priority
        self.source = source
        self.condition = condition.lowered()
    }
}

/// What picking counteroffer factors reads, as plain numbers: each characteristic's maximum
/// points and reason, and the limit and terms reasons, with each reason code numbered once.
/// Picking then compares integers instead of copying ``Reason`` values (several strings each)
/// and retaining characteristics.
struct FactorTable: Sendable {
    let maxPoints: [Int]
    /// A number per distinct reason code, by characteristic.
    let reasonIDs: [Int]
    /// The limit reason's and the terms reason's numbers (-1 when the policy has none).
    let limitReasonID: Int
    let termsReasonID: Int

    init(scorecard: [Characteristic], adverseAction: AdverseActionRules) {
        var ids: [String: Int] = [:]
        func id(_ code: String) -> Int {
            if let known = ids[code] { return known }
            ids[code] = ids.count
            return ids.count - 1
        }
        maxPoints = scorecard.map(\.maxPoints)
        reasonIDs = scorecard.map { id($0.reason) }
        limitReasonID = adverseAction.limitReason.map { id($0.code) } ?? -1
        termsReasonID = adverseAction.termsReason.map { id($0.code) } ?? -1
    }

    /// The reason number a factor gives.
    @inline(__always)
    func reasonID(of source: Int) -> Int {
        switch source {
        case Verdict.Factor.limitReason: limitReasonID
        case Verdict.Factor.termsReason: termsReasonID
        default: reasonIDs[source]
        }
    }
}

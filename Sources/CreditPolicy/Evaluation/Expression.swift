/// A compiled, type-checked expression: names resolved to input slots, constants folded.
indirect enum Expression: Sendable {
    case constant(Value)
    /// A declared input, by slot.
    case input(Int)
    /// A value the engine computed before this expression runs.
    case computed(ComputedValue)
    /// One field of every element of a list input: `trade_references[].on_time_pct`.
    case each(list: Int, field: Int)
    case list([Expression])
    case not(Expression)
    case negate(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case arithmetic(ArithmeticOperator, Expression, Expression)
    case order(OrderOperator, Expression, Expression)
    case equal(Expression, Expression, negated: Bool)
    case member(Expression, Expression, negated: Bool)
    case call(Function, [Expression])
}

/// Values the engine computes and later rules may read.
enum ComputedValue: String, Sendable, CaseIterable {
    case points
    case tier
    case limit
    case termsCode = "terms.code"
    case netDays = "terms.net_days"
    case depositPct = "terms.deposit_pct"

    var type: ValueType {
        switch self {
        case .points, .limit, .netDays, .depositPct: .number
        case .tier, .termsCode: .string
        }
    }

    /// Whether the value exists when tier limits are computed (the limit itself does not).
    var knownForLimits: Bool { self != .limit }
}

enum ArithmeticOperator: Sendable { case add, subtract, multiply, divide }
enum OrderOperator: Sendable { case less, lessOrEqual, greater, greaterOrEqual }

/// Built-in functions of the policy language.
enum Function: String, Sendable, CaseIterable {
    case min, max, floor, ceil, round, abs, count, sum, avg, coalesce
}

/// A failure while evaluating: only arithmetic can fail once a policy compiled.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong (`overflow`, `division by zero`).
    public var problem: String
    /// The rule, characteristic or tier whose expression failed.
    public var rule: String

    /// `rule: problem`.
    public var description: String { "\(rule): \(problem)" }
}

/// A half-open range of UTF-8 offsets inside an expression's text.
public struct Span: Sendable, Hashable {
    /// First byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int
}

/// An expression as written, before name resolution and type checking.
indirect enum Syntax: Sendable {
    case number(ExactDecimal, Span)
    case string(String, Span)
    case bool(Bool, Span)
    case null(Span)
    case list([Syntax], Span)
    /// A field path: `applicant.country`, `trade_references[].on_time_pct`, `tier`.
    case path([PathComponent], Span)
    case call(String, [Syntax], Span)
    case unary(UnaryOperator, Syntax, Span)
    case binary(BinaryOperator, Syntax, Syntax, Span)

    var span: Span {
        switch self {
        case .number(_, let s), .string(_, let s), .bool(_, let s), .null(let s), .list(_, let s),
            .path(_, let s), .call(_, _, let s), .unary(_, _, let s), .binary(_, _, _, let s):
            return s
        }
    }
}

/// One step of a field path.
struct PathComponent: Sendable, Hashable {
    var name: String
    /// True for `name[]`: every element of a list.
    var each: Bool
}

enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or
    case `in` = "in", notIn = "not in"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn: true
        default: false
        }
    }
}

/// A mistake in one expression, located by byte offset in its text.
struct ExpressionError: Error, Sendable {
    var code: DiagnosticCode
    var message: String
    var offset: Int
}

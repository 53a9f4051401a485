/// A value while a policy is evaluated: inputs bound to slots, intermediate results.
enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(ExactDecimal)
    case string(String)
    case list([Value])
    /// One element of a list-of-objects input: its declared item fields by index.
    case record([Value])

    /// The same value as JSON, for traces and explanations.
    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(\.json))
        case .record(let fields): .array(fields.map(\.json))
        }
    }
}

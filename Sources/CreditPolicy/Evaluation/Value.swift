/// A value while a policy is evaluated: inputs bound to slots, intermediate results.
enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(ExactDecimal)
    case string(String)
    case list([Value])
    /// A list-of-objects input: `count` elements of `width` declared item fields each, row
    /// by row in one array (one allocation per list, not one per element).
    case records(count: Int, width: Int, fields: [Value])

    /// The same value as JSON, for traces and explanations.
    var json: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let n): .number(n)
        case .string(let s): .string(s)
        case .list(let items): .array(items.map(\.json))
        case .records(let count, let width, let fields):
            .array((0..<count).map { row in .array(fields[(row * width)..<(row * width + width)].map(\.json)) })
        }
    }
}

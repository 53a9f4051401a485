/// The static type of an expression, checked when a policy is compiled.
struct ValueType: Sendable, Equatable, CustomStringConvertible {
    indirect enum Kind: Sendable, Equatable {
        case number, string, bool
        /// The literal `null`: compatible with any nullable type.
        case nothing
        case list(Kind)
        case record
    }

    var kind: Kind
    /// True when the value may be missing at run time (an optional input, the average of an empty list…).
    var nullable: Bool

    static let number = ValueType(kind: .number, nullable: false)
    static let string = ValueType(kind: .string, nullable: false)
    static let bool = ValueType(kind: .bool, nullable: false)

    var orNull: ValueType { ValueType(kind: kind, nullable: true) }
    var nonNull: ValueType { ValueType(kind: kind, nullable: false) }

    var description: String {
        let base = Self.describe(kind)
        return nullable && kind != .nothing ? "\(base) (possibly missing)" : base
    }

    static func describe(_ kind: Kind) -> String {
        switch kind {
        case .number: "a number"
        case .string: "text"
        case .bool: "a condition (true/false)"
        case .nothing: "null"
        case .list(.number): "a list of numbers"
        case .list(.string): "a list of text"
        case .list(.bool): "a list of conditions"
        case .list(.record): "a list of objects"
        case .list: "a list"
        case .record: "an object"
        }
    }
}

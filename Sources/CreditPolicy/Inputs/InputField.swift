/// One declared input of a policy: a field path in the application, its type and constraints.
public struct InputField: Sendable {
    /// The declared type of an input.
    public enum Kind: String, Sendable, CaseIterable {
        /// Text.
        case string
        /// A whole number.
        case integer
        /// An exact decimal number.
        case decimal
        /// `true` or `false`.
        case boolean
        /// A list of objects whose fields are declared in ``InputField/items``.
        case list
    }

    /// Dotted path from the application root (`bureau.score`); for a list item field, its name.
    public var path: String
    /// The declared type.
    public var kind: Kind
    /// Whether the application must supply it (default `true`).
    public var required: Bool = true
    /// Smallest allowed number.
    public var minimum: ExactDecimal?
    /// Largest allowed number.
    public var maximum: ExactDecimal?
    /// Most decimal places allowed for a decimal.
    public var maxDecimals: Int?
    /// The allowed values, when the input is an enumeration.
    public var allowed: [JSONValue]?
    /// Longest allowed text, in characters.
    public var maxLength: Int?
    /// Fewest list elements.
    public var minItems: Int?
    /// Most list elements; lists are always bounded (default 100) so evaluation cost is bounded.
    public var maxItems: Int?
    /// The fields of each element, for a list.
    public var items: [InputField] = []
    /// Where the input is declared.
    public var location: SourceLocation
    /// Index of the value in the bound input slots (or in the item record).
    var slot: Int = 0

    /// The static type expressions see.
    var valueType: ValueType {
        let kind: ValueType.Kind
        switch self.kind {
        case .string: kind = .string
        case .integer, .decimal: kind = .number
        case .boolean: kind = .bool
        case .list: kind = .list(.record)
        }
        return ValueType(kind: kind, nullable: !required)
    }

    /// Default bound on list length when a policy sets none.
    public static let defaultMaxItems = 100
    /// Default bound on text length when a policy sets none.
    public static let defaultMaxLength = 1_000
}

/// The declared inputs of a policy, with the tree used to find them in a document.
public struct InputSchema: Sendable {
    /// Top-level inputs, in declaration order.
    public var fields: [InputField]

    /// A node in the tree of declared paths.
    indirect enum Node: Sendable {
        case object([(key: String, node: Node)])
        case field(Int)  // index into `fields`
    }

    var root: Node

    /// Finds a top-level input by dotted path.
    public func field(_ path: String) -> InputField? {
        fields.first { $0.path == path }
    }
}

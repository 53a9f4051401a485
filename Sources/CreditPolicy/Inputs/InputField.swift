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

    /// A node in the tree of declared paths: an object with children, or a declared field.
    /// A class so that walking it per application retains nothing per field.
    final class Node: Sendable {
        /// The path of this node from the root (for error messages).
        let keys: [String]
        /// Member names of an object node's children, in declaration order.
        let childKeys: [String]
        /// The children, parallel to `childKeys`.
        let childNodes: [Node]
        /// The declared field at this node, with its slot.
        let field: FieldRule?
        /// Position in a depth-first walk of the tree: errors are reported in this order.
        let order: Int
        /// Slots of every field at or below this node.
        let slotsBelow: [Int]

        init(keys: [String], children: [(key: String, node: Node)], field: FieldRule?, order: Int) {
            self.keys = keys
            self.childKeys = children.map(\.key)
            self.childNodes = children.map(\.node)
            self.field = field
            self.order = order
            self.slotsBelow = field.map { [$0.slot] } ?? children.flatMap(\.node.slotsBelow)
        }
    }

    /// A declared field compiled for validation: constraints without copies of the declaration.
    final class FieldRule: Sendable {
        let keys: [String]
        let kind: InputField.Kind
        let required: Bool
        let slot: Int
        let minimum: ExactDecimal?
        let maximum: ExactDecimal?
        let maxDecimals: Int?
        let allowed: [JSONValue]?
        let maxLength: Int
        let minItems: Int?
        let maxItems: Int
        let items: [FieldRule]
        /// The field's own name (for list item fields).
        let name: String
        /// Walk order (see ``Node/order``).
        let order: Int

        init(_ field: InputField, order: Int = 0) {
            name = field.path
            self.order = order
            keys = field.path.split(separator: ".").map(String.init)
            kind = field.kind
            required = field.required
            slot = field.slot
            minimum = field.minimum
            maximum = field.maximum
            maxDecimals = field.maxDecimals
            allowed = field.allowed
            maxLength = field.maxLength ?? InputField.defaultMaxLength
            minItems = field.minItems
            maxItems = field.maxItems ?? InputField.defaultMaxItems
            items = field.items.map { FieldRule($0) }
        }
    }

    let root: Node
    /// The same tree as plain data, for the JSON reader.
    let flat: FlatSchema

    init(fields: [InputField], root: Node) {
        self.fields = fields
        self.root = root
        self.flat = FlatSchema(root: root)
    }

    /// Finds a top-level input by dotted path.
    public func field(_ path: String) -> InputField? {
        fields.first { $0.path == path }
    }
}

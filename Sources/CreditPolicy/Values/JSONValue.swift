/// A JSON (or YAML) document value whose numbers are exact decimals.
///
/// Objects keep their members in document order; keys are unique (the parser refuses
/// duplicates, because two readers could disagree on which one counts).
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, exactly as written.
    case number(ExactDecimal)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in document order.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// Creates a member.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The member named `key`, when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// A word for the value's kind, used in error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    /// Returns a copy with the value at a dotted `path` (`bureau.score`) replaced, creating
    /// objects along the way. Used by policy test cases to vary one field of a base application.
    public func setting(_ path: ArraySlice<Substring>, to newValue: JSONValue) -> JSONValue {
        guard let head = path.first else { return newValue }
        var members: [Member]
        if case .object(let existing) = self { members = existing } else { members = [] }
        let key = String(head)
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = members[index].value.setting(path.dropFirst(), to: newValue)
        } else {
            members.append(Member(key, JSONValue.null.setting(path.dropFirst(), to: newValue)))
        }
        return .object(members)
    }

    /// Returns a copy without the member at a dotted `path`.
    public func removing(_ path: ArraySlice<Substring>) -> JSONValue {
        guard let head = path.first, case .object(var members) = self else { return self }
        let key = String(head)
        guard let index = members.firstIndex(where: { $0.key == key }) else { return self }
        if path.count == 1 {
            members.remove(at: index)
        } else {
            members[index].value = members[index].value.removing(path.dropFirst())
        }
        return .object(members)
    }
}

extension CanonicalValue: ExpressibleByStringLiteral {
    /// A string value.
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension CanonicalValue: ExpressibleByIntegerLiteral {
    /// An integer value (canonical only within ±``CanonicalValue/maxSafeInteger``).
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension CanonicalValue: ExpressibleByBooleanLiteral {
    /// A boolean value.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension CanonicalValue: ExpressibleByArrayLiteral {
    /// An array value.
    public init(arrayLiteral elements: CanonicalValue...) {
        self = .array(elements)
    }
}

extension CanonicalValue: ExpressibleByDictionaryLiteral {
    /// An object value; a repeated key is a programming error and traps, as for `Dictionary`.
    public init(dictionaryLiteral elements: (String, CanonicalValue)...) {
        self = .object(Dictionary(uniqueKeysWithValues: elements))
    }
}

extension CanonicalValue: ExpressibleByNilLiteral {
    /// `null`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

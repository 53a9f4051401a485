/// One bad or missing field of an application.
public struct InputError: Sendable, Hashable, CustomStringConvertible {
    /// Stable kind of problem.
    public enum Code: String, Sendable {
        /// A required field is absent.
        case required
        /// A field has the wrong JSON type.
        case type
        /// A number below the declared minimum.
        case minimum
        /// A number above the declared maximum.
        case maximum
        /// A number with more decimal places than allowed, or a fraction where a whole number belongs.
        case precision
        /// A value not among the declared ones.
        case notAllowed = "not_allowed"
        /// Text too long, or a list with too few or too many elements.
        case length
    }

    /// RFC 6901 JSON pointer to the field (`/bureau/score`, `/trade_references/1/on_time_pct`).
    public var pointer: String
    /// The same place as a JSON path (`$.bureau.score`, `$.trade_references[1].on_time_pct`).
    public var path: String
    /// Kind of problem.
    public var code: Code
    /// What is wrong, in words, without echoing the submitted value.
    public var message: String

    /// `$.path: message`.
    public var description: String { "\(path): \(message)" }
}

/// The error for an application that fails validation: every bad field, in document order.
public struct InputErrors: Error, Sendable, Hashable, CustomStringConvertible {
    /// All problems found.
    public var errors: [InputError]

    /// One line per problem.
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

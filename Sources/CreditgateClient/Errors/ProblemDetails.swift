/// An RFC 9457 problem as the server sends it (`application/problem+json`).
public struct ProblemDetails: Codable, Hashable, Sendable {
    /// One bad field of a 422.
    public struct FieldError: Codable, Hashable, Sendable {
        /// JSON pointer into the request body, e.g. `/limit`.
        public var pointer: String
        /// What is wrong with it.
        public var detail: String

        /// Creates a field error.
        public init(pointer: String, detail: String) {
            self.pointer = pointer
            self.detail = detail
        }

        enum CodingKeys: String, CodingKey {
            case pointer, detail, message
        }

        /// Decodes `{pointer, detail}`; `message` is taken when `detail` is missing (the
        /// engine's input errors use it).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            pointer = try c.decodeIfPresent(String.self, forKey: .pointer) ?? ""
            detail =
                try c.decodeIfPresent(String.self, forKey: .detail)
                ?? c.decodeIfPresent(String.self, forKey: .message) ?? ""
        }

        /// Encodes `{pointer, detail}`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(pointer, forKey: .pointer)
            try c.encode(detail, forKey: .detail)
        }
    }

    /// `urn:creditgate:problem:SLUG` (or just the slug).
    public var type: String?
    /// Short summary for the status.
    public var title: String?
    /// The HTTP status.
    public var status: Int?
    /// One sentence: what happened and what to change.
    public var detail: String?
    /// Every bad field, for 422.
    public var errors: [FieldError]?

    /// Creates a problem.
    public init(
        type: String? = nil, title: String? = nil, status: Int? = nil, detail: String? = nil,
        errors: [FieldError]? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.errors = errors
    }

    /// The last part of `type`: `urn:creditgate:problem:four-eyes` → `four-eyes`.
    public var slug: String? {
        guard let type else { return nil }
        return type.split(separator: ":").last.map(String.init) ?? type
    }
}

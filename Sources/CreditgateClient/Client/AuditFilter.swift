/// Which audit entries to read (`GET /v1/audit` and its export): every filter is optional and
/// they all apply together.
public struct AuditFilter: Hashable, Sendable {
    /// Entries at or after this RFC 3339 time.
    public var from: String?
    /// Entries before this RFC 3339 time.
    public var to: String?
    /// Only this actor, e.g. `key:key_7748c2553f11`, `system`, `cli:root`.
    public var actor: String?
    /// Only this action, e.g. `application.decided`.
    public var action: String?
    /// Only subjects of this type, e.g. `application`.
    public var subjectType: String?
    /// Only this subject, e.g. `app_…`.
    public var subjectID: String?
    /// Only entries after this seq (the server's `next_cursor`).
    public var after: String?

    /// Creates a filter; no arguments means the whole log.
    public init(
        from: String? = nil, to: String? = nil, actor: String? = nil, action: String? = nil,
        subjectType: String? = nil, subjectID: String? = nil, after: String? = nil
    ) {
        self.from = from
        self.to = to
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.after = after
    }

    /// The query parameters, in the order the API documents them; unset filters are left out.
    public var queryItems: [OfficerRequest.QueryItem] {
        let pairs: [(String, String?)] = [
            ("from", from), ("to", to), ("actor", actor), ("action", action), ("subject_type", subjectType),
            ("subject_id", subjectID), ("after", after),
        ]
        return pairs.compactMap { name, value in value.map { OfficerRequest.QueryItem(name, $0) } }
    }
}

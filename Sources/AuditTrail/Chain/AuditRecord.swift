/// The fields of an entry before it joins the chain.
public struct AuditRecord: Sendable, Hashable {
    /// When it happened: microseconds since 1970-01-01T00:00:00Z, UTC.
    public var timeMicros: Int64
    /// Who did it, e.g. `"key:3f2a…"`, `"officer:alice"`, `"system"`.
    public var actor: String
    /// What was done, e.g. `"application.decided"`.
    public var action: String
    /// The kind of thing it was done to, e.g. `"application"`.
    public var subjectType: String
    /// Which one.
    public var subjectID: String
    /// Details; must pass ``CanonicalJSON/validate(_:)`` (see ``AuditChain/append(_:after:)``).
    public var payload: CanonicalValue

    /// Creates a record.
    public init(
        timeMicros: Int64, actor: String, action: String, subjectType: String, subjectID: String, payload: CanonicalValue = [:]
    ) {
        self.timeMicros = timeMicros
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.payload = payload
    }
}

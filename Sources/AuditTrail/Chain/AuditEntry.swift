/// One link of the chain as stored (one row of the audit table).
public struct AuditEntry: Sendable, Hashable {
    /// Position in the log: 1, 2, 3, … with no gaps.
    public var seq: Int64
    /// Microseconds since 1970-01-01T00:00:00Z, UTC.
    public var timeMicros: Int64
    /// Who did it.
    public var actor: String
    /// What was done.
    public var action: String
    /// The kind of thing it was done to.
    public var subjectType: String
    /// Which one.
    public var subjectID: String
    /// Canonical JSON text of the payload, stored and hashed as is.
    public var payloadJSON: String
    /// The previous entry's ``hash`` (64 lowercase hex characters); ``AuditChain/genesisHash`` for seq 1.
    public var previousHash: String
    /// Lowercase hex SHA-256 of this entry's hashing document (see ``AuditChain/hash(seq:timeMicros:actor:action:subjectType:subjectID:payloadJSON:previousHash:)``).
    public var hash: String

    /// Creates an entry from its stored columns.
    public init(
        seq: Int64, timeMicros: Int64, actor: String, action: String, subjectType: String, subjectID: String, payloadJSON: String,
        previousHash: String, hash: String
    ) {
        self.seq = seq
        self.timeMicros = timeMicros
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.payloadJSON = payloadJSON
        self.previousHash = previousHash
        self.hash = hash
    }
}

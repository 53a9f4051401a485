/// Which audit entries to read: every filter is optional and they combine; entries come in
/// log order, after a cursor.
public struct AuditQuery: Sendable, Hashable {
    /// Only entries at or after this time, microseconds since the Unix epoch.
    public var fromMicros: Int64?
    /// Only entries before this time.
    public var toMicros: Int64?
    /// Only entries by this actor (`officer:alice`, `key:key_…`, `system`…).
    public var actor: String?
    /// Only entries with this action (`application.decided`, `review.approved`…).
    public var action: String?
    /// Only entries about this kind of subject (`application`, `review`, `customer`…).
    public var subjectType: String?
    /// Only entries about this subject id.
    public var subjectID: String?
    /// The cursor: only entries with a higher seq.
    public var afterSeq: Int64
    /// At most this many.
    public var limit: Int

    /// Creates a query.
    public init(
        fromMicros: Int64? = nil, toMicros: Int64? = nil, actor: String? = nil, action: String? = nil,
        subjectType: String? = nil, subjectID: String? = nil, afterSeq: Int64 = 0, limit: Int = 100
    ) {
        self.fromMicros = fromMicros
        self.toMicros = toMicros
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.afterSeq = afterSeq
        self.limit = limit
    }
}

/// A signed checkpoint of the audit log as stored.
public struct CheckpointRecord: Sendable, Hashable {
    /// The log size it covers (its head seq).
    public var size: Int64
    /// The head hash at that size.
    public var headHash: String
    /// The signing key's id.
    public var keyID: String
    /// The signed checkpoint text, exactly as signed and exported.
    public var signedText: String
    /// When it was made, microseconds since the Unix epoch.
    public var createdAtMicros: Int64

    /// Creates a checkpoint record.
    public init(size: Int64, headHash: String, keyID: String, signedText: String, createdAtMicros: Int64) {
        self.size = size
        self.headHash = headHash
        self.keyID = keyID
        self.signedText = signedText
        self.createdAtMicros = createdAtMicros
    }
}

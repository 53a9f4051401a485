import Foundation

/// One entry of the audit log as `GET /v1/audit/{seq}` answers it: who did what to which
/// subject, its payload, and the hashes that chain it to the entry before.
public struct AuditLogEntry: Codable, Hashable, Sendable {
    /// The position in the log, from 1.
    public var seq: Int64
    /// When, as the server wrote it (RFC 3339 UTC with microseconds).
    public var time: String
    /// Who: `key:key_…`, `system`, `cli:root`, …
    public var actor: String
    /// What, e.g. `application.decided`.
    public var action: String
    /// The kind of subject, e.g. `application`.
    public var subjectType: String
    /// The subject's id.
    public var subjectID: String
    /// The details, a JSON object.
    public var payload: JSONNode
    /// The hash of the entry before (64 zeros for the first).
    public var previousHash: String
    /// This entry's hash.
    public var hash: String

    /// Creates an entry.
    public init(
        seq: Int64, time: String, actor: String, action: String, subjectType: String, subjectID: String,
        payload: JSONNode, previousHash: String, hash: String
    ) {
        self.seq = seq
        self.time = time
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.payload = payload
        self.previousHash = previousHash
        self.hash = hash
    }

    /// ``time`` as a date, when it is RFC 3339.
    public var date: Date? { WireDates.parse(time) }

    /// `application:app_…`.
    public var subject: String { "\(subjectType):\(subjectID)" }

    enum CodingKeys: String, CodingKey {
        case seq, time, actor, action
        case subjectType = "subject_type"
        case subjectID = "subject_id"
        case payload
        case previousHash = "prev_hash"
        case hash
    }
}

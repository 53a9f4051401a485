/// A page of the audit log (`GET /v1/audit`) and where the next one starts.
public struct AuditLogPage: Codable, Hashable, Sendable {
    /// The entries, oldest first.
    public var entries: [AuditLogEntry]
    /// The `after` value for the next page; `nil` on the last page.
    public var nextCursor: String?

    /// Creates a page.
    public init(entries: [AuditLogEntry], nextCursor: String? = nil) {
        self.entries = entries
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case entries
        case nextCursor = "next_cursor"
    }
}

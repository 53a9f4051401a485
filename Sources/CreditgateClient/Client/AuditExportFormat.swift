/// The formats of `GET /v1/audit/export`.
public enum AuditExportFormat: String, Hashable, Sendable, CaseIterable {
    /// One entry per line, each the JSON object `GET /v1/audit/{seq}` answers.
    case ndjson
    /// RFC 4180: a header, then one row per entry, CRLF line ends, the payload as JSON text.
    case csv
}

extension OfficerRequest {
    /// The largest page `GET /v1/audit` gives.
    public static let maxAuditPage = 1_000

    /// `GET /v1/audit`: a page of entries, oldest first, after `filter.after`.
    /// - Parameter limit: 1–1000 entries (the server's default is 100).
    public static func auditEntries(_ filter: AuditFilter, limit: Int? = nil) -> OfficerRequest {
        var query = filter.queryItems
        if let limit { query.append(QueryItem("limit", String(limit))) }
        return OfficerRequest(.get, ["v1", "audit"], query: query)
    }

    /// `GET /v1/audit/{seq}`.
    public static func auditEntry(seq: Int64) -> OfficerRequest {
        OfficerRequest(.get, ["v1", "audit", String(seq)])
    }

    /// `GET /v1/audit/export?format=…`: every matching entry, streamed.
    public static func auditExport(_ filter: AuditFilter, format: AuditExportFormat) -> OfficerRequest {
        OfficerRequest(
            .get, ["v1", "audit", "export"], query: [QueryItem("format", format.rawValue)] + filter.queryItems)
    }

    /// `GET /v1/applications/{id}/replay`.
    public static func replay(applicationID: String) -> OfficerRequest {
        OfficerRequest(.get, ["v1", "applications", applicationID, "replay"])
    }
}

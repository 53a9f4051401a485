extension CreditgateClient {
    /// A page of the audit log, oldest first, after `filter.after`.
    /// - Parameter limit: 1–1000 entries (the server's default is 100).
    public func auditPage(_ filter: AuditFilter, limit: Int? = nil) async throws(ClientError) -> Answer<AuditLogPage> {
        try await send(.auditEntries(filter, limit: limit), as: AuditLogPage.self)
    }

    /// Reads page after page, from `filter.after` until a page has no `next_cursor`, handing
    /// each answer to `each` as it arrives.
    /// - Parameter pageSize: 2–1000: each page read is itself logged, so pages of one entry
    ///   would never reach the end.
    public func everyAuditPage(
        _ filter: AuditFilter, pageSize: Int, _ each: (Answer<AuditLogPage>) throws(ClientError) -> Void
    ) async throws(ClientError) {
        var filter = filter
        while true {
            let answer = try await auditPage(filter, limit: pageSize)
            try each(answer)
            guard let next = answer.value.nextCursor else { return }
            guard next != filter.after else {
                throw ClientError(.unavailable, "the server gave the cursor \(next) twice; stopped following pages")
            }
            filter.after = next
        }
    }

    /// One audit entry by its seq.
    public func auditEntry(seq: Int64) async throws(ClientError) -> Answer<AuditLogEntry> {
        try await send(.auditEntry(seq: seq), as: AuditLogEntry.self)
    }

    /// Every engine decision on an application replayed and compared with the stored one.
    public func replay(applicationID: String) async throws(ClientError) -> Answer<ReplayReport> {
        try await send(.replay(applicationID: applicationID), as: ReplayReport.self)
    }

    /// Streams the matching entries to `destination` in `format`, never holding the whole
    /// export: a file appears only once every byte has arrived.
    /// - Throws: ``ClientError``: `unavailable` when the server breaks off (no file is left),
    ///   `configuration` when the file cannot be written.
    public func exportAudit(
        _ filter: AuditFilter, format: AuditExportFormat, to destination: ExportDestination
    ) async throws(ClientError) -> ExportTally {
        let request = OfficerRequest.auditExport(filter, format: format)
        let accept = "\(format == .csv ? "text/csv" : "application/x-ndjson"), application/problem+json"
        var tally = ExportTally()
        switch destination {
        case .standardOutput:
            let output = DescriptorWriter(descriptor: 1, name: "standard output")
            _ = try await stream(request, accept: accept) { (chunk) throws(ClientError) in
                try output.write(chunk)
                tally.add(chunk)
            }
        case .file(let path):
            let file = try PendingFile(path: path)
            do {
                _ = try await stream(request, accept: accept) { (chunk) throws(ClientError) in
                    try file.write(chunk)
                    tally.add(chunk)
                }
                try file.commit()
            } catch {
                file.discard()
                var error = error
                if error.kind != .configuration { error.message += "; \(path) was not written" }
                throw error
            }
        }
        return tally
    }
}

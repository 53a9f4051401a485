import CreditPolicy
import HTTPTypes
import Hummingbird
import Onboarding
import Store

/// The auditors' routes: the log (filtered, paged, exported) and decision replay.
extension Routes {
    func registerAuditRoutes(on router: Router<CreditgateRequestContext>) {
        router.get("/v1/audit") { request, context in
            let key = try context.require(.auditor)
            let query = try Self.auditQuery(request, defaultLimit: 100, maxLimit: 1_000)
            return json(.ok, try await onboarding.auditPageJSON(query, reader: "key:\(key.id)"))
        }
        router.get("/v1/audit/export") { request, context in
            let key = try context.require(.auditor)
            let query = try Self.auditQuery(request, defaultLimit: Int.max, maxLimit: 100_000_000)
            let format = request.uri.queryParameters.get("format") ?? "ndjson"
            guard format == "ndjson" || format == "csv" else {
                throw Self.invalidParameters([.init(pointer: "/format", detail: "must be ndjson or csv")])
            }
            try await onboarding.recordAuditAccess("audit.exported", query: query, count: nil, reader: "key:\(key.id)")
            let store = onboarding.store
            let total = query.limit
            let contentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson"
            let body = ResponseBody { writer in
                var query = query
                if format == "csv" { try await writer.write(ByteBuffer(string: Onboarding.auditCSVHeader)) }
                var written = 0
                while written < total {
                    query.limit = min(5_000, total - written)
                    let page = try await store.auditEntries(query)
                    guard let last = page.last else { break }
                    var buffer = ByteBuffer()
                    for entry in page {
                        buffer.writeString(format == "csv" ? Onboarding.csvRow(entry) : Onboarding.ndjsonLine(entry))
                    }
                    try await writer.write(buffer)
                    written += page.count
                    query.afterSeq = last.seq
                    if page.count < query.limit { break }
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [
                    .contentType: contentType,
                    .contentDisposition: "attachment; filename=\"creditgate-audit.\(format)\"",
                ], body: body)
        }
        router.get("/v1/audit/:seq") { _, context in
            let key = try context.require(.auditor)
            let text = try context.parameters.require("seq")
            guard text.utf8.allSatisfy({ (48...57).contains($0) }), let seq = Int64(text), seq >= 1 else {
                throw OnboardingError.notFound(kind: "audit entry", id: text)
            }
            return json(.ok, try await onboarding.auditEntryJSON(seq: seq, reader: "key:\(key.id)"))
        }
        router.get("/v1/audit/checkpoints") { request, context in
            try context.require(.auditor)
            var after: Int64 = 0
            if let text = request.uri.queryParameters.get("after") {
                guard let value = Int64(text), value >= 0 else {
                    throw Self.invalidParameters([.init(pointer: "/after", detail: "must be a log size (0 or more)")])
                }
                after = value
            }
            let checkpoints = try await onboarding.store.checkpoints(afterSize: after, limit: 1_000)
            var w = JSONWriter(capacity: 256 + checkpoints.count * 512)
            w.beginObject()
            w.key("checkpoints")
            w.beginArray()
            for checkpoint in checkpoints {
                w.beginObject()
                w.key("size")
                w.int(Int(checkpoint.size))
                w.key("head_hash")
                w.string(checkpoint.headHash)
                w.key("key_id")
                w.string(checkpoint.keyID)
                w.key("created_at")
                w.timestamp(Timestamp(microseconds: checkpoint.createdAtMicros))
                w.key("signed")
                w.string(checkpoint.signedText)
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return json(.ok, w.string)
        }
        router.get("/v1/applications/:id/replay") { _, context in
            try context.require(.auditor, .admin)
            let result = try await onboarding.replayJSON(applicationID: try context.parameters.require("id"))
            return json(.ok, result.json)
        }
    }

    /// The filters and cursor of `GET /v1/audit` and its export, every bad one listed.
    static func auditQuery(_ request: Request, defaultLimit: Int, maxLimit: Int) throws -> AuditQuery {
        let parameters = request.uri.queryParameters
        var problems: [Problem.FieldError] = []
        var query = AuditQuery(limit: defaultLimit)
        query.fromMicros = time(parameters.get("from"), "from", &problems)
        query.toMicros = time(parameters.get("to"), "to", &problems)
        func text(_ name: String) -> String? {
            guard let value = parameters.get(name) else { return nil }
            guard !value.isEmpty, value.utf8.count <= 200 else {
                problems.append(.init(pointer: "/\(name)", detail: "must be 1 to 200 bytes of UTF-8"))
                return nil
            }
            return value
        }
        query.actor = text("actor")
        query.action = text("action")
        query.subjectType = text("subject_type")
        query.subjectID = text("subject_id")
        if let cursor = parameters.get("after") {
            // A seq is at most 2^53 − 1 (what canonical JSON, and so the audit log, can hold).
            if let seq = Int64(cursor), seq >= 0, seq <= 9_007_199_254_740_991 {
                query.afterSeq = seq
            } else {
                problems.append(.init(pointer: "/after", detail: "must be a cursor from next_cursor (a seq)"))
            }
        }
        if let limit = parameters.get("limit") {
            if let n = Int(limit), n >= 1, n <= maxLimit {
                query.limit = n
            } else {
                problems.append(.init(pointer: "/limit", detail: "must be a whole number from 1 to \(maxLimit)"))
            }
        }
        guard problems.isEmpty else { throw invalidParameters(problems) }
        return query
    }
}

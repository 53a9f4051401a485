import AuditTrail
import CreditPolicy
import Store

/// Auditors' use cases: read and export the audit log, and replay decisions.
///
/// Reading the log is itself recorded: every page read or export is an audit entry
/// (`audit.read`, `audit.exported`) naming the reader and the filters, never the content.
extension Onboarding {
    /// A page of the log (`GET /v1/audit`) and the cursor for the next one.
    public func auditPageJSON(_ query: AuditQuery, reader: String) async throws -> String {
        var probe = query
        probe.limit = query.limit + 1
        var entries = try await store.auditEntries(probe)
        let more = entries.count > query.limit
        if more { entries.removeLast() }
        try await recordAuditAccess("audit.read", query: query, count: entries.count, reader: reader)
        var w = JSONWriter(capacity: 256 + entries.count * 700)
        w.beginObject()
        w.key("entries")
        w.beginArray()
        for entry in entries { Self.write(entry, to: &w) }
        w.endArray()
        w.key("next_cursor")
        if more, let last = entries.last { w.string(String(last.seq)) } else { w.null() }
        w.endObject()
        return w.string
    }

    /// One entry (`GET /v1/audit/{seq}`).
    public func auditEntryJSON(seq: Int64, reader: String) async throws -> String {
        guard let entry = try await store.auditEntry(seq: seq) else {
            throw OnboardingError.notFound(kind: "audit entry", id: String(seq))
        }
        try await recordAuditAccess(
            "audit.read", query: AuditQuery(afterSeq: seq - 1, limit: 1), count: 1, reader: reader)
        var w = JSONWriter(capacity: 1024)
        Self.write(entry, to: &w)
        return w.string
    }

    /// Records who read which part of the log (the filters and how many entries, when known
    /// — an export is recorded as it starts; no content).
    public func recordAuditAccess(_ action: String, query: AuditQuery, count: Int?, reader: String) async throws {
        func text(_ value: String?) -> CanonicalValue { value.map { .string($0) } ?? .null }
        // Times as RFC 3339 text: a far-future bound in microseconds is beyond what canonical
        // JSON integers hold (±2^53).
        func time(_ value: Int64?) -> CanonicalValue {
            value.map { .string(Timestamp(microseconds: $0).description) } ?? .null
        }
        try await store.recordEvent(
            AuditRecord(
                timeMicros: clock(), actor: reader, action: action, subjectType: "audit_log", subjectID: "*",
                payload: [
                    "filters": [
                        "from": time(query.fromMicros), "to": time(query.toMicros), "actor": text(query.actor),
                        "action": text(query.action), "subject_type": text(query.subjectType),
                        "subject_id": text(query.subjectID), "after_seq": .integer(query.afterSeq),
                    ],
                    "entries": count.map { .integer(Int64($0)) } ?? .null,
                ]))
    }

    /// An entry as JSON: its columns, the payload as the JSON object it is.
    public static func write(_ entry: AuditEntry, to w: inout JSONWriter) {
        w.beginObject()
        w.key("seq")
        w.int(Int(entry.seq))
        w.key("time")
        w.timestamp(Timestamp(microseconds: entry.timeMicros))
        w.key("actor")
        w.string(entry.actor)
        w.key("action")
        w.string(entry.action)
        w.key("subject_type")
        w.string(entry.subjectType)
        w.key("subject_id")
        w.string(entry.subjectID)
        w.key("payload")
        // Canonical JSON as stored (checked on the way in): embedded unchanged.
        w.raw(Array(entry.payloadJSON.utf8))
        w.key("prev_hash")
        w.string(entry.previousHash)
        w.key("hash")
        w.string(entry.hash)
        w.endObject()
    }

    /// The CSV header of an export.
    public static let auditCSVHeader = "seq,time,actor,action,subject_type,subject_id,payload,prev_hash,hash\r\n"

    /// One entry as an RFC 4180 CSV row (CRLF-terminated; fields quoted when they need it).
    public static func csvRow(_ entry: AuditEntry) -> String {
        func field(_ value: String) -> String {
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return [
            String(entry.seq), Timestamp(microseconds: entry.timeMicros).description, entry.actor, entry.action,
            entry.subjectType, entry.subjectID, entry.payloadJSON, entry.previousHash, entry.hash,
        ].map(field).joined(separator: ",") + "\r\n"
    }

    /// One entry as a line of NDJSON.
    public static func ndjsonLine(_ entry: AuditEntry) -> String {
        var w = JSONWriter(capacity: 1024)
        write(entry, to: &w)
        w.endLine()
        return w.string
    }

    // MARK: - Replay

    /// Re-evaluates every engine decision on an application with the stored policy version
    /// and the stored clock, on the document the engine saw, and compares the result with the
    /// stored decision byte for byte (`creditgate decision replay`). Officers' decisions are
    /// listed; what they were based on is the engine's decision before them, replayed here.
    public func replayJSON(applicationID: String) async throws -> (json: String, identical: Bool) {
        guard let application = try await store.application(id: applicationID) else {
            throw OnboardingError.notFound(kind: "application", id: applicationID)
        }
        let decisions = try await store.decisions(applicationID: applicationID)
        let information = try await store.information(applicationID: applicationID)
        var allIdentical = true
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("application_id")
        w.string(applicationID)
        w.key("decisions")
        w.beginArray()
        for decision in decisions {
            w.beginObject()
            w.key("decision_id")
            w.string(decision.id)
            w.key("made_by")
            w.string(decision.madeBy)
            w.key("policy")
            w.policyReference(id: decision.policyID, version: Int(decision.policyVersion), sha256: decision.policySHA256)
            w.key("evaluated_at")
            w.timestamp(Timestamp(microseconds: decision.evaluatedAtMicros))
            guard decision.madeBy == "engine" else {
                w.key("replayed")
                w.bool(false)
                w.key("identical")
                w.null()
                w.key("detail")
                w.string("an officer's decision; the engine decision it reviewed is replayed above")
                w.endObject()
                continue
            }
            let document =
                information.first(where: { $0.decisionID == decision.id })?.document ?? application.document
            var detail = "identical, byte for byte"
            var identical = false
            var replayedJSON: String?
            do {
                let policy = try await policyCache.policy(
                    sha256: decision.policySHA256, live: policies.policies, store: store)
                let replayed = try policy.decide(
                    JSONParser.parse(document), at: Timestamp(microseconds: decision.evaluatedAtMicros))
                identical = replayed.json == decision.document
                if !identical {
                    replayedJSON = replayed.json
                    detail = "the replayed decision differs from the stored one"
                }
            } catch {
                detail = "could not be replayed: \(error)"
            }
            allIdentical = allIdentical && identical
            w.key("replayed")
            w.bool(true)
            w.key("identical")
            w.bool(identical)
            w.key("detail")
            w.string(detail)
            if let replayedJSON {
                w.key("stored_sha256")
                w.string(SHA256Hex.of(decision.document))
                w.key("replayed_sha256")
                w.string(SHA256Hex.of(replayedJSON))
            }
            w.endObject()
        }
        w.endArray()
        w.key("identical")
        w.bool(allIdentical)
        w.endObject()
        return (w.string, allIdentical)
    }
}

import AuditTrail

/// A 1,000-entry chain built once, and helpers to tamper with copies of it.
enum ChainFixture {
    /// Records with varied actors, actions and payloads (every tenth has escapes and non-ASCII).
    static let records: [AuditRecord] = (1...1000).map { n in
        let actors = ["system", "officer:alice", "key:3f2a9c", "officer:zoë"]
        let actions = ["application.received", "application.decided", "application.reviewed", "note.added"]
        var payload: CanonicalValue = [
            "amount": .string("\(n * 125).00"), "score": .integer(Int64(500 + n % 350)), "reasons": ["R01", .string("R\(n % 9)")],
            "flags": ["manual": .bool(n % 7 == 0), "note": n % 10 == 0 ? "line 1\nline \"2\"\t€ 😀 \u{2028}" : nil],
        ]
        if n % 3 == 0 { payload = ["empty": [:], "list": []] }
        return AuditRecord(
            timeMicros: 1_767_225_600_000_000 + Int64(n) * 1_500_000, actor: actors[n % actors.count], action: actions[n % actions.count],
            subjectType: "application", subjectID: "app-\(n / 3)", payload: payload)
    }

    /// The chain of ``records`` after genesis.
    static let chain = AuditChain.append(records, after: .genesis)

    /// The entries, as read from storage.
    static var entries: [AuditEntry] { chain.entries }

    /// `entry` with its stored hash recomputed from its (possibly changed) fields.
    static func rehashed(_ entry: AuditEntry) -> AuditEntry {
        var e = entry
        e.hash = AuditChain.hash(
            seq: e.seq, timeMicros: e.timeMicros, actor: e.actor, action: e.action, subjectType: e.subjectType, subjectID: e.subjectID,
            payloadJSON: e.payloadJSON, previousHash: e.previousHash)
        return e
    }

    /// Re-links and rehashes `entries[from...]` so that they form a valid chain after `entries[from - 1]`.
    static func rechained(_ entries: [AuditEntry], from: Int) -> [AuditEntry] {
        var result = entries
        for i in from..<result.count {
            result[i].previousHash = i == 0 ? AuditChain.genesisHash : result[i - 1].hash
            result[i] = rehashed(result[i])
        }
        return result
    }
}

/// The hash chain: how an entry's hash is computed and how records are appended.
///
/// Each entry's hash covers its fields, its payload text and the previous entry's hash, so
/// changing, removing, inserting or reordering a stored entry breaks the chain at that point
/// (see ``ChainVerifier``). What the chain alone cannot show is a rewrite that recomputes
/// every hash from some entry on, or a log cut short at the end: both leave a valid, merely
/// different chain. Detecting those needs a head recorded elsewhere to compare with: a signed
/// ``Checkpoint``, as ``CheckpointedChainVerifier`` does.
public enum AuditChain {
    /// The `prev_hash` of seq 1: 64 `"0"`s.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The `"v"` member of every hashing document; a new encoding gets a new number.
    public static let encodingVersion: Int64 = 1

    /// SHA-256 (lowercase hex) of the canonical hashing document of an entry:
    /// `{"action":…,"actor":…,"payload":<payloadJSON>,"prev_hash":…,"seq":…,"subject_id":…,"subject_type":…,"time_us":…,"v":1}`,
    /// with `payloadJSON` spliced in verbatim and the other strings escaped per RFC 8785.
    public static func hash(
        seq: Int64, timeMicros: Int64, actor: String, action: String, subjectType: String, subjectID: String, payloadJSON: String,
        previousHash: String
    ) -> String {
        var document = HashingDocument()
        document.build(
            seq: seq, timeMicros: timeMicros, actor: actor, action: action, subjectType: subjectType, subjectID: subjectID,
            payloadJSON: payloadJSON, previousHash: previousHash)
        return document.hexDigest()
    }

    /// Appends records after `head`, returning the new entries (seq `head.seq + 1` …) and the new head. Pure.
    ///
    /// - Precondition: every payload passes ``CanonicalJSON/validate(_:)``. A payload that does
    ///   not (an integer beyond ±(2^53−1), nesting deeper than 64) would be stored as text that
    ///   never verifies, so it is a programming error and traps; validate payloads built from
    ///   outside input first.
    public static func append(_ records: [AuditRecord], after head: ChainHead) -> (entries: [AuditEntry], head: ChainHead) {
        var document = HashingDocument()
        var entries: [AuditEntry] = []
        entries.reserveCapacity(records.count)
        var seq = head.seq
        var previousHash = head.hash
        for record in records {
            let payload: [UInt8]
            do {
                payload = try CanonicalJSON.encodeValidated(record.payload)
            } catch {
                preconditionFailure("audit payload is not canonical-safe: \(error)")
            }
            let payloadJSON = String(decoding: payload, as: UTF8.self)
            seq += 1
            document.build(
                seq: seq, timeMicros: record.timeMicros, actor: record.actor, action: record.action, subjectType: record.subjectType,
                subjectID: record.subjectID, payloadJSON: payloadJSON, previousHash: previousHash)
            let hash = document.hexDigest()
            entries.append(
                AuditEntry(
                    seq: seq, timeMicros: record.timeMicros, actor: record.actor, action: record.action, subjectType: record.subjectType,
                    subjectID: record.subjectID, payloadJSON: payloadJSON, previousHash: previousHash, hash: hash))
            previousHash = hash
        }
        return (entries, ChainHead(seq: seq, hash: previousHash))
    }

    /// Verifies `entries` (ascending seq, as read from storage) starting after `start`.
    public static func verify<Entries: Sequence>(_ entries: Entries, after start: ChainHead = .genesis) -> VerificationReport
    where Entries.Element == AuditEntry {
        var verifier = ChainVerifier(expectedStart: start)
        for entry in entries {
            if verifier.check(entry) != nil { break }
        }
        return verifier.report
    }
}

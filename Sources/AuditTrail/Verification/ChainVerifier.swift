/// Streaming verification: feed entries in ascending seq order as read from storage.
///
/// Each entry is judged against the head before it (``ChainHead/genesis``, or a known head
/// to verify only a suffix), in this order, the first failing check deciding the kind:
///
/// 1. **Sequence.** The seq must be the previous seq + 1. Higher is a gap, ``VerificationFailure/Kind/missing``
///    at the first absent seq; equal or lower is ``VerificationFailure/Kind/duplicate`` at the
///    entry's seq. The seq is how the verifier locates an entry, so it is checked first: a seq
///    edited in place also shows up here, as a gap or a repeat.
/// 2. **Content.** The hash recomputed from the entry's fields (seq, time, actor, action,
///    subject, payload text, prev_hash) must equal the stored hash, and the payload must be
///    canonical JSON; otherwise ``VerificationFailure/Kind/edited``. This is evidence about the
///    entry alone, so it comes before the link: an edited field with the stored hash left
///    alone is `edited` at that seq, even though its neighbours are fine.
/// 3. **Link.** The entry's `prev_hash` must equal the previous entry's hash; otherwise
///    ``VerificationFailure/Kind/brokenLink``. Only an entry whose own hash is consistent gets
///    here, so this catches entries that were rehashed one by one but not re-linked, and
///    entries inserted or moved from elsewhere.
///
/// Consequences worth knowing:
/// - Deleting entry *n* from the middle: *n + 1* follows *n − 1*, so `missing` at *n*.
/// - Swapping two adjacent entries *n*, *n + 1* with their seq values (reading by seq, row *n*
///   now holds the other's content): the content at *n* was hashed with seq *n + 1*, so
///   check 2 fails first, `edited` at *n*. If the mover also recomputed both hashes for their
///   new seqs, check 2 passes and the link does not: `brokenLink` at *n*.
/// - Rewriting every entry from some point on with recomputed hashes and links, or deleting
///   entries at the end, leaves a valid (different or shorter) chain: it cannot be detected
///   without a head recorded elsewhere to compare ``report`` with (see
///   ``CheckpointedChainVerifier``, which runs these checks and compares with signed checkpoints).
public struct ChainVerifier: Sendable {
    private var head: ChainHead
    private var entriesChecked = 0
    private var failure: VerificationFailure? = nil
    private var document = HashingDocument()

    /// Starts verifying after `expectedStart`: the genesis head for a whole log, or a known
    /// (trusted) head to verify only the entries after it.
    public init(expectedStart: ChainHead = .genesis) {
        head = expectedStart
    }

    /// Checks one entry; returns the first failure once found (and keeps returning it; later entries are not judged).
    @discardableResult
    public mutating func check(_ entry: AuditEntry) -> VerificationFailure? {
        if let failure { return failure }
        entriesChecked += 1
        if let found = judge(entry) {
            failure = found
            return found
        }
        head = ChainHead(seq: entry.seq, hash: entry.hash)
        return nil
    }

    /// The result so far.
    public var report: VerificationReport {
        VerificationReport(ok: failure == nil, entriesChecked: entriesChecked, headSeq: head.seq, headHash: head.hash, firstFailure: failure)
    }

    /// The first check `entry` fails after ``head``, in the documented order.
    private mutating func judge(_ entry: AuditEntry) -> VerificationFailure? {
        let (expected, overflow) = head.seq.addingReportingOverflow(1)
        if overflow || entry.seq < expected {
            let how = entry.seq == head.seq ? "repeats" : "goes back after seq \(head.seq)"
            return VerificationFailure(seq: entry.seq, kind: .duplicate, detail: "seq \(entry.seq) \(how)")
        }
        if entry.seq > expected {
            let range = entry.seq - 1 == expected ? "seq \(expected) is" : "seqs \(expected)…\(entry.seq - 1) are"
            return VerificationFailure(seq: expected, kind: .missing, detail: "\(range) absent: seq \(entry.seq) follows seq \(head.seq)")
        }
        document.build(entry)
        if !document.digestMatches(hex: entry.hash) {
            return VerificationFailure(seq: entry.seq, kind: .edited, detail: "stored hash differs from recomputed hash")
        }
        if !CanonicalJSON.isCanonical(entry.payloadJSON) {
            return VerificationFailure(seq: entry.seq, kind: .edited, detail: "payload is not canonical JSON")
        }
        if entry.previousHash != head.hash {
            let what = head.seq == 0 && head.hash == AuditChain.genesisHash ? "the genesis hash" : "the hash of seq \(head.seq)"
            return VerificationFailure(seq: entry.seq, kind: .brokenLink, detail: "prev_hash differs from \(what)")
        }
        return nil
    }
}

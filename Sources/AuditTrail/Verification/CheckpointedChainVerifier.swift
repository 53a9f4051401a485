/// Streaming verification of the whole log against signed checkpoints kept elsewhere: what the
/// chain alone cannot show (a rewrite with recomputed hashes, entries cut from the end) shows
/// here as a difference from a checkpoint. Holds O(checkpoints) state; entries are fed one by
/// one in ascending seq, page after page, then ``finish()`` gives the report.
///
/// The checks run in this order; the first failure found is the report's only failure, so
/// each tampering has one (seq, kind):
///
/// 1. **Signatures** (at init, before any entry). Every checkpoint must be for `origin` and
///    signed by a trusted key: some signature line of a trusted key verifies and none fails.
///    Otherwise ``VerificationFailure/Kind/badSignature`` at its size (the smallest such
///    size; lines by unknown keys, e.g. witnesses' cosignatures, are ignored). Untrusted
///    input is refused before anything is compared with it.
/// 2. **Sequence** (at init). Sorted by size, each checkpoint must extend the one before it;
///    otherwise ``VerificationFailure/Kind/checkpointNotExtending`` at its size (the smallest):
///    - two checkpoints of one size must sign the same head, and size 0 the genesis hash;
///    - a checkpoint's `previous` must be the checkpoint before it (same size and hash), or
///      its own head (re-signed with no growth), or, when the checkpoints given skip some
///      (an auditor who kept only the latest), a size strictly between the one before and
///      its own; for the first given checkpoint, anything below its own size, seq 0 only
///      with the genesis hash. `previous` may not lie before the checkpoint before it, nor
///      beyond its own size.
///    A skipped `previous` is still a signed statement about the chain, so it is compared
///    in step 3 like a checkpoint head; no evidence is lost by keeping fewer checkpoints.
/// 3. **Chain** (entry by entry). Each entry goes through ``ChainVerifier``'s checks, in its
///    documented order: `missing`, `duplicate`, `edited`, `broken_link`. One refinement:
///    an `edited` entry whose content hashes correctly as seq + 1 is
///    ``VerificationFailure/Kind/reordered`` (an adjacent swap). Then, for an entry that
///    verified, at each checkpoint size (and each skipped `previous` size) its hash must
///    equal the signed one, else ``VerificationFailure/Kind/checkpointMismatch`` at that seq.
/// 4. **End** (``finish()``). A log that ends before a checkpoint's size is
///    ``VerificationFailure/Kind/truncated`` at the first absent seq (the last entry's + 1),
///    like `missing`, which also names the first absent seq.
///
/// What each tampering gives, for checkpoints every 50 entries:
/// - a field edited in entry *n* (hash left alone): `edited` at *n*;
/// - entry *n* deleted from the middle: `missing` at *n*;
/// - entries *n* and *n + 1* swapped with their seq values: `reordered` at *n* (if the mover
///   also rehashed both for their new seqs, `broken_link` at *n*, as ``ChainVerifier`` says;
///   entries swapped further apart: `edited` at the lower seq, since finding where content
///   came from would mean searching for it);
/// - entries cut from the end, below a checkpoint's size: `truncated` at the first cut seq;
/// - the chain rewritten from *n* on with recomputed hashes: `checkpoint_mismatch` at the
///   first checkpoint size ≥ *n*;
/// - a checkpoint signed by another key, or altered after signing: `bad_signature` at its size;
/// - a checkpoint whose `previous` is not the checkpoint before it: `checkpoint_not_extending`
///   at its size.
///
/// Because steps 1 and 2 come first, a bad checkpoint is reported even when the chain also
/// breaks at a lower seq: fix (or drop) the checkpoint and verify again. Entries after the
/// last checkpoint are protected by the chain alone until the next checkpoint covers them.
public struct CheckpointedChainVerifier: Sendable {
    /// A signed statement that the chain's hash at `seq` is `hash`.
    private struct Claim: Sendable {
        var seq: Int64
        var hash: String
        /// The size of the checkpoint that makes it.
        var checkpointSize: Int64
        /// True for the checkpoint's own head, false for its skipped `previous`.
        var isHead: Bool
    }

    private var chain = ChainVerifier()
    /// Sorted by seq; ``nextClaim`` is the first not yet compared.
    private var claims: [Claim] = []
    private var nextClaim = 0
    private var lastGood = ChainHead.genesis
    private var checkpointsChecked = 0
    /// The first failure, once found; later entries are not judged.
    public private(set) var failure: VerificationFailure? = nil

    /// Prepares to verify the log named `origin` from genesis, running steps 1 and 2.
    ///
    /// - Parameters:
    ///   - origin: the log's name; checkpoints for another origin fail step 1.
    ///   - trustedKeys: keys whose signatures count (more than one during a key rotation).
    ///   - checkpoints: in any order; may be empty (then this is ``ChainVerifier`` plus
    ///     `reordered`, with `checkpoints_checked` 0).
    public init(origin: String, trustedKeys: [CheckpointPublicKey], checkpoints: [SignedCheckpoint]) {
        // Step 1: signatures, the smallest failing size first, then input order.
        var unsigned: [(size: Int64, index: Int, detail: String)] = []
        for (index, signed) in checkpoints.enumerated() {
            if let detail = Self.signatureProblem(signed, origin: origin, trustedKeys: trustedKeys) {
                unsigned.append((signed.checkpoint.size, index, detail))
            }
        }
        if let first = unsigned.min(by: { ($0.size, $0.index) < ($1.size, $1.index) }) {
            failure = VerificationFailure(seq: first.size, kind: .badSignature, detail: first.detail)
            return
        }

        // Step 2: the sequence, collecting what step 3 compares.
        let sorted = checkpoints.map(\.checkpoint).enumerated().sorted { ($0.element.size, $0.offset) < ($1.element.size, $1.offset) }.map(\.element)
        var before: ChainHead? = nil  // the head of the last checkpoint of a smaller size
        var current: ChainHead? = nil  // the head of the last checkpoint seen
        for checkpoint in sorted {
            if let current, current.seq < checkpoint.size { before = current }
            if let current, current.seq == checkpoint.size, current.hash != checkpoint.headHash {
                failure = VerificationFailure(
                    seq: checkpoint.size, kind: .checkpointNotExtending, detail: "two checkpoints of size \(checkpoint.size) sign different heads")
                return
            }
            switch Self.extensionProblem(checkpoint, before: before) {
            case .some(.failure(let detail)):
                failure = VerificationFailure(seq: checkpoint.size, kind: .checkpointNotExtending, detail: detail)
                return
            case .some(.skipped(let previous)):
                claims.append(Claim(seq: previous.seq, hash: previous.hash, checkpointSize: checkpoint.size, isHead: false))
            case nil:
                break
            }
            claims.append(Claim(seq: checkpoint.size, hash: checkpoint.headHash, checkpointSize: checkpoint.size, isHead: true))
            current = checkpoint.head
        }
        claims.sort { $0.seq < $1.seq }

        // Size-0 checkpoints (all the genesis hash, by step 2) need no entry to be confirmed.
        compareClaims(with: .genesis)
    }

    /// Checks one entry (step 3); returns the first failure once found, and keeps returning it.
    @discardableResult
    public mutating func check(_ entry: AuditEntry) -> VerificationFailure? {
        if let failure { return failure }
        if let found = chain.check(entry) {
            failure = Self.refined(found, entry)
            return failure
        }
        if nextClaim < claims.count, claims[nextClaim].seq == entry.seq {
            compareClaims(with: ChainHead(entry))
            if let failure { return failure }
        }
        lastGood = ChainHead(entry)
        return nil
    }

    /// Ends the log (step 4) and reports. Call once every entry has been fed.
    public mutating func finish() -> VerificationReport {
        if failure == nil, nextClaim < claims.count {
            let beyond = claims[nextClaim].checkpointSize
            failure = VerificationFailure(
                seq: lastGood.seq + 1, kind: .truncated, detail: "the log ends at seq \(lastGood.seq) but a checkpoint signs size \(beyond)")
        }
        return VerificationReport(
            ok: failure == nil, entriesChecked: chain.report.entriesChecked, headSeq: lastGood.seq, headHash: lastGood.hash, firstFailure: failure,
            checkpointsChecked: checkpointsChecked)
    }

    /// Compares the claims at `head.seq` with `head.hash`, counting the heads that match.
    private mutating func compareClaims(with head: ChainHead) {
        while nextClaim < claims.count, claims[nextClaim].seq == head.seq {
            let claim = claims[nextClaim]
            guard claim.hash == head.hash else {
                let what = claim.isHead ? "the head signed in checkpoint \(claim.seq)" : "the previous head recorded in checkpoint \(claim.checkpointSize)"
                failure = VerificationFailure(seq: claim.seq, kind: .checkpointMismatch, detail: "the chain's hash at seq \(claim.seq) differs from \(what)")
                return
            }
            if claim.isHead { checkpointsChecked += 1 }
            nextClaim += 1
        }
    }

    /// Why `signed` does not count as signed for `origin` by a trusted key, or nil.
    private static func signatureProblem(_ signed: SignedCheckpoint, origin: String, trustedKeys: [CheckpointPublicKey]) -> String? {
        guard signed.checkpoint.origin == origin else { return "the checkpoint is for another log (its origin is not \(origin))" }
        var valid = false
        for key in trustedKeys {
            switch key.check(signed.note) {
            case .invalid: return "the signature by trusted key \(key.name)+\(key.keyIDHex) does not verify"
            case .valid: valid = true
            case .absent: break
            }
        }
        return valid ? nil : "not signed by a trusted key"
    }

    /// What step 2 finds about a checkpoint's `previous`.
    private enum Extension {
        /// Does not extend; why.
        case failure(String)
        /// Skips checkpoints not given; the chain must have this head.
        case skipped(ChainHead)
    }

    /// Step 2 for one checkpoint, given the head of the last checkpoint of a smaller size.
    private static func extensionProblem(_ checkpoint: Checkpoint, before: ChainHead?) -> Extension? {
        let previous = checkpoint.previous
        if checkpoint.size == 0, checkpoint.headHash != AuditChain.genesisHash {
            return .failure("a checkpoint of size 0 must sign the genesis hash")
        }
        if previous.seq > checkpoint.size {
            return .failure("its previous checkpoint (size \(previous.seq)) is beyond its own size")
        }
        if previous.seq == checkpoint.size {
            return previous.hash == checkpoint.headHash ? nil : .failure("its previous checkpoint has its own size but another head")
        }
        if let before {
            if previous.seq < before.seq {
                return .failure("its previous checkpoint has size \(previous.seq), not \(before.seq), the checkpoint before it")
            }
            if previous.seq == before.seq {
                return previous.hash == before.hash ? nil : .failure("its previous head differs from the checkpoint of size \(before.seq)")
            }
            return .skipped(previous)
        }
        if previous.seq == 0 {
            return previous.hash == AuditChain.genesisHash ? nil : .failure("its previous checkpoint is size 0 but not the genesis hash")
        }
        return .skipped(previous)
    }

    /// `found`, or `reordered` when an `edited` entry is intact content of the next seq.
    private static func refined(_ found: VerificationFailure, _ entry: AuditEntry) -> VerificationFailure {
        guard found.kind == .edited, found.seq == entry.seq, entry.seq < Int64.max else { return found }
        let asNext = AuditChain.hash(
            seq: entry.seq + 1, timeMicros: entry.timeMicros, actor: entry.actor, action: entry.action, subjectType: entry.subjectType,
            subjectID: entry.subjectID, payloadJSON: entry.payloadJSON, previousHash: entry.previousHash)
        guard asNext == entry.hash else { return found }
        return VerificationFailure(seq: entry.seq, kind: .reordered, detail: "the entry at seq \(entry.seq) was appended as seq \(entry.seq + 1)")
    }
}

extension AuditChain {
    /// Verifies the whole log `entries` (ascending seq, as read from storage) against signed
    /// checkpoints; see ``CheckpointedChainVerifier`` for the checks and their order.
    public static func verify<Entries: Sequence>(
        _ entries: Entries, origin: String, trustedKeys: [CheckpointPublicKey], checkpoints: [SignedCheckpoint]
    ) -> VerificationReport where Entries.Element == AuditEntry {
        var verifier = CheckpointedChainVerifier(origin: origin, trustedKeys: trustedKeys, checkpoints: checkpoints)
        for entry in entries {
            if verifier.check(entry) != nil { break }
        }
        return verifier.finish()
    }
}

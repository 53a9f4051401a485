import AuditTrail

extension CreditStore {
    /// Verifies the whole log against signed checkpoints (`creditgate audit verify`): the
    /// chain recomputed page by page from the database, every checkpoint's signature against
    /// the trusted keys, each checkpoint extending the one before, the chain's hash at each
    /// checkpoint's size equal to the signed one, and the end of the log compared with the
    /// recorded chain head.
    public func verifyAuditChain(
        origin: String, trustedKeys: [CheckpointPublicKey], checkpoints: [SignedCheckpoint], pageSize: Int = 5_000
    ) async throws -> VerificationReport {
        let recordedHead = try await auditHead()
        var verifier = CheckpointedChainVerifier(origin: origin, trustedKeys: trustedKeys, checkpoints: checkpoints)
        var after: Int64 = 0
        pages: while verifier.failure == nil {
            let page = try await auditEntries(afterSeq: after, limit: pageSize)
            for entry in page where verifier.check(entry) != nil { break pages }
            guard let last = page.last, page.count == pageSize else { break }
            after = last.seq
        }
        var report = verifier.finish()
        if report.ok, report.headSeq < recordedHead.seq {
            report.ok = false
            report.firstFailure = VerificationFailure(
                seq: report.headSeq + 1, kind: .missing,
                detail: "the chain head records \(recordedHead.seq) entries but the log ends at \(report.headSeq)")
        } else if report.ok, report.headSeq == recordedHead.seq, report.headHash != recordedHead.hash {
            report.ok = false
            report.firstFailure = VerificationFailure(
                seq: report.headSeq, kind: .edited, detail: "the last entry's hash differs from the recorded chain head")
        }
        return report
    }

    /// Signs a checkpoint of the log as it is now and stores it (with its audit entry), unless
    /// the log has not grown since the last one. Before signing, the entries since the last
    /// checkpoint are verified against it: a log that no longer extends what was signed is
    /// never signed again (the error says where it breaks). Returns the new checkpoint, or
    /// `nil` when there was nothing new to sign.
    ///
    /// Only one process should sign for a log (two signers would race to extend the same
    /// checkpoint); `creditgate serve` signs when it is given `--audit-key`.
    public func signCheckpoint(signer: CheckpointSigner, nowMicros: Int64, actor: String) async throws
        -> SignedCheckpoint?
    {
        let stored = try await latestCheckpoint()
        let last = try stored.map { try SignedCheckpoint.parse($0.signedText).checkpoint }
        let recorded = try await auditHead()
        let start = last?.head ?? .genesis
        guard recorded.seq > start.seq else { return nil }
        // The last checkpoint's own audit entry alone is not growth worth a checkpoint (else an
        // idle log would be signed again on every tick).
        if recorded.seq == start.seq + 1, let only = try await auditEntry(seq: recorded.seq),
            only.action == "audit.checkpointed"
        {
            return nil
        }
        // The entries since the last checkpoint (all of them for the first) must extend it.
        var verifier = ChainVerifier(expectedStart: start)
        var after = start.seq
        while after < recorded.seq {
            let page = try await auditEntries(afterSeq: after, limit: 5_000)
            guard let end = page.last else { break }
            for entry in page where entry.seq <= recorded.seq {
                if let failure = verifier.check(entry) { throw CheckpointRefusal(failure: failure) }
            }
            after = end.seq
        }
        let head = verifier.report.head
        guard head.seq == recorded.seq else {
            throw CheckpointRefusal(
                failure: VerificationFailure(
                    seq: head.seq + 1, kind: .missing,
                    detail: "the chain head records \(recorded.seq) entries but the log ends at \(head.seq)"))
        }
        let checkpoint = try Checkpoint(origin: signer.publicKey.name, head: head, timeMicros: nowMicros, following: last)
        let signed = try signer.sign(checkpoint)
        try await recordCheckpoint(
            CheckpointRecord(
                size: checkpoint.size, headHash: checkpoint.headHash, keyID: signer.publicKey.keyIDHex,
                signedText: signed.text, createdAtMicros: nowMicros),
            actor: actor)
        return signed
    }

    /// The stored checkpoint with the largest size.
    public func latestCheckpoint() async throws -> CheckpointRecord? {
        var latest: CheckpointRecord?
        var after: Int64 = 0
        while true {
            let page = try await checkpoints(afterSize: after, limit: 1_000)
            guard let last = page.last else { break }
            latest = last
            after = last.size
            if page.count < 1_000 { break }
        }
        return latest
    }
}

/// The log no longer extends the last signed checkpoint: signing is refused.
public struct CheckpointRefusal: Error, Sendable, CustomStringConvertible {
    /// Where the log breaks.
    public var failure: VerificationFailure

    public var description: String {
        "the audit log no longer extends the last signed checkpoint (\(failure)); nothing was signed"
    }
}

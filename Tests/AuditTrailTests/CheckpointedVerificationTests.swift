import Testing

@testable import AuditTrail

@Suite("CheckpointedChainVerifier")
struct CheckpointedVerificationTests {
    typealias Fixture = CheckpointFixture

    /// A way of tampering with the stored chain or the checkpoints, and what verification must report.
    struct Tampering: Sendable, CustomStringConvertible {
        var description: String
        var expectedSeq: Int64
        var expectedKind: VerificationFailure.Kind
        /// Checkpoints confirmed before the failure.
        var expectedCheckpoints: Int
        /// Changes the rows (as read back in seq order; index = seq − 1).
        var entries: @Sendable (inout [AuditEntry]) -> Void = { _ in }
        /// The checkpoints given, from the untampered ones (50, 100, … 300).
        var checkpoints: @Sendable ([SignedCheckpoint]) -> [SignedCheckpoint] = { $0 }
    }

    /// `checkpoint` re-signed by `signer`.
    static func resigned(_ checkpoint: Checkpoint, by signer: CheckpointSigner = Fixture.signer) -> SignedCheckpoint {
        try! signer.sign(checkpoint)
    }

    static let tamperings: [Tampering] = [
        // The chain's own kinds.
        Tampering(
            description: "a field edited, hash left alone", expectedSeq: 137, expectedKind: .edited, expectedCheckpoints: 2,
            entries: {
                $0[136].actor = "officer:mallory"
            }),
        Tampering(description: "an entry deleted", expectedSeq: 120, expectedKind: .missing, expectedCheckpoints: 2, entries: { $0.remove(at: 119) }),
        Tampering(
            description: "two adjacent entries swapped with their seq values", expectedSeq: 220, expectedKind: .reordered, expectedCheckpoints: 4,
            entries: {
                $0.swapAt(219, 220)
                ($0[219].seq, $0[220].seq) = ($0[220].seq, $0[219].seq)
            }),
        Tampering(
            description: "entries 200 and 201 swapped across a checkpoint", expectedSeq: 200, expectedKind: .reordered, expectedCheckpoints: 3,
            entries: {
                $0.swapAt(199, 200)
                ($0[199].seq, $0[200].seq) = ($0[200].seq, $0[199].seq)
            }),
        Tampering(
            description: "two entries far apart swapped: edited, the content's origin is not searched for", expectedSeq: 60, expectedKind: .edited,
            expectedCheckpoints: 1,
            entries: {
                $0.swapAt(59, 89)
                ($0[59].seq, $0[89].seq) = ($0[89].seq, $0[59].seq)
            }),
        // Truncation.
        Tampering(
            description: "entries 281–300 cut from the end", expectedSeq: 281, expectedKind: .truncated, expectedCheckpoints: 5,
            entries: {
                $0.removeSubrange(280...)
            }),
        Tampering(description: "the last entry cut", expectedSeq: 300, expectedKind: .truncated, expectedCheckpoints: 5, entries: { $0.removeLast() }),
        Tampering(description: "every entry deleted", expectedSeq: 1, expectedKind: .truncated, expectedCheckpoints: 0, entries: { $0.removeAll() }),
        // Rewrites with recomputed hashes.
        Tampering(
            description: "rewritten from entry 120 on with recomputed hashes", expectedSeq: 150, expectedKind: .checkpointMismatch, expectedCheckpoints: 2,
            entries: {
                $0[119].actor = "officer:mallory"
                $0 = ChainFixture.rechained($0, from: 119)
            }),
        Tampering(
            description: "rewritten from entry 1 on", expectedSeq: 50, expectedKind: .checkpointMismatch, expectedCheckpoints: 0,
            entries: {
                $0[0].subjectID = "app-x"
                $0 = ChainFixture.rechained($0, from: 0)
            }),
        Tampering(
            description: "the last entry rewritten and rehashed", expectedSeq: 300, expectedKind: .checkpointMismatch, expectedCheckpoints: 5,
            entries: {
                $0[299].action = "note.added"
                $0[299] = ChainFixture.rehashed($0[299])
            }),
        Tampering(
            description: "cut at 260 and refilled with other entries", expectedSeq: 300, expectedKind: .checkpointMismatch, expectedCheckpoints: 5,
            entries: {
                $0.removeSubrange(260...)
                let refill = ChainFixture.records[500..<540].map { $0 }
                $0 += AuditChain.append(refill, after: ChainHead($0[259])).entries
            }),
        // Signatures.
        Tampering(
            description: "checkpoint 150 signed by another key", expectedSeq: 150, expectedKind: .badSignature, expectedCheckpoints: 0,
            checkpoints: { cps in cps.map { $0.checkpoint.size == 150 ? resigned($0.checkpoint, by: Fixture.otherSigner) : $0 } }),
        Tampering(
            description: "checkpoint 250 altered after signing", expectedSeq: 250, expectedKind: .badSignature, expectedCheckpoints: 0,
            checkpoints: { cps in
                cps.map { signed in
                    guard signed.checkpoint.size == 250 else { return signed }
                    let text = signed.text.replacingOccurrences("time 2026", "time 2027")
                    return try! SignedCheckpoint.parse(text)
                }
            }),
        Tampering(
            description: "a forged checkpoint for a rewritten chain, beside the true ones", expectedSeq: 100, expectedKind: .badSignature,
            expectedCheckpoints: 0,
            checkpoints: { cps in
                var rewritten = Fixture.entries
                rewritten[79].actor = "officer:mallory"
                rewritten = ChainFixture.rechained(rewritten, from: 79)
                return cps + [resigned(Fixture.checkpoint(100, previous: Fixture.head(50), in: rewritten), by: Fixture.otherSigner)]
            }),
        Tampering(
            description: "a checkpoint of another log, signed by the trusted key", expectedSeq: 200, expectedKind: .badSignature, expectedCheckpoints: 0,
            checkpoints: { cps in
                cps.map { signed in
                    let c = signed.checkpoint
                    guard c.size == 200 else { return signed }
                    return resigned(try! Checkpoint(origin: "creditgate/staging", head: c.head, timeMicros: c.timeMicros, previous: c.previous))
                }
            }),
        Tampering(
            description: "a bad signature wins over a chain failure at a lower seq (signatures are step 1)", expectedSeq: 150, expectedKind: .badSignature,
            expectedCheckpoints: 0, entries: { $0[9].actor = "officer:mallory" },
            checkpoints: { cps in cps.map { $0.checkpoint.size == 150 ? resigned($0.checkpoint, by: Fixture.otherSigner) : $0 } }),
        // The sequence of checkpoints.
        Tampering(
            description: "checkpoint 200 records 100 as its previous, not 150", expectedSeq: 200, expectedKind: .checkpointNotExtending,
            expectedCheckpoints: 0,
            checkpoints: { cps in cps.map { $0.checkpoint.size == 200 ? resigned(Fixture.checkpoint(200, previous: Fixture.head(100))) : $0 } }),
        Tampering(
            description: "checkpoint 200 records size 150 with another hash", expectedSeq: 200, expectedKind: .checkpointNotExtending,
            expectedCheckpoints: 0,
            checkpoints: { cps in
                cps.map { $0.checkpoint.size == 200 ? resigned(Fixture.checkpoint(200, previous: ChainHead(seq: 150, hash: Fixture.head(149).hash))) : $0 }
            }),
        Tampering(
            description: "two checkpoints of size 150 with different heads (a fork)", expectedSeq: 150, expectedKind: .checkpointNotExtending,
            expectedCheckpoints: 0,
            checkpoints: { cps in
                var fork = Fixture.entries
                fork[120].actor = "officer:mallory"
                fork = ChainFixture.rechained(fork, from: 120)
                return cps + [resigned(Fixture.checkpoint(150, previous: Fixture.head(100), in: fork))]
            }),
        Tampering(
            description: "the first checkpoint's previous is size 0 but not genesis", expectedSeq: 50, expectedKind: .checkpointNotExtending,
            expectedCheckpoints: 0,
            checkpoints: { cps in
                cps.map { $0.checkpoint.size == 50 ? resigned(Fixture.checkpoint(50, previous: ChainHead(seq: 0, hash: Fixture.head(1).hash))) : $0 }
            }),
        Tampering(
            description: "a checkpoint whose previous is beyond its own size", expectedSeq: 300, expectedKind: .checkpointNotExtending, expectedCheckpoints: 0,
            checkpoints: { cps in
                cps.map { $0.checkpoint.size == 300 ? resigned(Fixture.checkpoint(300, previous: ChainHead(seq: 301, hash: Fixture.head(1).hash))) : $0 }
            }),
        // Checkpoints skipped by the auditor: the recorded previous is still compared with the chain.
        Tampering(
            description: "only the latest checkpoint kept, its previous recording a head the chain does not have", expectedSeq: 250,
            expectedKind: .checkpointMismatch, expectedCheckpoints: 0,
            checkpoints: { _ in [resigned(Fixture.checkpoint(300, previous: ChainHead(seq: 250, hash: Fixture.head(249).hash)))] }),
        Tampering(
            description: "only the latest checkpoint kept, chain rewritten from 260", expectedSeq: 300, expectedKind: .checkpointMismatch,
            expectedCheckpoints: 0,
            entries: {
                $0[259].actor = "officer:mallory"
                $0 = ChainFixture.rechained($0, from: 259)
            },
            checkpoints: { cps in [cps.last!] }),
        Tampering(
            description: "a size-0 checkpoint that is not the genesis hash", expectedSeq: 0, expectedKind: .checkpointNotExtending, expectedCheckpoints: 0,
            checkpoints: { cps in
                [
                    resigned(
                        try! Checkpoint(
                            origin: Fixture.origin, head: ChainHead(seq: 0, hash: Fixture.head(1).hash), timeMicros: 0,
                            previous: ChainHead(seq: 0, hash: Fixture.head(1).hash)))
                ] + cps
            }),
    ]

    static func verify(_ entries: [AuditEntry], _ checkpoints: [SignedCheckpoint], keys: [CheckpointPublicKey] = [Fixture.signer.publicKey])
        -> VerificationReport
    {
        AuditChain.verify(entries, origin: Fixture.origin, trustedKeys: keys, checkpoints: checkpoints)
    }

    @Test("the untampered chain verifies with every checkpoint confirmed")
    func clean() {
        let report = Self.verify(Fixture.entries, Fixture.checkpoints())
        let head = ChainHead(Fixture.entries[299])
        #expect(report == VerificationReport(ok: true, entriesChecked: 300, headSeq: 300, headHash: head.hash, firstFailure: nil, checkpointsChecked: 6))
        // Order does not matter; a checkpoint given twice counts twice.
        let checkpoints = Fixture.checkpoints()
        #expect(Self.verify(Fixture.entries, checkpoints.reversed()) == report)
        #expect(Self.verify(Fixture.entries, checkpoints + [checkpoints[2]]).checkpointsChecked == 7)
    }

    @Test("each tampering is reported once, at the right seq with the right kind", arguments: tamperings)
    func tampered(_ tampering: Tampering) {
        var entries = Fixture.entries
        tampering.entries(&entries)
        let report = Self.verify(entries, tampering.checkpoints(Fixture.checkpoints()))
        #expect(!report.ok)
        #expect(report.firstFailure?.seq == tampering.expectedSeq)
        #expect(report.firstFailure?.kind == tampering.expectedKind)
        #expect(report.checkpointsChecked == tampering.expectedCheckpoints)
        // The head is the last entry that verified, checkpoints included.
        if [.badSignature, .checkpointNotExtending].contains(tampering.expectedKind) {
            #expect(report.entriesChecked == 0 && report.head == .genesis)
        } else if tampering.expectedKind == .truncated {
            #expect(report.headSeq == tampering.expectedSeq - 1 && report.entriesChecked == entries.count)
        } else {
            #expect(report.headSeq == max(0, tampering.expectedSeq - 1))
        }
    }

    @Test("an auditor may keep only some checkpoints: the latest alone, or every other one")
    func subsets() {
        let checkpoints = Fixture.checkpoints()
        #expect(Self.verify(Fixture.entries, [checkpoints[5]]).checkpointsChecked == 1)
        #expect(Self.verify(Fixture.entries, [checkpoints[1], checkpoints[3], checkpoints[5]]).checkpointsChecked == 3)
        #expect(Self.verify(Fixture.entries, [checkpoints[1], checkpoints[3], checkpoints[5]]).ok)
        let empty = try! Fixture.signer.sign(Fixture.checkpoint(0, previous: .genesis))
        #expect(Self.verify(Fixture.entries, [empty] + checkpoints).checkpointsChecked == 7)
        #expect(
            Self.verify(Fixture.entries, [])
                == VerificationReport(
                    ok: true, entriesChecked: 300, headSeq: 300, headHash: Fixture.entries[299].hash, firstFailure: nil, checkpointsChecked: 0))
    }

    @Test("entries after the last checkpoint are verified by the chain; a re-signed checkpoint with no growth extends itself")
    func beyondLastCheckpoint() throws {
        let longer = AuditChain.append(Array(ChainFixture.records.prefix(320)), after: .genesis).entries
        let checkpoints = Fixture.checkpoints()
        let report = Self.verify(longer, checkpoints)
        #expect(report.ok && report.headSeq == 320 && report.checkpointsChecked == 6)
        let again = try Fixture.signer.sign(Fixture.checkpoint(300, previous: Fixture.head(300)))
        #expect(Self.verify(longer, checkpoints + [again]).checkpointsChecked == 7)
    }

    @Test("a checkpoint signed by a second trusted key (a rotation) counts; without trusted keys none does")
    func rotation() {
        let checkpoints = Fixture.checkpoints().map { $0.checkpoint.size > 150 ? try! Fixture.otherSigner.sign($0.checkpoint) : $0 }
        #expect(Self.verify(Fixture.entries, checkpoints, keys: [Fixture.signer.publicKey, Fixture.otherSigner.publicKey]).checkpointsChecked == 6)
        let none = Self.verify(Fixture.entries, checkpoints, keys: [])
        #expect(none.firstFailure == VerificationFailure(seq: 50, kind: .badSignature, detail: "not signed by a trusted key"))
    }

    @Test("fed page by page, it holds the same result as fed at once")
    func streaming() {
        var entries = Fixture.entries
        entries[199].actor = "x"
        entries = ChainFixture.rechained(entries, from: 199)
        var verifier = CheckpointedChainVerifier(origin: Fixture.origin, trustedKeys: [Fixture.signer.publicKey], checkpoints: Fixture.checkpoints())
        for page in stride(from: 0, to: entries.count, by: 37).map({ entries[$0..<min($0 + 37, entries.count)] }) {
            for entry in page { verifier.check(entry) }
        }
        let report = verifier.finish()
        #expect(report == Self.verify(entries, Fixture.checkpoints()))
        #expect(
            report.firstFailure
                == VerificationFailure(
                    seq: 200, kind: .checkpointMismatch, detail: "the chain's hash at seq 200 differs from the head signed in checkpoint 200"))
        #expect(report.entriesChecked == 200 && report.headSeq == 199 && report.checkpointsChecked == 3)
    }

    @Test("without checkpoints it agrees with ChainVerifier on every chain tampering, reordered refining edited")
    func agreesWithChainVerifier() {
        for tampering in ChainVerificationTests.tamperings {
            var entries = ChainFixture.entries
            tampering.apply(&entries)
            let plain = AuditChain.verify(entries)
            let checkpointed = AuditChain.verify(entries, origin: Fixture.origin, trustedKeys: [], checkpoints: [])
            #expect(checkpointed.checkpointsChecked == 0)
            #expect(checkpointed.entriesChecked == plain.entriesChecked && checkpointed.head == plain.head)
            let swap = tampering.description == "entries 300 and 301 swapped with their seq values"
            #expect(checkpointed.firstFailure?.seq == plain.firstFailure?.seq)
            #expect(checkpointed.firstFailure?.kind == (swap ? .reordered : plain.firstFailure?.kind), "\(tampering)")
        }
    }

    @Test("details name seqs and keys, never entry content")
    func details() {
        var entries = Fixture.entries
        entries.removeSubrange(280...)
        #expect(
            Self.verify(entries, Fixture.checkpoints()).firstFailure?.description
                == "entry 281: truncated: the log ends at seq 280 but a checkpoint signs size 300")
        var swapped = Fixture.entries
        swapped.swapAt(9, 10)
        (swapped[9].seq, swapped[10].seq) = (swapped[10].seq, swapped[9].seq)
        #expect(Self.verify(swapped, []).firstFailure?.detail == "the entry at seq 10 was appended as seq 11")
    }
}

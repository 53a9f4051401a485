import Testing

@testable import AuditTrail

@Suite("ChainVerifier")
struct ChainVerificationTests {
    /// A way of tampering with the stored chain, and what verification must report.
    struct Tampering: Sendable, CustomStringConvertible {
        var description: String
        var expectedSeq: Int64
        var expectedKind: VerificationFailure.Kind
        var expectedDetail: String
        /// The last entry that verifies; the one before the failure unless given.
        var expectedHeadSeq: Int64? = nil
        /// Changes the rows (as read back in seq order; index = seq − 1).
        var apply: @Sendable (inout [AuditEntry]) -> Void
    }

    static let edited = "stored hash differs from recomputed hash"

    static let tamperings: [Tampering] = [
        Tampering(description: "actor edited, hash left alone", expectedSeq: 137, expectedKind: .edited, expectedDetail: edited) {
            $0[136].actor = "officer:mallory"
        },
        Tampering(description: "one payload byte edited, hash left alone", expectedSeq: 250, expectedKind: .edited, expectedDetail: edited) {
            // "score":...: one digit changed; the text stays canonical.
            var bytes = Array($0[249].payloadJSON.utf8)
            let digit = bytes.firstIndex(where: { (0x31...0x38).contains($0) })!
            bytes[digit] += 1
            $0[249].payloadJSON = String(decoding: bytes, as: UTF8.self)
            #expect(CanonicalJSON.isCanonical($0[249].payloadJSON))
        },
        Tampering(description: "time_us edited, hash left alone", expectedSeq: 999, expectedKind: .edited, expectedDetail: edited) {
            $0[998].timeMicros -= 3_600_000_000
        },
        Tampering(description: "prev_hash edited, hash left alone", expectedSeq: 10, expectedKind: .edited, expectedDetail: edited) {
            $0[9].previousHash = $0[7].hash
        },
        Tampering(description: "stored hash written in uppercase", expectedSeq: 2, expectedKind: .edited, expectedDetail: edited) {
            $0[1].hash = $0[1].hash.uppercased()
        },
        Tampering(description: "payload re-spaced (not canonical), hash left alone", expectedSeq: 700, expectedKind: .edited, expectedDetail: edited) {
            $0[699].payloadJSON = $0[699].payloadJSON.replacingFirst(",", with: ", ")
        },
        Tampering(
            description: "payload re-spaced and the whole chain rehashed from there", expectedSeq: 700, expectedKind: .edited,
            expectedDetail: "payload is not canonical JSON"
        ) {
            $0[699].payloadJSON = $0[699].payloadJSON.replacingFirst(",", with: ", ")
            $0 = ChainFixture.rechained($0, from: 699)
        },
        Tampering(description: "entry 500 deleted", expectedSeq: 500, expectedKind: .missing, expectedDetail: "seq 500 is absent: seq 501 follows seq 499") {
            $0.remove(at: 499)
        },
        Tampering(
            description: "entries 500–502 deleted", expectedSeq: 500, expectedKind: .missing, expectedDetail: "seqs 500…502 are absent: seq 503 follows seq 499"
        ) {
            $0.removeSubrange(499...501)
        },
        Tampering(description: "entry 1 deleted", expectedSeq: 1, expectedKind: .missing, expectedDetail: "seq 1 is absent: seq 2 follows seq 0") {
            $0.removeFirst()
        },
        Tampering(
            description: "entries 300 and 301 swapped with their seq values", expectedSeq: 300, expectedKind: .edited, expectedDetail: edited
        ) {
            // Reading by seq, row 300 now holds what was appended as 301 (and vice versa);
            // that content was hashed with seq 301, so the content check fails first.
            $0.swapAt(299, 300)
            ($0[299].seq, $0[300].seq) = ($0[300].seq, $0[299].seq)
        },
        Tampering(
            description: "entries 300 and 301 swapped and each rehashed for its new seq", expectedSeq: 300, expectedKind: .brokenLink,
            expectedDetail: "prev_hash differs from the hash of seq 299"
        ) {
            $0.swapAt(299, 300)
            ($0[299].seq, $0[300].seq) = ($0[300].seq, $0[299].seq)
            $0[299] = ChainFixture.rehashed($0[299])
            $0[300] = ChainFixture.rehashed($0[300])
        },
        Tampering(
            description: "entry 400 edited and rehashed, not re-linked", expectedSeq: 401, expectedKind: .brokenLink,
            expectedDetail: "prev_hash differs from the hash of seq 400"
        ) {
            $0[399].actor = "officer:mallory"
            $0[399] = ChainFixture.rehashed($0[399])
        },
        Tampering(
            description: "entry 1 re-linked away from genesis and rehashed", expectedSeq: 1, expectedKind: .brokenLink,
            expectedDetail: "prev_hash differs from the genesis hash"
        ) {
            $0[0].previousHash = String(repeating: "f", count: 64)
            $0[0] = ChainFixture.rehashed($0[0])
        },
        Tampering(
            description: "entry 500 stored twice", expectedSeq: 500, expectedKind: .duplicate, expectedDetail: "seq 500 repeats",
            expectedHeadSeq: 500
        ) {
            $0.insert($0[499], at: 500)
        },
        Tampering(
            description: "an older entry replayed after 800", expectedSeq: 17, expectedKind: .duplicate, expectedDetail: "seq 17 goes back after seq 800",
            expectedHeadSeq: 800
        ) {
            $0.insert($0[16], at: 800)
        },
    ]

    @Test("a freshly appended chain verifies")
    func clean() {
        let report = AuditChain.verify(ChainFixture.entries)
        #expect(report == VerificationReport(ok: true, entriesChecked: 1000, headSeq: 1000, headHash: ChainFixture.chain.head.hash, firstFailure: nil))
        #expect(report.head == ChainFixture.chain.head)
        #expect(ChainFixture.entries.allSatisfy { CanonicalJSON.isCanonical($0.payloadJSON) })
    }

    @Test("each tampering is reported at the right seq with the right kind", arguments: tamperings)
    func tampered(_ tampering: Tampering) {
        var entries = ChainFixture.entries
        tampering.apply(&entries)
        let report = AuditChain.verify(entries)
        let expected = VerificationFailure(seq: tampering.expectedSeq, kind: tampering.expectedKind, detail: tampering.expectedDetail)
        #expect(report.firstFailure == expected)
        #expect(!report.ok)
        // The head is the last entry that verified; nothing after the failure is judged.
        let lastGood = tampering.expectedHeadSeq ?? tampering.expectedSeq - 1
        #expect(report.headSeq == lastGood)
        #expect(report.headHash == (lastGood == 0 ? AuditChain.genesisHash : entries.first { $0.seq == lastGood }?.hash))
    }

    @Test("deleting the last entry is not detectable without a checkpoint: it is a shorter valid chain")
    func truncatedTail() {
        // Entry 1000 is only referenced by an entry that does not exist yet, so nothing in
        // the stored rows can show it was there. Comparing the head with one recorded
        // elsewhere (a checkpoint) does.
        let report = AuditChain.verify(ChainFixture.entries.dropLast())
        #expect(report.ok && report.entriesChecked == 999)
        #expect(report.head == ChainHead(ChainFixture.entries[998]))
        #expect(report.head != ChainFixture.chain.head)
    }

    @Test("rewriting from some entry on with recomputed hashes is not detectable without a checkpoint")
    func rewrittenTail() {
        var entries = ChainFixture.entries
        entries[599].actor = "officer:mallory"
        entries = ChainFixture.rechained(entries, from: 599)
        let report = AuditChain.verify(entries)
        #expect(report.ok && report.entriesChecked == 1000 && report.headSeq == 1000)
        #expect(report.headHash != ChainFixture.chain.head.hash)
    }

    @Test("verifies a suffix from a known head")
    func suffix() {
        let entries = ChainFixture.entries
        let report = AuditChain.verify(entries[500...], after: ChainHead(entries[499]))
        #expect(report == VerificationReport(ok: true, entriesChecked: 500, headSeq: 1000, headHash: ChainFixture.chain.head.hash, firstFailure: nil))

        let wrongHead = AuditChain.verify(entries[500...], after: ChainHead(seq: 500, hash: entries[498].hash))
        #expect(wrongHead.firstFailure == VerificationFailure(seq: 501, kind: .brokenLink, detail: "prev_hash differs from the hash of seq 500"))

        let fromGenesis = AuditChain.verify(entries[500...])
        #expect(fromGenesis.firstFailure?.kind == .missing && fromGenesis.firstFailure?.seq == 1)

        // Resuming from a report's head continues the same verification.
        let firstHalf = AuditChain.verify(entries[..<500])
        #expect(AuditChain.verify(entries[500...], after: firstHalf.head).head == ChainFixture.chain.head)
    }

    @Test("the first failure sticks: later entries are not judged")
    func failureSticks() {
        var entries = ChainFixture.entries
        entries[10].actor = "x"
        entries.remove(at: 20)
        var verifier = ChainVerifier()
        for entry in entries[..<10] { #expect(verifier.check(entry) == nil) }
        let failure = verifier.check(entries[10])
        #expect(failure?.seq == 11 && failure?.kind == .edited)
        for entry in entries[11...] { #expect(verifier.check(entry) == failure) }
        #expect(verifier.report.entriesChecked == 11)
        #expect(verifier.report.head == ChainHead(entries[9]))
    }

    @Test("an empty log verifies as the start head")
    func empty() {
        #expect(ChainVerifier().report == VerificationReport(ok: true, entriesChecked: 0, headSeq: 0, headHash: AuditChain.genesisHash, firstFailure: nil))
        let start = ChainHead(ChainFixture.entries[41])
        #expect(ChainVerifier(expectedStart: start).report.head == start)
    }

    @Test("failure descriptions name the seq and what differed, never entry content")
    func noContentInFailures() {
        let secret = "SSN-123-45-6789"
        let (entries, _) = AuditChain.append(
            [
                AuditRecord(
                    timeMicros: 1, actor: "officer:\(secret)", action: "a", subjectType: "applicant", subjectID: secret, payload: ["ssn": .string(secret)])
            ],
            after: .genesis)
        var edited = entries
        edited[0].payloadJSON = edited[0].payloadJSON.replacingFirst("1", with: "2")
        let failure = AuditChain.verify(edited).firstFailure
        #expect(failure?.description == "entry 1: edited: stored hash differs from recomputed hash")
        #expect(!(failure?.description.contains(secret) ?? true))
    }
}

extension String {
    /// The text with the first `target` replaced.
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let index = firstIndex(of: target) else { return self }
        return String(self[..<index]) + replacement + String(self[self.index(after: index)...])
    }
}

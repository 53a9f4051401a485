import AuditTrail
import Foundation
import Store
import StoreFactory
import StoreTestSupport
import Testing

/// Someone with write access to the database tampers with copies of it in each of the seven
/// ways issue 6 names; verification against the signed checkpoints (kept outside the database)
/// names the exact seq and kind each time, and the untampered original verifies clean.
@Suite("Audit log tampering")
struct TamperTests {
    static let signer = try! CheckpointSigner.generate(name: "creditgate/test")

    /// A log of ~300 entries with a signed checkpoint after every 50 appended.
    static func buildLog(_ kind: DatabaseKind) async throws -> (setting: String, checkpoints: [SignedCheckpoint]) {
        let setting = try await TestDatabases.freshDatabase(kind)
        let store = try await StoreFactory.open(
            setting, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        var checkpoints: [SignedCheckpoint] = []
        for n in 1...250 {
            try await store.recordEvent(
                AuditRecord(
                    timeMicros: 1_700_000_000_000_000 + Int64(n), actor: "test", action: "test.event",
                    subjectType: "thing", subjectID: "t\(n)", payload: ["n": .integer(Int64(n))]))
            if n % 50 == 0, let signed = try await store.signCheckpoint(signer: signer, nowMicros: Int64(n), actor: "test") {
                checkpoints.append(signed)
            }
        }
        try await store.shutdown()
        return (setting, checkpoints)
    }

    static func verify(_ setting: String, _ checkpoints: [SignedCheckpoint], keys: [CheckpointPublicKey] = [signer.publicKey])
        async throws -> VerificationReport
    {
        let store = try await StoreFactory.open(setting, migrations: .skip, logger: TestDatabases.logger)
        let report = try await store.verifyAuditChain(origin: "creditgate/test", trustedKeys: keys, checkpoints: checkpoints)
        try await store.shutdown()
        return report
    }

    static func entry(_ seq: Int64, in setting: String) async throws -> AuditEntry {
        let store = try await StoreFactory.open(setting, migrations: .skip, logger: TestDatabases.logger)
        let entry = try #require(try await store.auditEntry(seq: seq))
        try await store.shutdown()
        return entry
    }

    @Test("each of the seven tamperings is found with its exact seq and kind; the original verifies clean",
          arguments: TestDatabases.kinds)
    func tampering(kind: DatabaseKind) async throws {
        let (original, checkpoints) = try await Self.buildLog(kind)
        #expect(checkpoints.count == 5)
        // Checkpoint sizes: each signs the log before its own audit.checkpointed entry.
        let sizes = checkpoints.map(\.checkpoint.size)

        let clean = try await Self.verify(original, checkpoints)
        #expect(clean.ok, "\(clean)")
        #expect(clean.checkpointsChecked == 5)
        // 250 events, 5 checkpoint entries and 4 schema.migrated entries.
        #expect(clean.entriesChecked == 259)

        // 1. An edited field.
        var copy = try await TestDatabases.copy(of: original, kind)
        try await TestDatabases.execute(["UPDATE audit_entries SET actor = 'mallory' WHERE seq = 77"], on: copy)
        var report = try await Self.verify(copy, checkpoints)
        #expect(report.firstFailure?.seq == 77 && report.firstFailure?.kind == .edited, "\(report)")

        // 2. A deleted entry.
        copy = try await TestDatabases.copy(of: original, kind)
        try await TestDatabases.execute(["DELETE FROM audit_entries WHERE seq = 120"], on: copy)
        report = try await Self.verify(copy, checkpoints)
        #expect(report.firstFailure?.seq == 120 && report.firstFailure?.kind == .missing, "\(report)")

        // 3. Two entries swapped (each row takes the other's content, keeping its seq).
        copy = try await TestDatabases.copy(of: original, kind)
        let a = try await Self.entry(200, in: original)
        let b = try await Self.entry(201, in: original)
        func overwrite(_ seq: Int64, with e: AuditEntry) -> String {
            """
            UPDATE audit_entries SET time_us = \(e.timeMicros), actor = '\(e.actor)', action = '\(e.action)',
                subject_type = '\(e.subjectType)', subject_id = '\(e.subjectID)', payload = '\(e.payloadJSON)',
                prev_hash = '\(e.previousHash)', hash = '\(e.hash)' WHERE seq = \(seq)
            """
        }
        try await TestDatabases.execute([overwrite(200, with: b), overwrite(201, with: a)], on: copy)
        report = try await Self.verify(copy, checkpoints)
        #expect(report.firstFailure?.seq == 200 && report.firstFailure?.kind == .reordered, "\(report)")

        // 4. Truncation below a checkpoint (the head row rewritten to match).
        copy = try await TestDatabases.copy(of: original, kind)
        let cut = try await Self.entry(180, in: original)
        try await TestDatabases.execute(
            [
                "DELETE FROM audit_entries WHERE seq > 180",
                "UPDATE audit_head SET seq = 180, hash = '\(cut.hash)' WHERE id = 1",
            ], on: copy)
        report = try await Self.verify(copy, checkpoints)
        #expect(report.firstFailure?.seq == 181 && report.firstFailure?.kind == .truncated, "\(report)")

        // 5. A full rewrite with recomputed hashes from seq 90 on: the chain is consistent, the
        //    signed checkpoint no longer matches.
        copy = try await TestDatabases.copy(of: original, kind)
        var statements: [String] = []
        var previous = try await Self.entry(89, in: original).hash
        let total = clean.headSeq
        for seq in Int64(90)...total {
            let e = try await Self.entry(seq, in: original)
            let actor = seq == 90 ? "mallory" : e.actor
            let hash = AuditChain.hash(
                seq: seq, timeMicros: e.timeMicros, actor: actor, action: e.action, subjectType: e.subjectType,
                subjectID: e.subjectID, payloadJSON: e.payloadJSON, previousHash: previous)
            statements.append(
                "UPDATE audit_entries SET actor = '\(actor)', prev_hash = '\(previous)', hash = '\(hash)' WHERE seq = \(seq)")
            previous = hash
        }
        statements.append("UPDATE audit_head SET hash = '\(previous)' WHERE id = 1")
        try await TestDatabases.execute(statements, on: copy)
        let chainOnly = try await {
            let store = try await StoreFactory.open(copy, migrations: .skip, logger: TestDatabases.logger)
            defer { Task { try? await store.shutdown() } }
            return try await store.verifyAuditChain()
        }()
        #expect(chainOnly.ok, "the rewrite is consistent on its own")
        report = try await Self.verify(copy, checkpoints)
        let firstCheckpointAfter = try #require(sizes.first { $0 >= 90 })
        #expect(report.firstFailure?.seq == firstCheckpointAfter && report.firstFailure?.kind == .checkpointMismatch, "\(report)")

        // 6. A checkpoint signed by another key.
        let other = try CheckpointSigner.generate(name: "creditgate/test")
        var forged = checkpoints
        forged[2] = try other.sign(checkpoints[2].checkpoint)
        report = try await Self.verify(original, forged)
        #expect(report.firstFailure?.seq == sizes[2] && report.firstFailure?.kind == .badSignature, "\(report)")

        // 7. A checkpoint that does not extend the one before (signed with the real key: a
        //    signer that was made to sign a fork).
        var fork = checkpoints
        let base = checkpoints[3].checkpoint
        fork[3] = try Self.signer.sign(
            try Checkpoint(origin: base.origin, head: base.head, timeMicros: base.timeMicros, previous: checkpoints[0].checkpoint.head))
        report = try await Self.verify(original, fork)
        #expect(report.firstFailure?.seq == sizes[3] && report.firstFailure?.kind == .checkpointNotExtending, "\(report)")

        // And the checkpoints stored in the database are the same texts as the exported ones.
        let store = try await StoreFactory.open(original, migrations: .skip, logger: TestDatabases.logger)
        #expect(try await store.checkpoints(afterSize: 0, limit: 100).map(\.signedText) == checkpoints.map(\.text))
        // Nothing new since the last checkpoint but its own entry: nothing is signed.
        #expect(try await store.signCheckpoint(signer: Self.signer, nowMicros: 1, actor: "test") == nil)
        try await store.shutdown()
    }

    @Test("a log that no longer extends the last checkpoint is never signed again", arguments: TestDatabases.kinds)
    func refuseToSign(kind: DatabaseKind) async throws {
        let (original, checkpoints) = try await Self.buildLog(kind)
        // An entry after the last checkpoint (its own audit entry) is edited.
        let after = try #require(checkpoints.last).checkpoint.size + 1
        try await TestDatabases.execute(["UPDATE audit_entries SET actor = 'mallory' WHERE seq = \(after)"], on: original)
        let store = try await StoreFactory.open(
            original, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        try await store.recordEvent(
            AuditRecord(timeMicros: 1, actor: "test", action: "test.event", subjectType: "thing", subjectID: "x", payload: [:]))
        await #expect(throws: CheckpointRefusal.self) {
            try await store.signCheckpoint(signer: Self.signer, nowMicros: 3, actor: "test")
        }
        try await store.shutdown()
    }
}

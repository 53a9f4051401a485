import AuditTrail
import Store
import StoreFixtures
import Testing

/// The checks every ``CreditStore`` must pass, whatever its database. Each gets a fresh
/// harness; expectations are reported through Swift Testing.
public enum ConformanceSuite {
    static func openWithPolicy(_ harness: any StoreHarness) async throws -> any CreditStore {
        let store = try await harness.makeStore()
        try await store.recordPolicyVersion(Fixtures.policy, actor: "system")
        return store
    }

    /// Every record type is read back exactly as written.
    @Sendable public static func recordsRoundTrip(_ harness: any StoreHarness) async throws {
        let store = try await harness.makeStore()
        defer { Task { try? await store.shutdown() } }

        #expect(try await store.recordPolicyVersion(Fixtures.policy, actor: "system") == true)
        #expect(try await store.recordPolicyVersion(Fixtures.policy, actor: "system") == false)
        #expect(try await store.policyVersion(sha256: Fixtures.policy.sha256) == Fixtures.policy)

        var receipts: [DecisionRecord.Outcome: SubmissionReceipt] = [:]
        for (index, outcome) in [DecisionRecord.Outcome.approve, .refer, .decline].enumerated() {
            let submission = Fixtures.submission(index: index, outcome: outcome, idempotencyKey: "idem-\(index)")
            guard case .recorded(let receipt, let response) = try await store.submit(submission) else {
                Issue.record("submission \(index) was not recorded")
                continue
            }
            receipts[outcome] = receipt
            #expect(receipt.createdCustomer)
            #expect(receipt.customerVersion == 1)
            #expect(response == submission.respond(receipt))

            let application = try #require(try await store.application(id: submission.application.id))
            #expect(
                application
                    == ApplicationRecord(
                        id: submission.application.id, customerID: receipt.customerID,
                        apiKeyID: submission.application.apiKeyID, document: submission.application.document,
                        documentSHA256: submission.application.documentSHA256,
                        policySHA256: submission.application.policySHA256,
                        receivedAtMicros: submission.application.receivedAtMicros))
            #expect(try await store.decisions(applicationID: application.id) == [submission.decision])

            let customer = try #require(try await store.customer(id: receipt.customerID))
            #expect(customer.facts == submission.customer)
            #expect(customer.profile == submission.profile)
            #expect(customer.version == 1)
            #expect(try await store.customer(crmID: submission.customer.crmID) == customer)

            let review = try await store.review(applicationID: application.id)
            if let expected = submission.review {
                #expect(
                    review
                        == ReviewRecord(
                            id: expected.id, applicationID: application.id, customerID: receipt.customerID,
                            status: .open, reasonCode: expected.reasonCode, assignee: nil,
                            dueAtMicros: expected.dueAtMicros, version: 1,
                            createdAtMicros: application.receivedAtMicros,
                            updatedAtMicros: application.receivedAtMicros))
            } else {
                #expect(review == nil)
            }

            let idempotency = try #require(
                try await store.idempotencyRecord(apiKeyID: "key-1", key: "idem-\(index)"))
            #expect(idempotency.response == response)
            #expect(idempotency.applicationID == application.id)
            #expect(idempotency.requestSHA256 == submission.idempotency?.requestSHA256)
            #expect(idempotency.expiresAtMicros == submission.idempotency?.expiresAtMicros)
        }
        #expect(try await store.customer(id: "nobody") == nil)
        #expect(try await store.application(id: "nothing") == nil)
        #expect(try await store.decisions(applicationID: "nothing") == [])

        // Outbox: in commit order, positions in order, customer filled in.
        let events = try await store.outboxEvents(afterAuditSeq: 0, limit: 100)
        #expect(
            events.map(\.type) == [
                "application.received", "decision.made",
                "application.received", "decision.made", "review.opened",
                "application.received", "decision.made",
            ])
        #expect(events == events.sorted { ($0.auditSeq, $0.position) < ($1.auditSeq, $1.position) })
        #expect(Set(events.compactMap(\.customerID)) == Set(receipts.values.map(\.customerID)))
        let afterFirst = try await store.outboxEvents(afterAuditSeq: events[0].auditSeq, limit: 2)
        #expect(afterFirst.map(\.id) == events[2...3].map(\.id))

        // Audit: one entry per change, one chain.
        let entries = try await store.auditEntries(afterSeq: 0, limit: 1_000)
        let actions = entries.map(\.action).filter { $0 != "schema.migrated" }
        #expect(actions == ["policy.recorded", "application.decided", "application.decided", "application.decided"])
        let report = try await store.verifyAuditChain()
        #expect(report.ok)
        #expect(report.entriesChecked == entries.count)
        #expect(try await store.auditHead() == ChainHead(seq: report.headSeq, hash: report.headHash))
        for entry in entries {
            #expect(CanonicalJSON.isCanonical(entry.payloadJSON))
        }

        let stats = try await store.statistics()
        #expect(stats.customers == 3)
        #expect(stats.applications == 3)
        #expect(stats.decisions == 3)
        #expect(stats.reviews == 1)
        #expect(stats.outboxEvents == 7)
        #expect(stats.idempotencyRecords == 3)
        #expect(stats.policyVersions == 1)
        #expect(stats.auditEntries == entries.count)
    }

    /// A second application for the same CRM id updates the record and its version.
    @Sendable public static func customerUpsert(_ harness: any StoreHarness) async throws {
        let store = try await openWithPolicy(harness)
        defer { Task { try? await store.shutdown() } }

        let first = Fixtures.submission(index: 1, crmID: "CRM-SAME", outcome: .approve)
        guard case .recorded(let one, _) = try await store.submit(first) else {
            Issue.record("first submission not recorded")
            return
        }
        var second = Fixtures.submission(index: 2, crmID: "CRM-SAME", outcome: .refer)
        second.customer.registrationNumber = nil  // not sent: the stored one stays
        second.customer.legalName = "Bäckerei Neu GmbH"
        second.profile = nil  // leave the profile alone
        guard case .recorded(let two, _) = try await store.submit(second) else {
            Issue.record("second submission not recorded")
            return
        }
        #expect(two.customerID == one.customerID)
        #expect(two.createdCustomer == false)
        #expect(two.customerVersion == 2)
        let customer = try #require(try await store.customer(id: one.customerID))
        #expect(customer.version == 2)
        #expect(
            try await store.applications(customerID: one.customerID, limit: 10).map(\.id) == [
                second.application.id, first.application.id,
            ])
        #expect(try await store.applications(customerID: one.customerID, limit: 1).count == 1)
        #expect(customer.facts.legalName == "Bäckerei Neu GmbH")
        #expect(customer.facts.registrationNumber == first.customer.registrationNumber)
        #expect(customer.profile == first.profile)
        #expect(try await store.statistics().customers == 1)
    }

    /// Keys are stored by hash; revoking twice changes nothing the second time.
    @Sendable public static func apiKeys(_ harness: any StoreHarness) async throws {
        let store = try await harness.makeStore()
        defer { Task { try? await store.shutdown() } }
        let secret = "cg_live_0123456789abcdef0123456789abcdef"
        let key = APIKeyRecord(
            id: "key-a", name: "web shop", role: .signup, secretSHA256: SHA256Hex.of(secret),
            createdAtMicros: Fixtures.now)
        try await store.createAPIKey(key, actor: "system")
        let officer = APIKeyRecord(
            id: "key-b", name: "alice", role: .officer, secretSHA256: SHA256Hex.of("other"),
            createdAtMicros: Fixtures.now + 1)
        try await store.createAPIKey(officer, actor: "key:key-a")
        #expect(try await store.apiKey(secretSHA256: SHA256Hex.of(secret)) == key)
        #expect(try await store.apiKey(secretSHA256: SHA256Hex.of("wrong")) == nil)
        #expect(try await store.apiKeys() == [key, officer])
        #expect(try await store.revokeAPIKey(id: "key-a", atMicros: Fixtures.now + 5, actor: "system") == true)
        #expect(try await store.revokeAPIKey(id: "key-a", atMicros: Fixtures.now + 9, actor: "system") == false)
        #expect(try await store.apiKey(secretSHA256: SHA256Hex.of(secret))?.revokedAtMicros == Fixtures.now + 5)
        await #expect(throws: StoreError.notFound(kind: "API key", id: "key-z")) {
            try await store.revokeAPIKey(id: "key-z", atMicros: Fixtures.now, actor: "system")
        }
        let actions = try await store.auditEntries(afterSeq: 0, limit: 100).map(\.action)
        #expect(actions.filter { $0.hasPrefix("api_key.") } == ["api_key.created", "api_key.created", "api_key.revoked"])
        // The secret itself is nowhere in the audit log.
        for entry in try await store.auditEntries(afterSeq: 0, limit: 100) {
            #expect(!entry.payloadJSON.contains(secret))
        }
        #expect(try await store.verifyAuditChain().ok)
    }

    /// A retry replays byte for byte; another body is refused; expired records are purged.
    @Sendable public static func idempotency(_ harness: any StoreHarness) async throws {
        let store = try await openWithPolicy(harness)
        defer { Task { try? await store.shutdown() } }
        let first = Fixtures.submission(index: 7, idempotencyKey: "order-7")
        guard case .recorded(_, let response) = try await store.submit(first) else {
            Issue.record("first submission not recorded")
            return
        }
        let before = try await store.statistics()
        // The same request again (new ids, as a client's retry would produce on our side).
        let retry = Fixtures.submission(index: 7, idempotencyKey: "order-7", body: first.application.document)
        #expect(try await store.submit(retry) == .replayed(response))
        let other = Fixtures.submission(index: 8, idempotencyKey: "order-7")
        #expect(try await store.submit(other) == .keyReusedWithDifferentRequest)
        // The same key from another API key is another key.
        let otherClient = Fixtures.submission(index: 9, idempotencyKey: "order-7", apiKeyID: "key-2")
        guard case .recorded = try await store.submit(otherClient) else {
            Issue.record("another API key's identical Idempotency-Key must be independent")
            return
        }
        let after = try await store.statistics()
        #expect(after.applications == before.applications + 1)
        #expect(after.auditEntries == before.auditEntries + 1)

        // Retention: only records past their expiry go.
        let expiry = try #require(first.idempotency?.expiresAtMicros)
        #expect(try await store.purgeIdempotencyRecords(expiredBefore: expiry, actor: "system") == 0)
        #expect(try await store.purgeIdempotencyRecords(expiredBefore: expiry + 1, actor: "system") == 1)
        #expect(try await store.idempotencyRecord(apiKeyID: "key-1", key: "order-7") == nil)
        #expect(try await store.idempotencyRecord(apiKeyID: "key-2", key: "order-7") != nil)
        #expect(try await store.verifyAuditChain().ok)
    }

    /// Concurrent writers: every submission recorded, one chain, no gaps, events in commit order.
    @Sendable public static func concurrentChain(_ harness: any StoreHarness) async throws {
        let store = try await openWithPolicy(harness)
        defer { Task { try? await store.shutdown() } }
        let count = 64
        let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await store.submit(
                        Fixtures.submission(
                            index: index, crmID: "CRM-\(index % 8)", outcome: index % 5 == 0 ? .refer : .approve,
                            idempotencyKey: "k-\(index)"))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let seqs = outcomes.compactMap { outcome -> Int64? in
            if case .recorded(let receipt, _) = outcome { return receipt.auditSeq }
            return nil
        }
        #expect(seqs.count == count)
        #expect(Set(seqs).count == count)

        let entries = try await store.auditEntries(afterSeq: 0, limit: 10_000)
        #expect(entries.map(\.seq) == Array(1...Int64(entries.count)))
        #expect(entries.filter { $0.action == "application.decided" }.count == count)
        let report = try await store.verifyAuditChain(pageSize: 7)
        #expect(report.ok)
        #expect(report.entriesChecked == entries.count)
        // Eight customers, each updated in arrival order: versions 1…8.
        for crm in 0..<8 {
            #expect(try await store.customer(crmID: "CRM-\(crm)")?.version == Int64(count / 8))
        }
        let stats = try await store.statistics()
        #expect(stats.applications == count)
        #expect(stats.customers == 8)
        let events = try await store.outboxEvents(afterAuditSeq: 0, limit: 10_000)
        #expect(events.count == stats.outboxEvents)
        #expect(events == events.sorted { ($0.auditSeq, $0.position) < ($1.auditSeq, $1.position) })
    }

    /// 50 identical requests at once: exactly one application; the others are told to retry
    /// (in flight) or get the first answer.
    @Sendable public static func concurrentIdempotency(_ harness: any StoreHarness) async throws {
        let store = try await openWithPolicy(harness)
        defer { Task { try? await store.shutdown() } }
        let body = Fixtures.submission(index: 42).application.document
        let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await store.submit(Fixtures.submission(index: 42, idempotencyKey: "same", body: body))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var recorded: [StoredResponse] = []
        for outcome in outcomes {
            switch outcome {
            case .recorded(_, let response): recorded.append(response)
            case .inFlight, .replayed: break
            case .keyReusedWithDifferentRequest: Issue.record("identical bodies judged different")
            }
        }
        #expect(recorded.count == 1)
        for case .replayed(let response) in outcomes {
            #expect(response == recorded.first)
        }
        #expect(try await store.statistics().applications == 1)
        #expect(
            try await store.submit(Fixtures.submission(index: 42, idempotencyKey: "same", body: body))
                == .replayed(try #require(recorded.first)))
        #expect(try await store.verifyAuditChain().ok)
    }

    /// Two store instances (two Creditgate processes) on one database.
    @Sendable public static func twoInstances(_ harness: any StoreHarness) async throws {
        let first = try await openWithPolicy(harness)
        let second = try await harness.makeStore()
        defer {
            Task {
                try? await first.shutdown()
                try? await second.shutdown()
            }
        }
        let body = Fixtures.submission(index: 5).application.document
        let outcomes = try await withThrowingTaskGroup(of: SubmissionOutcome.self) { group in
            for index in 0..<40 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    try await store.submit(Fixtures.submission(index: 100 + index, idempotencyKey: "u-\(index)"))
                }
                group.addTask {
                    try await store.submit(Fixtures.submission(index: 5, idempotencyKey: "shared", body: body))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let recordedShared = outcomes.filter {
            if case .recorded(let receipt, _) = $0 { return receipt.applicationID.hasPrefix("app-5-") }
            return false
        }
        #expect(recordedShared.count == 1)
        let stats = try await first.statistics()
        #expect(stats.applications == 41)
        let report = try await second.verifyAuditChain()
        #expect(report.ok)
        #expect(report.entriesChecked == stats.auditEntries)
    }

    /// A write that fails inside a busy batch fails alone; the others commit.
    @Sendable public static func failingWriteIsolated(_ harness: any StoreHarness) async throws {
        let store = try await openWithPolicy(harness)
        defer { Task { try? await store.shutdown() } }
        let results = await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<30 {
                group.addTask {
                    // Submission 13 names a policy version that was never recorded (a foreign key).
                    let submission = Fixtures.submission(
                        index: index, idempotencyKey: "f-\(index)",
                        policySHA256: index == 13 ? String(repeating: "f", count: 64) : Fixtures.policy.sha256)
                    do {
                        _ = try await store.submit(submission)
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results.filter { !$0.value }.map(\.key) == [13])
        let stats = try await store.statistics()
        #expect(stats.applications == 29)
        #expect(stats.idempotencyRecords == 29)
        #expect(try await store.idempotencyRecord(apiKeyID: "key-1", key: "f-13") == nil)
        #expect(try await store.verifyAuditChain().ok)
        // The key of the failed write is free again: a corrected retry succeeds.
        guard case .recorded = try await store.submit(Fixtures.submission(index: 13, idempotencyKey: "f-13")) else {
            Issue.record("retry after a failed write was not recorded")
            return
        }
    }

    /// An edit made directly in the database is found, at the right entry.
    @Sendable public static func tamperDetected(_ harness: any StoreHarness) async throws {
        let store = try await openWithPolicy(harness)
        defer { Task { try? await store.shutdown() } }
        for index in 0..<10 {
            _ = try await store.submit(Fixtures.submission(index: index, outcome: index == 3 ? .decline : .approve))
        }
        #expect(try await store.verifyAuditChain().ok)
        let target = try #require(
            try await store.auditEntries(afterSeq: 0, limit: 100).first { $0.payloadJSON.contains("\"decline\"") })
        try await harness.execute(
            "UPDATE audit_entries SET payload = REPLACE(payload, '\"decline\"', '\"approve\"') WHERE seq = \(target.seq)")
        let report = try await store.verifyAuditChain()
        #expect(!report.ok)
        #expect(report.firstFailure?.seq == target.seq)
        #expect(report.firstFailure?.kind == .edited)
        // Deleting the newest entries is found against the recorded chain head.
        let head = try await store.auditHead()
        try await harness.execute("DELETE FROM audit_entries WHERE seq >= \(head.seq - 1)")
        let truncated = try await store.verifyAuditChain()
        #expect(!truncated.ok)
        #expect(truncated.firstFailure?.seq == target.seq, "the earlier edit is still the first failure")
        try await harness.execute(
            "UPDATE audit_entries SET payload = REPLACE(payload, '\"approve\"', '\"decline\"') WHERE seq = \(target.seq)")
        let onlyTruncated = try await store.verifyAuditChain()
        #expect(onlyTruncated.firstFailure?.seq == head.seq - 1)
        #expect(onlyTruncated.firstFailure?.kind == .missing)
    }
}

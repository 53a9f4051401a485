import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Onboarding
import Relay
import Store
import StoreFactory
import StoreTestSupport
import Testing
import Webhooks

/// The outbox relay against a receiver that fails a share of requests (500s, answers slower than
/// the timeout, connections dropped after reading), while decisions stream in and two relays are
/// restarted twice: every event arrives, exactly once after de-duplication, in commit order per
/// customer.
@Suite("Webhook relay")
struct RelayTests {
    static let events = ["application.received", "decision.made", "review.opened", "customer.credit_profile.changed"]

    @Test("every event arrives once, in order per customer, through failures and restarts", arguments: TestDatabases.kinds)
    func delivery(kind: DatabaseKind) async throws {
        let setting = try await TestDatabases.freshDatabase(kind)
        let store = try await StoreFactory.open(
            setting, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        let registry = try PolicyRegistry(directory: TestDatabases.repositoryRoot.appendingPathComponent("policies").path)
        let box = SecretBox.generate().box
        let onboarding = Onboarding(store: store, policies: registry, secrets: box)
        try await onboarding.recordPolicies(actor: "test")

        // A subscription made through the use case, its secret given to the receiver.
        let created = try JSONSerialization.jsonObject(
            with: Data(
                try await onboarding.createWebhook(
                    body: Array(#"{"url":"http://placeholder.invalid/","events":["application.received","decision.made","review.opened","customer.credit_profile.changed"]}"#.utf8),
                    actor: "test"
                ).utf8)) as! [String: Any]
        let secret = try #require(WebhookSecret(created["secret"] as! String))
        let receiver = try await FlakyReceiver.start(
            secret: secret, seed: kind == .sqlite ? 7 : 11, failureShare: 0.3, slowDelay: .milliseconds(600))
        // Point the subscription at the receiver (a new one; the placeholder is removed).
        let subscriptionID = created["webhook_id"] as! String
        try await store.removeWebhook(id: subscriptionID, atMicros: SQLCreditStore.systemClock(), actor: "test")
        let live = try await store.createWebhook(
            WebhookSubscriptionRecord(
                id: "whk_receiver", url: receiver.url, events: Self.events, description: nil,
                sealedSecrets: try box.seal([secret]), startAfterSeq: 0, createdAtMicros: SQLCreditStore.systemClock()),
            actor: "test")
        #expect(live.startAfterSeq > 0)

        let client = WebhookRelay.makeHTTPClient()
        let settings = WebhookRelay.Settings(
            pollInterval: .milliseconds(20), batch: 16, timeout: .milliseconds(300),
            schedule: RetrySchedule(base: .milliseconds(20), cap: .milliseconds(200), maxAge: .seconds(600)))
        // Two relays at once, as two Creditgate instances would run them: they share the work
        // (leases; FOR UPDATE SKIP LOCKED on PostgreSQL) without breaking the order.
        func startRelay() -> Task<Void, any Error> {
            let relays = (0..<2).map { _ in
                WebhookRelay(store: store, box: box, client: client, settings: settings, logger: TestDatabases.logger)
            }
            return Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for relay in relays { group.addTask { try await relay.run() } }
                    try await group.waitForAll()
                }
            }
        }

        // Decisions stream in while the relay runs; it is stopped and started again twice.
        var relay = startRelay()
        let lines = Examples.lines
        for batch in 0..<3 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let n = batch * 12 + index
                        var line = lines[[0, 1, 3, 4, 6][n % 5]]
                        line = line.replacingOccurrences(
                            of: #""crm_id":"[^"]*""#, with: "\"crm_id\":\"CRM-RELAY-\(n % 9)\"", options: .regularExpression)
                        _ = try await onboarding.submit(body: Array(line.utf8), apiKeyID: "key_test", idempotencyKey: "relay-\(n)")
                    }
                }
                try await group.waitForAll()
            }
            relay.cancel()
            _ = try? await relay.value
            relay = startRelay()
        }

        // Every subscribed event committed after the subscription, in commit order.
        let expected = try await store.outboxEvents(afterAuditSeq: live.startAfterSeq, limit: 100_000)
            .filter { Self.events.contains($0.type) }
        #expect(expected.count >= 36 * 3)
        let deadline = ContinuousClock.now + .seconds(90)
        // Everything accepted, and every delivery's outcome recorded (one whose answer was lost
        // in a restart is sent again when its lease runs out: the receiver sees a duplicate).
        while ContinuousClock.now < deadline {
            let pending = try await store.deliveryCounts()["pending", default: 0]
            if receiver.snapshot.accepted.count >= expected.count && pending == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        relay.cancel()
        _ = try? await relay.value

        let log = receiver.snapshot
        #expect(Set(log.accepted.map(\.id)) == Set(expected.map(\.id)), "missing: \(Set(expected.map(\.id)).subtracting(log.accepted.map(\.id)).count)")
        #expect(log.accepted.count == expected.count)
        #expect(log.rejected == 0)
        // The receiver did misbehave, in every way.
        #expect(log.behaviours["fail", default: 0] > 0 && log.behaviours["slow", default: 0] > 0 && log.behaviours["drop", default: 0] > 0)
        // In commit order per customer.
        let order = Dictionary(uniqueKeysWithValues: expected.enumerated().map { ($1.id, $0) })
        let byCustomer = Dictionary(grouping: log.accepted.filter { $0.customerID != nil }, by: { $0.customerID! })
        for (customer, accepted) in byCustomer {
            let positions = accepted.compactMap { order[$0.id] }
            #expect(positions == positions.sorted(), "customer \(customer) out of order")
        }
        #expect(try await store.deliveryCounts()["pending", default: 0] == 0)
        #expect(try await store.verifyAuditChain().ok)
        try await client.shutdown()
        try await receiver.shutdown()
        try await store.shutdown()
    }

    @Test("an event older than the maximum age is dead-lettered, and redelivered on request", arguments: TestDatabases.kinds)
    func deadLetters(kind: DatabaseKind) async throws {
        let setting = try await TestDatabases.freshDatabase(kind)
        let store = try await StoreFactory.open(
            setting, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        let box = SecretBox.generate().box
        let secret = WebhookSecret.generate()
        // Every request fails: 500, dropped, or answered after the relay's timeout.
        let receiver = try await FlakyReceiver.start(secret: secret, seed: 1, failureShare: 1.0, slowDelay: .seconds(1))
        let subscription = try await store.createWebhook(
            WebhookSubscriptionRecord(
                id: "whk_dead", url: receiver.url, events: ["webhook.test"], description: nil,
                sealedSecrets: try box.seal([secret]), startAfterSeq: 0, createdAtMicros: SQLCreditStore.systemClock()),
            actor: "test")
        try await store.queueWebhookTest(
            subscriptionID: subscription.id, eventID: "evt_test_1", payload: "{}", atMicros: SQLCreditStore.systemClock(),
            actor: "test")
        let client = WebhookRelay.makeHTTPClient()
        let relay = WebhookRelay(
            store: store, box: box, client: client,
            settings: .init(
                pollInterval: .milliseconds(10), timeout: .milliseconds(200),
                schedule: RetrySchedule(base: .milliseconds(10), cap: .milliseconds(20), maxAge: .milliseconds(1_500))),
            logger: TestDatabases.logger)
        let deadline = ContinuousClock.now + .seconds(30)
        while try await store.deadLetters(limit: 10).isEmpty, ContinuousClock.now < deadline {
            try await relay.step()
            try await Task.sleep(for: .milliseconds(20))
        }
        let dead = try await store.deadLetters(limit: 10)
        #expect(dead.map(\.eventID) == ["evt_test_1"])
        #expect((dead.first?.attempts ?? 0) >= 1 && dead.first?.lastError != nil)
        #expect(try await store.redeliver(subscriptionID: subscription.id, eventID: "evt_test_1", nowMicros: SQLCreditStore.systemClock(), actor: "test"))
        #expect(try await store.delivery(subscriptionID: subscription.id, eventID: "evt_test_1")?.status == "pending")
        #expect(try await !store.redeliver(subscriptionID: subscription.id, eventID: "evt_test_1", nowMicros: SQLCreditStore.systemClock(), actor: "test"))
        try await client.shutdown()
        try await receiver.shutdown()
        try await store.shutdown()
    }
}

/// Applications from examples/applications.jsonl.
enum Examples {
    static let lines: [String] = {
        let url = TestDatabases.repositoryRoot.appendingPathComponent("examples/applications.jsonl")
        return (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }()
}

import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Store
import Webhooks

/// Delivers the outbox to webhook subscribers: at least once, in commit order per customer,
/// signed as Standard Webhooks, retried with backoff and jitter until the event is older than
/// the schedule's maximum age, then dead-lettered.
///
/// The relay only reads what decisions already committed (the outbox is written in the same
/// transaction as each change), so a slow or failing receiver never holds a decision up. It
/// keeps no state of its own: a restart carries on from the database, and several instances
/// on one PostgreSQL share the work (`FOR UPDATE SKIP LOCKED` and leases).
public final class WebhookRelay: Service, Sendable {
    /// How the relay runs.
    public struct Settings: Sendable {
        /// How often it looks for work when idle.
        public var pollInterval: Duration
        /// Deliveries sent at once (different customers; one customer's go one by one).
        public var batch: Int
        /// How long a receiver has to answer.
        public var timeout: Duration
        /// When to retry, and for how long.
        public var schedule: RetrySchedule

        /// Creates settings: poll every 200 ms, 32 at once, 10 s timeout, retries for 3 days.
        public init(
            pollInterval: Duration = .milliseconds(200), batch: Int = 32, timeout: Duration = .seconds(10),
            schedule: RetrySchedule = RetrySchedule()
        ) {
            self.pollInterval = pollInterval
            self.batch = batch
            self.timeout = timeout
            self.schedule = schedule
        }
    }

    let store: any CreditStore
    let box: SecretBox
    let client: HTTPClient
    let settings: Settings
    let logger: Logger
    let clock: @Sendable () -> Int64

    /// Creates a relay.
    /// - Parameters:
    ///   - client: the HTTP client (the caller owns it and shuts it down).
    ///   - clock: now, in microseconds since the Unix epoch.
    public init(
        store: any CreditStore, box: SecretBox, client: HTTPClient, settings: Settings = Settings(), logger: Logger,
        clock: @escaping @Sendable () -> Int64 = SQLCreditStore.systemClock
    ) {
        self.store = store
        self.box = box
        self.client = client
        self.settings = settings
        self.logger = logger
        self.clock = clock
    }

    /// An HTTP client as the relay wants one: no redirects (a signed body goes only where it
    /// was addressed), short connect timeout.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout = .init(connect: .seconds(5))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Runs until the service group shuts down (or the task is cancelled).
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let sent: Int
                do {
                    sent = try await self.step()
                } catch is CancellationError {
                    return
                } catch {
                    self.logger.error("webhook relay step failed", metadata: ["error": "\(error)"])
                    sent = 0
                }
                if sent == 0 { try? await Task.sleep(for: self.settings.pollInterval) }
            }
        }
    }

    /// One round: fan new outbox events out, then send every due delivery (one per customer
    /// and subscription) at once. Returns how many were attempted.
    @discardableResult
    public func step() async throws -> Int {
        while try await store.fanOutOutbox(limit: 500, nowMicros: clock()) == 500 {}
        let lease = RetrySchedule.micros(settings.timeout) * 3 + 5_000_000
        let due = try await store.claimDeliveries(limit: settings.batch, nowMicros: clock(), leaseMicros: lease)
        guard !due.isEmpty else { return 0 }
        await withTaskGroup(of: Void.self) { group in
            for delivery in due {
                group.addTask {
                    let outcome = await self.attempt(delivery)
                    do {
                        // Recorded even while the relay shuts down: an unstructured task is not cancelled with it.
                        try await Task {
                            try await self.store.completeDelivery(
                                subscriptionID: delivery.subscriptionID, eventID: delivery.eventID, outcome: outcome,
                                nowMicros: self.clock())
                        }.value
                    } catch {
                        // The lease runs out and the delivery is tried again: at least once.
                        self.logger.error(
                            "webhook outcome not recorded", metadata: ["event": "\(delivery.eventID)", "error": "\(error)"])
                    }
                }
            }
        }
        return due.count
    }

    /// One POST, signed; what became of it.
    func attempt(_ delivery: WebhookDelivery) async -> DeliveryOutcome {
        let body = Self.body(delivery)
        var statusCode: Int?
        var failure: String
        do {
            let secrets = try box.open(delivery.sealedSecrets)
            let timestamp = clock() / 1_000_000
            var request = HTTPClientRequest(url: delivery.url)
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.headers.add(name: "user-agent", value: "creditgate-webhooks/1")
            request.headers.add(name: "webhook-id", value: delivery.eventID)
            request.headers.add(name: "webhook-timestamp", value: String(timestamp))
            request.headers.add(
                name: "webhook-signature",
                value: StandardWebhooks.signatureHeader(
                    id: delivery.eventID, timestamp: timestamp, body: body, secrets: secrets))
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(
                request, timeout: .microseconds(RetrySchedule.micros(settings.timeout)))
            statusCode = Int(response.status.code)
            // Read (and drop) at most 64 KiB of the answer so the connection can be reused.
            _ = try? await response.body.collect(upTo: 65_536)
            if (200..<300).contains(response.status.code) {
                logger.debug(
                    "webhook delivered",
                    metadata: ["event": "\(delivery.eventID)", "subscription": "\(delivery.subscriptionID)"])
                return .delivered(statusCode: Int(response.status.code))
            }
            failure = "the receiver answered \(response.status.code)"
        } catch let error as SecretBoxError {
            failure = error.description
        } catch {
            failure = "\(error)"
        }
        let now = clock()
        if !settings.schedule.stillTried(firstDueMicros: delivery.createdAtMicros, nowMicros: now) {
            logger.warning(
                "webhook dead-lettered",
                metadata: [
                    "event": "\(delivery.eventID)", "subscription": "\(delivery.subscriptionID)",
                    "attempts": "\(delivery.attempts)", "error": "\(failure)",
                ])
            return .dead(statusCode: statusCode, error: failure)
        }
        var random = SystemRandomNumberGenerator()
        let next = now + settings.schedule.delayMicros(afterAttempt: Int(delivery.attempts), random: &random)
        logger.info(
            "webhook attempt failed; will retry",
            metadata: [
                "event": "\(delivery.eventID)", "subscription": "\(delivery.subscriptionID)",
                "attempts": "\(delivery.attempts)", "error": "\(failure)",
            ])
        return .retry(statusCode: statusCode, error: failure, nextAttemptAtMicros: next)
    }

    /// The body Standard Webhooks recommends: `{"type", "timestamp", "data"}`; the same bytes
    /// on every attempt (built from the immutable outbox row).
    public static func body(_ delivery: WebhookDelivery) -> [UInt8] {
        let time = Date(timeIntervalSince1970: TimeInterval(delivery.eventCreatedAtMicros) / 1_000_000)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        var text = "{\"type\":\"\(delivery.eventType)\",\"timestamp\":\"\(formatter.string(from: time))\",\"data\":"
        text += delivery.payload
        text += "}"
        return Array(text.utf8)
    }
}

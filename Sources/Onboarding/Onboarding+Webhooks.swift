import AuditTrail
import CreditPolicy
import Store
import Webhooks

/// Admins' use cases for webhook subscriptions: add, list, remove, rotate the secret, test,
/// dead letters and redelivery. Secrets are shown once and stored only sealed.
extension Onboarding {
    /// The event types a subscription may ask for.
    public static let webhookEvents = [
        "application.received", "decision.made", "review.opened", "review.claimed", "review.approved",
        "review.info_requested", "review.decided", "review.confirmed", "application.information_received",
        "customer.credit_profile.changed",
    ]

    /// Adds a subscription (`POST /v1/webhooks`): `{"url", "events", "description"?}`. The
    /// answer is the only place its secret ever appears.
    public func createWebhook(body: [UInt8], actor: String) async throws -> String {
        var fields = FieldReader(try Self.parseBody(body), allowed: ["url", "events", "description"])
        let url = fields.text("url", required: true, maxLength: 2_000)
        if let url, !Self.isWebhookURL(url) {
            fields.problems.append(
                FieldProblem(pointer: "/url", message: "must be an absolute http:// or https:// URL with a host"))
        }
        let events = fields.codes("events", required: true, count: 1...Self.webhookEvents.count, of: "event types") ?? []
        for (index, event) in events.enumerated() where !Self.webhookEvents.contains(event) {
            fields.problems.append(
                FieldProblem(
                    pointer: "/events/\(index)",
                    message: "unknown event \(event); use \(Self.webhookEvents.joined(separator: ", "))"))
        }
        let description = fields.text("description", required: false, maxLength: 200)
        guard fields.problems.isEmpty, let url else { throw OnboardingError.invalidFields(fields.problems) }
        let secret = WebhookSecret.generate()
        let stored = try await store.createWebhook(
            WebhookSubscriptionRecord(
                id: "whk_" + Self.newID(), url: url, events: events, description: description,
                sealedSecrets: try secrets.seal([secret]), startAfterSeq: 0, createdAtMicros: clock()),
            actor: actor)
        var w = JSONWriter(capacity: 512)
        writeWebhook(stored, to: &w, secret: secret)
        return w.string
    }

    /// Every subscription (`GET /v1/webhooks`), never a secret.
    public func webhooksJSON() async throws -> String {
        let all = try await store.webhooks()
        let counts = try await store.deliveryCounts()
        var w = JSONWriter(capacity: 256 + all.count * 256)
        w.beginObject()
        w.key("webhooks")
        w.beginArray()
        for subscription in all { writeWebhook(subscription, to: &w, secret: nil) }
        w.endArray()
        w.key("deliveries")
        w.beginObject()
        for status in ["pending", "delivered", "dead"] {
            w.dynamicKey(status)
            w.int(counts[status, default: 0])
        }
        w.endObject()
        w.endObject()
        return w.string
    }

    /// Removes a subscription (`DELETE /v1/webhooks/{id}`).
    public func removeWebhook(id: String, actor: String) async throws {
        do {
            try await store.removeWebhook(id: id, atMicros: clock(), actor: actor)
        } catch StoreError.notFound {
            throw OnboardingError.notFound(kind: "webhook", id: id)
        }
    }

    /// A new secret (`POST /v1/webhooks/{id}/rotate-secret`): deliveries are signed with the
    /// new and the previous secret until the next rotation, so receivers can switch over.
    public func rotateWebhookSecret(id: String, actor: String) async throws -> String {
        guard let subscription = try await store.webhooks().first(where: { $0.id == id && $0.removedAtMicros == nil })
        else { throw OnboardingError.notFound(kind: "webhook", id: id) }
        let previous = try secrets.open(subscription.sealedSecrets).first
        let secret = WebhookSecret.generate()
        try await store.replaceWebhookSecrets(
            id: id, sealedSecrets: try secrets.seal([secret] + (previous.map { [$0] } ?? [])), atMicros: clock(),
            actor: actor)
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("webhook_id")
        w.string(id)
        w.key("secret")
        w.string(secret.description)
        w.key("previous_secret_valid_until")
        w.string("the next rotation")
        w.endObject()
        return w.string
    }

    /// Queues a `webhook.test` event for one subscription (`POST /v1/webhooks/{id}/test`);
    /// the answer names the event, whose delivery can then be read.
    public func testWebhook(id: String, actor: String) async throws -> String {
        let eventID = "evt_" + Self.newID()
        let now = clock()
        do {
            try await store.queueWebhookTest(
                subscriptionID: id, eventID: eventID,
                payload: "{\"webhook_id\":\(Self.quoted(id)),\"message\":\"a test delivery from Creditgate\"}",
                atMicros: now, actor: actor)
        } catch StoreError.notFound {
            throw OnboardingError.notFound(kind: "webhook", id: id)
        }
        return "{\"webhook_id\":\(Self.quoted(id)),\"event_id\":\(Self.quoted(eventID))}"
    }

    /// One delivery's state (`GET /v1/webhooks/{id}/deliveries/{event_id}`).
    public func deliveryJSON(subscriptionID: String, eventID: String) async throws -> String {
        guard let delivery = try await store.delivery(subscriptionID: subscriptionID, eventID: eventID) else {
            throw OnboardingError.notFound(kind: "delivery", id: "\(subscriptionID)/\(eventID)")
        }
        var w = JSONWriter(capacity: 512)
        Self.write(delivery, to: &w)
        return w.string
    }

    /// Dead-lettered deliveries (`GET /v1/webhooks/dead-letters`).
    public func deadLettersJSON(limit: Int) async throws -> String {
        let dead = try await store.deadLetters(limit: limit)
        var w = JSONWriter(capacity: 256 + dead.count * 512)
        w.beginObject()
        w.key("dead_letters")
        w.beginArray()
        for delivery in dead { Self.write(delivery, to: &w) }
        w.endArray()
        w.endObject()
        return w.string
    }

    /// Queues a dead-lettered delivery again
    /// (`POST /v1/webhooks/{id}/deliveries/{event_id}/redeliver`).
    public func redeliver(subscriptionID: String, eventID: String, actor: String) async throws {
        guard try await store.delivery(subscriptionID: subscriptionID, eventID: eventID) != nil else {
            throw OnboardingError.notFound(kind: "delivery", id: "\(subscriptionID)/\(eventID)")
        }
        if try await store.webhooks().first(where: { $0.id == subscriptionID })?.removedAtMicros != nil {
            throw OnboardingError.conflict("webhook \(subscriptionID) was removed; nothing is delivered to it any more")
        }
        guard try await store.redeliver(subscriptionID: subscriptionID, eventID: eventID, nowMicros: clock(), actor: actor)
        else {
            throw OnboardingError.conflict("the delivery of \(eventID) to \(subscriptionID) is not dead-lettered")
        }
    }

    static func write(_ delivery: WebhookDelivery, to w: inout JSONWriter) {
        w.beginObject()
        w.key("webhook_id")
        w.string(delivery.subscriptionID)
        w.key("event_id")
        w.string(delivery.eventID)
        w.key("type")
        w.string(delivery.eventType)
        w.key("customer_id")
        w.optionalString(delivery.customerID)
        w.key("status")
        w.string(delivery.status)
        w.key("attempts")
        w.int(Int(delivery.attempts))
        w.key("last_error")
        w.optionalString(delivery.lastError)
        w.key("created_at")
        w.timestamp(Timestamp(microseconds: delivery.createdAtMicros))
        w.endObject()
    }

    func writeWebhook(_ subscription: WebhookSubscriptionRecord, to w: inout JSONWriter, secret: WebhookSecret?) {
        w.beginObject()
        w.key("webhook_id")
        w.string(subscription.id)
        w.key("url")
        w.string(subscription.url)
        w.key("events")
        w.beginArray()
        for event in subscription.events { w.string(event) }
        w.endArray()
        w.key("description")
        w.optionalString(subscription.description)
        w.key("created_at")
        w.timestamp(Timestamp(microseconds: subscription.createdAtMicros))
        w.key("removed_at")
        if let removed = subscription.removedAtMicros { w.timestamp(Timestamp(microseconds: removed)) } else { w.null() }
        if let secret {
            w.key("secret")
            w.string(secret.description)
        }
        w.endObject()
    }

    static func isWebhookURL(_ text: String) -> Bool {
        guard let schemeEnd = text.range(of: "://") else { return false }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return (scheme == "http" || scheme == "https") && !host.isEmpty && !text.contains(where: \.isWhitespace)
    }
}

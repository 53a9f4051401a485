import Foundation

/// An answer without a body (202, 204).
public struct NoContent: Decodable, Sendable {}

/// A webhook subscription as the API shows it (the secret only once, when created or rotated).
public struct WebhookSubscription: Decodable, Sendable {
    public var webhookId: String
    public var url: String
    public var events: [String]
    public var description: String?
    public var createdAt: Date
    public var removedAt: Date?
    public var secret: String?

    enum CodingKeys: String, CodingKey {
        case webhookId = "webhook_id", url, events, description, createdAt = "created_at", removedAt = "removed_at", secret
    }
}

/// `GET /v1/webhooks`.
public struct WebhookList: Decodable, Sendable {
    public var webhooks: [WebhookSubscription]
    public var deliveries: [String: Int]
}

/// One delivery's state.
public struct WebhookDeliveryState: Decodable, Sendable {
    public var webhookId: String
    public var eventId: String
    public var type: String
    public var customerId: String?
    public var status: String
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case webhookId = "webhook_id", eventId = "event_id", type, customerId = "customer_id", status, attempts,
            lastError = "last_error", createdAt = "created_at"
    }
}

/// `GET /v1/webhooks/dead-letters`.
public struct DeadLetters: Decodable, Sendable {
    public var deadLetters: [WebhookDeliveryState]

    enum CodingKeys: String, CodingKey { case deadLetters = "dead_letters" }
}

/// `POST /v1/webhooks/{id}/test`.
public struct WebhookTestQueued: Decodable, Sendable {
    public var webhookId: String
    public var eventId: String

    enum CodingKeys: String, CodingKey { case webhookId = "webhook_id", eventId = "event_id" }
}

/// `POST /v1/webhooks/{id}/rotate-secret`.
public struct RotatedSecret: Decodable, Sendable {
    public var webhookId: String
    public var secret: String

    enum CodingKeys: String, CodingKey { case webhookId = "webhook_id", secret }
}

extension CreditgateClient {
    /// Adds a subscription; its secret is in the answer, once.
    public func addWebhook(url: String, events: [String], description: String?) async throws(ClientError)
        -> Answer<WebhookSubscription>
    {
        var body: [String: Any] = ["url": url, "events": events]
        if let description { body["description"] = description }
        let bytes = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])).map(Array.init) ?? []
        return try await send(OfficerRequest(.post, ["v1", "webhooks"], body: bytes), as: WebhookSubscription.self)
    }

    /// Every subscription and the delivery counts.
    public func webhooks() async throws(ClientError) -> Answer<WebhookList> {
        try await send(OfficerRequest(.get, ["v1", "webhooks"]), as: WebhookList.self)
    }

    /// Removes a subscription.
    public func removeWebhook(id: String) async throws(ClientError) -> Answer<NoContent> {
        try await send(OfficerRequest(.delete, ["v1", "webhooks", id]), as: NoContent.self)
    }

    /// A new secret; the previous one keeps signing until the next rotation.
    public func rotateWebhookSecret(id: String) async throws(ClientError) -> Answer<RotatedSecret> {
        try await send(OfficerRequest(.post, ["v1", "webhooks", id, "rotate-secret"]), as: RotatedSecret.self)
    }

    /// Queues a `webhook.test` event.
    public func testWebhook(id: String) async throws(ClientError) -> Answer<WebhookTestQueued> {
        try await send(OfficerRequest(.post, ["v1", "webhooks", id, "test"]), as: WebhookTestQueued.self)
    }

    /// One delivery's state.
    public func webhookDelivery(id: String, eventID: String) async throws(ClientError) -> Answer<WebhookDeliveryState> {
        try await send(
            OfficerRequest(.get, ["v1", "webhooks", id, "deliveries", eventID]), as: WebhookDeliveryState.self)
    }

    /// Dead-lettered deliveries.
    public func deadLetters(limit: Int) async throws(ClientError) -> Answer<DeadLetters> {
        try await send(
            OfficerRequest(.get, ["v1", "webhooks", "dead-letters"], query: [.init("limit", String(limit))]),
            as: DeadLetters.self)
    }

    /// Puts a dead letter back in the queue.
    public func redeliver(id: String, eventID: String) async throws(ClientError) -> Answer<NoContent> {
        try await send(
            OfficerRequest(.post, ["v1", "webhooks", id, "deliveries", eventID, "redeliver"]), as: NoContent.self)
    }
}

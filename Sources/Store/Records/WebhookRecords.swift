/// A webhook subscription as stored; its secrets only sealed.
public struct WebhookSubscriptionRecord: Sendable, Hashable {
    /// Creditgate's id (`whk_…`).
    public var id: String
    /// Where deliveries are POSTed.
    public var url: String
    /// The event types it receives.
    public var events: [String]
    /// A note for people.
    public var description: String?
    /// The signing secrets, newest first, sealed with the secrets key (never stored in clear).
    public var sealedSecrets: String
    /// Events committed after this audit seq are delivered to it.
    public var startAfterSeq: Int64
    /// When it was made, microseconds since the Unix epoch.
    public var createdAtMicros: Int64
    /// When it was removed, if it was.
    public var removedAtMicros: Int64?

    /// Creates a subscription record.
    public init(
        id: String, url: String, events: [String], description: String?, sealedSecrets: String, startAfterSeq: Int64,
        createdAtMicros: Int64, removedAtMicros: Int64? = nil
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.description = description
        self.sealedSecrets = sealedSecrets
        self.startAfterSeq = startAfterSeq
        self.createdAtMicros = createdAtMicros
        self.removedAtMicros = removedAtMicros
    }
}

/// One event to deliver to one subscription, as the relay claims it.
public struct WebhookDelivery: Sendable, Hashable {
    /// The subscription.
    public var subscriptionID: String
    /// Where to POST.
    public var url: String
    /// The subscription's sealed secrets.
    public var sealedSecrets: String
    /// The event (`webhook-id`).
    public var eventID: String
    /// Its type.
    public var eventType: String
    /// The customer it is about (deliveries for one customer go out in order).
    public var customerID: String?
    /// The event's JSON payload.
    public var payload: String
    /// When the event was committed, microseconds since the Unix epoch.
    public var eventCreatedAtMicros: Int64
    /// The commit order.
    public var auditSeq: Int64
    /// The order within the commit.
    public var position: Int64
    /// Attempts so far, this one included.
    public var attempts: Int64
    /// Status: `pending`, `delivered` or `dead`.
    public var status: String
    /// The last failure, if any.
    public var lastError: String?
    /// When the delivery was created (first due), microseconds since the Unix epoch.
    public var createdAtMicros: Int64

    /// Creates a delivery.
    public init(
        subscriptionID: String, url: String, sealedSecrets: String, eventID: String, eventType: String,
        customerID: String?, payload: String, eventCreatedAtMicros: Int64, auditSeq: Int64, position: Int64,
        attempts: Int64, status: String, lastError: String?, createdAtMicros: Int64
    ) {
        self.subscriptionID = subscriptionID
        self.url = url
        self.sealedSecrets = sealedSecrets
        self.eventID = eventID
        self.eventType = eventType
        self.customerID = customerID
        self.payload = payload
        self.eventCreatedAtMicros = eventCreatedAtMicros
        self.auditSeq = auditSeq
        self.position = position
        self.attempts = attempts
        self.status = status
        self.lastError = lastError
        self.createdAtMicros = createdAtMicros
    }
}

/// What became of one delivery attempt.
public enum DeliveryOutcome: Sendable, Hashable {
    /// The receiver answered 2xx.
    case delivered(statusCode: Int)
    /// Anything else; try again at `nextAttemptAtMicros`.
    case retry(statusCode: Int?, error: String, nextAttemptAtMicros: Int64)
    /// Too old to try again: dead-lettered.
    case dead(statusCode: Int?, error: String)
}

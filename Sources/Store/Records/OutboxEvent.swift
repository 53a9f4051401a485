/// A message for the systems outside, written in the same transaction as the change it reports.
public struct OutboxEvent: Sendable, Hashable {
    /// Unique id; receivers de-duplicate on it (`webhook-id`).
    public var id: String
    /// The event type, e.g. `decision.made`.
    public var type: String
    /// The customer it concerns; events are delivered in order per customer.
    public var customerID: String?
    /// The id of the thing it is about (application, review, customer).
    public var subjectID: String
    /// The JSON payload.
    public var payload: String
    /// The audit entry written in the same transaction; gives the commit order.
    public var auditSeq: Int64
    /// Position among the events of that audit entry.
    public var position: Int64
    /// When it was written, microseconds since the Unix epoch.
    public var createdAtMicros: Int64

    /// Creates an outbox event.
    public init(
        id: String, type: String, customerID: String?, subjectID: String, payload: String, auditSeq: Int64,
        position: Int64, createdAtMicros: Int64
    ) {
        self.id = id
        self.type = type
        self.customerID = customerID
        self.subjectID = subjectID
        self.payload = payload
        self.auditSeq = auditSeq
        self.position = position
        self.createdAtMicros = createdAtMicros
    }
}

/// One application for credit, exactly as received. Immutable.
public struct ApplicationRecord: Sendable, Hashable {
    /// Creditgate's id for the application.
    public var id: String
    /// The customer it is for.
    public var customerID: String
    /// The API key that submitted it, if it came through the API.
    public var apiKeyID: String?
    /// The JSON document as received, byte for byte.
    public var document: String
    /// Lowercase hex SHA-256 of `document`'s UTF-8 bytes.
    public var documentSHA256: String
    /// The policy version it was evaluated under (see ``PolicyVersionRecord``).
    public var policySHA256: String
    /// When it was received, microseconds since the Unix epoch.
    public var receivedAtMicros: Int64

    /// Creates an application record.
    public init(
        id: String, customerID: String, apiKeyID: String?, document: String, documentSHA256: String,
        policySHA256: String, receivedAtMicros: Int64
    ) {
        self.id = id
        self.customerID = customerID
        self.apiKeyID = apiKeyID
        self.document = document
        self.documentSHA256 = documentSHA256
        self.policySHA256 = policySHA256
        self.receivedAtMicros = receivedAtMicros
    }
}

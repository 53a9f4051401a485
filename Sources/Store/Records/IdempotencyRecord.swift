/// The first answer given to an (API key, `Idempotency-Key`) pair, replayed on retries.
public struct IdempotencyRecord: Sendable, Hashable {
    /// The API key that sent the request.
    public var apiKeyID: String
    /// The client's `Idempotency-Key`.
    public var key: String
    /// SHA-256 of the request body; a retry with another body is refused.
    public var requestSHA256: String
    /// The stored answer.
    public var response: StoredResponse
    /// The application the request created, if any.
    public var applicationID: String?
    /// When it was stored, microseconds since the Unix epoch.
    public var createdAtMicros: Int64
    /// Kept at least until then, microseconds since the Unix epoch.
    public var expiresAtMicros: Int64

    /// Creates an idempotency record.
    public init(
        apiKeyID: String, key: String, requestSHA256: String, response: StoredResponse, applicationID: String?,
        createdAtMicros: Int64, expiresAtMicros: Int64
    ) {
        self.apiKeyID = apiKeyID
        self.key = key
        self.requestSHA256 = requestSHA256
        self.response = response
        self.applicationID = applicationID
        self.createdAtMicros = createdAtMicros
        self.expiresAtMicros = expiresAtMicros
    }
}

/// An HTTP answer kept for replay: status and body, byte for byte.
public struct StoredResponse: Sendable, Hashable {
    /// HTTP status code.
    public var status: Int
    /// The body exactly as first sent.
    public var body: String

    /// Creates a stored response.
    public init(status: Int, body: String) {
        self.status = status
        self.body = body
    }
}

import Synchronization

/// Idempotency keys whose first request is being processed in this process right now.
///
/// A second request with the same (API key, Idempotency-Key) while the first is in flight is
/// answered at once (HTTP 409) instead of queueing behind it.
/// Across several Creditgate instances the database's primary key on
/// (api_key_id, idempotency_key) is what guarantees one application per key: the second
/// instance's transaction waits for the first one's and then replays its answer.
final class InFlightKeys: Sendable {
    struct Key: Hashable {
        var apiKeyID: String
        var key: String
    }

    /// What happened when claiming a key.
    enum Claim {
        case claimed
        case inFlight
    }

    private let keys = Mutex<[Key: String]>([:])  // key → request SHA-256

    /// Claims a key for a request with this body hash.
    func claim(_ request: IdempotencyRequest) -> Claim {
        keys.withLock { keys in
            let key = Key(apiKeyID: request.apiKeyID, key: request.key)
            // Whatever the body: nothing is stored for the key yet, and the first request may
            // still fail (then the key was never used). A retry after it commits is judged then.
            if keys[key] != nil { return .inFlight }
            keys[key] = request.requestSHA256
            return .claimed
        }
    }

    /// Releases a claimed key.
    func release(_ request: IdempotencyRequest) {
        _ = keys.withLock { $0.removeValue(forKey: Key(apiKeyID: request.apiKeyID, key: request.key)) }
    }
}

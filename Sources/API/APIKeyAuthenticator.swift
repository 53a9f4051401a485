import Foundation
import Hummingbird
import Store
import Synchronization

/// Reads `Authorization: Bearer KEY` and finds the key by the SHA-256 of the secret. A
/// malformed header, an unknown key and a revoked key get the same 401; no header means no
/// key (routes that need one answer the same 401).
///
/// Lookups are cached for `cacheTTL` (1 s), hits and misses alike, so that a busy key costs
/// one database read a second rather than one per request: a revoked key is refused at most
/// that long after `keys revoke`.
final class APIKeyAuthenticator: Sendable {
    let store: any CreditStore
    let cacheTTL: Duration
    private let cache = Mutex<[String: (key: APIKeyRecord?, until: ContinuousClock.Instant)]>([:])

    init(store: any CreditStore, cacheTTL: Duration = .seconds(1)) {
        self.store = store
        self.cacheTTL = cacheTTL
    }

    /// The key the request carries, nil without an `Authorization` header; throws 401 for a
    /// malformed header or an unknown or revoked key.
    func authenticate(_ request: Request) async throws -> APIKeyRecord? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized }
        let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let hash = SHA256Hex.of(secret)
        let now = ContinuousClock.now
        let found: APIKeyRecord?
        if let cached = cache.withLock({ $0[hash] }), cached.until > now {
            found = cached.key
        } else {
            found = try await store.apiKey(secretSHA256: hash)
            cache.withLock { cache in
                if cache.count > 10_000 { cache.removeAll() }  // bounded: a flood of made-up keys
                cache[hash] = (found, now + cacheTTL)
            }
        }
        guard let key = found, key.revokedAtMicros == nil else { throw Problem.unauthorized }
        return key
    }
}

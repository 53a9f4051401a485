import Foundation
import Hummingbird
import Store

/// Reads `Authorization: Bearer KEY` and finds the key by the SHA-256 of the secret. A
/// malformed header, an unknown key and a revoked key get the same 401; no header means no
/// key (routes that need one answer the same 401).
struct APIKeyAuthenticator: Sendable {
    let store: any CreditStore

    /// The key the request carries, nil without an `Authorization` header; throws 401 for a
    /// malformed header or an unknown or revoked key.
    func authenticate(_ request: Request) async throws -> APIKeyRecord? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized }
        let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard let key = try await store.apiKey(secretSHA256: SHA256Hex.of(secret)), key.revokedAtMicros == nil
        else { throw Problem.unauthorized }
        return key
    }
}

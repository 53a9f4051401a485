import Foundation
import Hummingbird
import Store

/// Reads `Authorization: Bearer KEY`, finds the key by the SHA-256 of the secret, and puts it
/// in the context. Unknown and revoked keys are treated alike: no key (routes answer 401).
struct APIKeyAuthenticator: RouterMiddleware {
    typealias Context = CreditgateRequestContext
    let store: any CreditStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized }
            let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
            guard let key = try await store.apiKey(secretSHA256: SHA256Hex.of(secret)), key.revokedAtMicros == nil
            else { throw Problem.unauthorized }
            context.apiKey = key
        }
        return try await next(request, context)
    }
}

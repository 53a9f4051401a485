import Hummingbird
import Logging
import Store

/// The request context: Hummingbird's core storage plus who is calling.
public struct CreditgateRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, …).
    public var coreContext: CoreRequestContextStorage
    /// The API key that authenticated the request, once ``APIKeyAuthenticator`` ran.
    public var apiKey: APIKeyRecord?

    /// Creates a context for a request.
    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// The key, or 401.
    func requireKey() throws -> APIKeyRecord {
        guard let apiKey else { throw Problem.unauthorized }
        return apiKey
    }

    /// The key if its role is one of `roles`; 401 without a key, 403 with another role.
    @discardableResult
    func require(_ roles: APIKeyRecord.Role...) throws -> APIKeyRecord {
        let key = try requireKey()
        guard roles.contains(key.role) else {
            throw Problem(
                status: .forbidden, type: "forbidden", title: "Forbidden",
                detail: "an API key with role \(key.role.rawValue) may not do this")
        }
        return key
    }
}

import Foundation
import Hummingbird
import Logging
import Onboarding
import ServiceLifecycle

/// Where the server listens.
public struct ServerSettings: Sendable {
    /// Host to bind, e.g. `127.0.0.1`.
    public var host: String
    /// Port to bind.
    public var port: Int
    /// Requests a second allowed per API key on average (0: no limit); bursts up to twice that.
    public var rateLimit: Int

    /// Creates settings.
    public init(host: String = "127.0.0.1", port: Int = 8080, rateLimit: Int = 0) {
        self.host = host
        self.port = port
        self.rateLimit = rateLimit
    }
}

/// The OpenAPI document this server implements (`Sources/API/openapi.yaml`).
public let openAPIDocument: String = {
    guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
        let text = try? String(contentsOf: url, encoding: .utf8)
    else { return "openapi: 3.1.0\n" }
    return text
}()

/// The router with every route and middleware; used by ``buildApplication(settings:onboarding:logger:)``
/// and by the tests.
public func buildRouter(
    onboarding: Onboarding, settings: ServerSettings = ServerSettings(), metrics: ServerMetrics = ServerMetrics()
) -> Router<CreditgateRequestContext> {
    let router = Router(context: CreditgateRequestContext.self)
    let limiter =
        settings.rateLimit > 0
        ? RateLimiter(perSecond: Double(settings.rateLimit), burst: Double(settings.rateLimit * 2)) : nil
    router.middlewares.add(
        ProblemMiddleware(
            authenticator: APIKeyAuthenticator(store: onboarding.store), limiter: limiter, metrics: metrics))
    metrics.policies(onboarding.policies.policies)
    Routes(onboarding: onboarding, openAPI: openAPIDocument, metrics: metrics).register(on: router)
    return router
}

/// The one application `creditgate serve` runs and the tests drive.
public func buildApplication(
    settings: ServerSettings, onboarding: Onboarding, logger: Logger, services: [any Service] = []
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(onboarding: onboarding, settings: settings),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "creditgate"),
        services: services, logger: logger)
}

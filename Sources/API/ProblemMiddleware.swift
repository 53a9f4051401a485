import Hummingbird
import Logging
import NIOCore
import Onboarding
import Store

/// Turns every error into problem+json, answers 405 (with `Allow`) for a known path with
/// another method, and logs each request once — method, route, status, duration, key id;
/// never a body, a key or personal data.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = CreditgateRequestContext
    let authenticator: APIKeyAuthenticator
    let limiter: RateLimiter?
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        var context = context
        var response: Response
        do {
            context.apiKey = try await authenticator.authenticate(request)
            if let limiter, let key = context.apiKey, let wait = limiter.take(key.id) {
                throw Problem(
                    status: .tooManyRequests, type: "rate-limited", title: "Too Many Requests",
                    detail: "this API key sends more than \(Int(limiter.perSecond)) requests a second; retry after \(wait) s",
                    headers: [.retryAfter: String(wait)])
            }
            response = try await next(request, context)
        } catch {
            response = try Self.problem(for: error, request: request, context: context)
                .response(from: request, context: context)
        }
        let requestID = request.headers[.init("X-Request-Id")!] ?? context.id
        response.headers[.init("X-Request-Id")!] = requestID
        let duration = ContinuousClock.now - started
        let elapsed = duration / .microseconds(1)
        metrics.request(
            method: request.method.rawValue, route: Routes.pattern(forPath: request.uri.path, method: request.method),
            status: response.status.code, duration: duration)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "us": "\(Int(elapsed))",
                "key": "\(context.apiKey?.id ?? "-")", "request_id": "\(requestID)",
            ])
        return response
    }

    static func problem(for error: any Error, request: Request, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as OnboardingError:
            return problem(for: error)
        case StoreError.notFound(let kind, let id):
            return Problem(status: .notFound, type: "not-found", title: "Not Found", detail: "no \(kind) \(id)")
        case is NIOTooManyBytesError:
            return Problem(
                status: .contentTooLarge, type: "body-too-large", title: "Content Too Large",
                detail: "the request body is larger than 1 MiB")
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                if let allowed = Routes.allowedMethods(forPath: request.uri.path), !allowed.isEmpty {
                    return Problem(
                        status: .methodNotAllowed, type: "method-not-allowed", title: "Method Not Allowed",
                        detail: "\(request.method.rawValue) is not allowed here; use \(allowed.joined(separator: ", "))",
                        headers: [.allow: allowed.joined(separator: ", ")])
                }
                return Problem(
                    status: .notFound, type: "not-found", title: "Not Found", detail: "no route \(request.uri.path)")
            case .contentTooLarge:
                return Problem(
                    status: .contentTooLarge, type: "body-too-large", title: "Content Too Large",
                    detail: "the request body is larger than 1 MiB")
            default:
                return Problem(
                    status: error.status, type: "http-\(error.status.code)", title: error.status.reasonPhrase,
                    detail: error.body ?? error.status.reasonPhrase)
            }
        default:
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return Problem(
                status: .internalServerError, type: "internal", title: "Internal Server Error",
                detail: "something went wrong on our side; nothing was acknowledged, so retry with the same Idempotency-Key"
            )
        }
    }

    static func problem(for error: OnboardingError) -> Problem {
        switch error {
        case .malformedJSON:
            return Problem(
                status: .badRequest, type: "malformed-json", title: "Bad Request", detail: error.description)
        case .invalidParameters(let problems):
            return Problem(
                status: .badRequest, type: "invalid-parameter", title: "Bad Request", detail: error.description,
                errors: problems.map { Problem.FieldError(pointer: $0.pointer, detail: $0.message) })
        case .invalidFields(let problems):
            return Problem(
                status: .unprocessableContent, type: "invalid-input", title: "Unprocessable Content",
                detail: error.description,
                errors: problems.map { Problem.FieldError(pointer: $0.pointer, detail: $0.message) })
        case .policyNotInEffect:
            return Problem(
                status: .serviceUnavailable, type: "policy-not-in-effect", title: "Service Unavailable",
                detail: error.description)
        case .evaluationFailed:
            return Problem(
                status: .unprocessableContent, type: "not-evaluable", title: "Unprocessable Content",
                detail: error.description)
        case .idempotencyKeyInFlight:
            return Problem(
                status: .conflict, type: "idempotency-key-in-flight", title: "Conflict", detail: error.description,
                headers: [.retryAfter: "1"])
        case .idempotencyKeyReused:
            return Problem(
                status: .unprocessableContent, type: "idempotency-key-reused", title: "Unprocessable Content",
                detail: error.description)
        case .notFound:
            return Problem(status: .notFound, type: "not-found", title: "Not Found", detail: error.description)
        case .conflict:
            return Problem(status: .conflict, type: "conflict", title: "Conflict", detail: error.description)
        case .preconditionFailed:
            return Problem(
                status: .preconditionFailed, type: "precondition-failed", title: "Precondition Failed",
                detail: error.description)
        case .preconditionRequired:
            return Problem(
                status: .preconditionRequired, type: "precondition-required", title: "Precondition Required",
                detail: error.description)
        case .beyondAuthority:
            return Problem(
                status: .forbidden, type: "beyond-authority", title: "Forbidden", detail: error.description)
        case .fourEyes:
            return Problem(status: .forbidden, type: "four-eyes", title: "Forbidden", detail: error.description)
        }
    }
}

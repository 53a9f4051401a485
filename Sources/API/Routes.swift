import CreditPolicy
import Foundation
import HTTPTypes
import Hummingbird
import Onboarding
import Store

/// The routes, and which methods each path answers (for 405 and `Allow`).
struct Routes {
    let onboarding: Onboarding
    let openAPI: String
    let metrics: ServerMetrics

    /// Every route: method and path pattern (`:name` matches one segment).
    static let table: [(method: HTTPRequest.Method, path: String)] = [
        (.get, "/healthz"), (.get, "/readyz"), (.get, "/openapi.yaml"), (.get, "/metrics"),
        (.post, "/v1/applications"), (.get, "/v1/applications/:id"),
        (.get, "/v1/customers"), (.get, "/v1/customers/:id"),
        (.post, "/v1/evaluate"),
        (.get, "/v1/policies"), (.get, "/v1/policies/:id"), (.post, "/v1/policies/reload"),
        (.post, "/v1/applications/:id/information"),
        (.get, "/v1/reviews"), (.get, "/v1/reviews/:id"), (.post, "/v1/reviews/:id/claim"),
        (.post, "/v1/reviews/:id/decision"), (.post, "/v1/reviews/:id/confirm"),
        (.post, "/v1/customers/:id/credit-profile"),
        (.get, "/v1/reports/summary"),
        (.get, "/v1/audit"), (.get, "/v1/audit/export"), (.get, "/v1/audit/checkpoints"), (.get, "/v1/audit/:seq"),
        (.get, "/v1/applications/:id/replay"),
        (.post, "/v1/webhooks"), (.get, "/v1/webhooks"), (.delete, "/v1/webhooks/:id"),
        (.post, "/v1/webhooks/:id/rotate-secret"), (.post, "/v1/webhooks/:id/test"), (.get, "/v1/webhooks/dead-letters"),
        (.get, "/v1/webhooks/:id/deliveries/:event_id"), (.post, "/v1/webhooks/:id/deliveries/:event_id/redeliver"),
    ]

    /// The routes whose pattern matches `path`, most specific only: where a literal segment
    /// matches (`/v1/policies/reload`) the router never tries a parameter (`/v1/policies/:id`).
    static func matchingRoutes(forPath path: String) -> [(method: HTTPRequest.Method, path: String)] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = table.filter { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
        func literals(_ route: (method: HTTPRequest.Method, path: String)) -> [Bool] {
            route.path.split(separator: "/").map { !$0.hasPrefix(":") }
        }
        // Compare segment by segment from the left: a literal beats a parameter.
        guard let best = matching.map(literals).max(by: { $0.lexicographicallyPrecedes($1) { !$0 && $1 } })
        else { return [] }
        return matching.filter { literals($0) == best }
    }

    /// The methods routes answer for this path, or nil when no route has the path.
    static func allowedMethods(forPath path: String) -> [String]? {
        let methods = matchingRoutes(forPath: path).map(\.method.rawValue)
        return methods.isEmpty ? nil : Array(Set(methods)).sorted()
    }

    /// The route pattern a request matches (`/v1/applications/:id`), or `unmatched`: a metrics
    /// label, so that ids never become label values.
    static func pattern(forPath path: String, method: HTTPRequest.Method) -> String {
        let routes = matchingRoutes(forPath: path)
        return (routes.first { $0.method == method } ?? routes.first)?.path ?? "unmatched"
    }

    static let maxBodySize = 1 << 20

    func register(on router: Router<CreditgateRequestContext>) {
        router.get("/healthz") { _, _ in json(.ok, "{\"status\":\"ok\"}") }
        router.get("/readyz") { _, _ in try await ready() }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: openAPI)))
        }
        router.get("/metrics") { _, _ in
            metrics.policies(onboarding.policies.policies)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.emit())))
        }
        router.post("/v1/applications") { request, context in try await submit(request, context) }
        router.get("/v1/applications/:id") { _, context in
            let key = try context.require(.signup, .officer, .auditor, .admin)
            let id = try context.parameters.require("id")
            let body = try await onboarding.applicationJSON(id: id, visibleTo: key.role == .signup ? key.id : nil)
            return json(.ok, body)
        }
        router.get("/v1/customers") { request, context in
            try context.require(.officer, .auditor, .admin)
            guard let crmID = request.uri.queryParameters.get("crm_id"), !crmID.isEmpty else {
                throw Problem(
                    status: .badRequest, type: "missing-parameter", title: "Bad Request",
                    detail: "give the CRM id: /v1/customers?crm_id=…")
            }
            return json(.ok, try await onboarding.customerJSON(id: nil, crmID: crmID))
        }
        router.get("/v1/customers/:id") { _, context in
            try context.require(.officer, .auditor, .admin)
            return versioned(try await onboarding.customerDocument(id: try context.parameters.require("id"), crmID: nil))
        }
        router.post("/v1/evaluate") { request, context in
            try context.require(.signup, .officer, .admin)
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBodySize)
            return json(.ok, try onboarding.quote(body: Array(body.readableBytesView)))
        }
        router.get("/v1/policies") { _, context in
            _ = try context.requireKey()
            return json(.ok, onboarding.policies.policies.json)
        }
        router.get("/v1/policies/:id") { _, context in
            _ = try context.requireKey()
            let id = try context.parameters.require("id")
            guard let live = onboarding.policies.policies.policy(id: id) else {
                throw OnboardingError.notFound(kind: "policy", id: id)
            }
            return json(.ok, live.json)
        }
        router.post("/v1/policies/reload") { _, context in
            let key = try context.require(.admin)
            return json(.ok, try await reload(actor: "key:\(key.id)"))
        }
        registerOfficerRoutes(on: router)
        registerAuditRoutes(on: router)
        registerWebhookRoutes(on: router)
    }

    func submit(_ request: Request, _ context: CreditgateRequestContext) async throws -> Response {
        let key = try context.require(.signup, .admin)
        guard let idempotencyKey = request.headers[Self.idempotencyKey], !idempotencyKey.isEmpty else {
            throw Problem(
                status: .badRequest, type: "missing-idempotency-key", title: "Bad Request",
                detail: "send an Idempotency-Key header (a unique string per application, reused on retries)")
        }
        guard idempotencyKey.utf8.count <= 255 else {
            throw Problem(
                status: .badRequest, type: "invalid-idempotency-key", title: "Bad Request",
                detail: "the Idempotency-Key must be at most 255 bytes")
        }
        var request = request
        let body = try await request.collectBody(upTo: Self.maxBodySize)
        let answer = try await onboarding.submit(
            body: Array(body.readableBytesView), apiKeyID: key.id, idempotencyKey: idempotencyKey)
        var headers: HTTPFields = [.contentType: "application/json"]
        if answer.replayed {
            headers[Self.replayed] = "true"
        } else if let outcome = answer.outcome {
            metrics.decision(outcome: outcome)
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }

    func ready() async throws -> Response {
        do {
            _ = try await onboarding.store.auditHead()
        } catch {
            throw Problem(
                status: .serviceUnavailable, type: "store-unreachable", title: "Service Unavailable",
                detail: "the database does not answer")
        }
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.key("status")
        w.string("ready")
        w.key("database")
        w.string(onboarding.store.kind.rawValue)
        w.key("policies")
        w.int(onboarding.policies.policies.policies.count)
        w.endObject()
        return json(.ok, w.string)
    }

    func reload(actor: String) async throws -> String {
        do {
            return try await onboarding.reloadPolicies(actor: actor).json
        } catch let error as PolicySetError {
            throw Problem(
                status: .unprocessableContent, type: "invalid-policies", title: "Unprocessable Content",
                detail:
                    "the policies were not reloaded: \(error.problems.count) mistake(s); the previous policies keep serving",
                errors: error.problems.map { Problem.FieldError(pointer: "", detail: $0) })
        }
    }

    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!
}

/// A JSON response.
func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
}

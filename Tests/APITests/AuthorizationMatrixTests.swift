import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import StoreTestSupport
import Testing

@testable import API

/// Every route × every role, and no key and a revoked key: exactly the expected status class.
/// The expected roles are written out here, apart from the code, so a route that loosens or
/// tightens its roles fails this test.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    /// Who may call each route; `nil`: no key needed.
    static let allowed: [String: Set<String>?] = [
        "GET /healthz": nil, "GET /readyz": nil, "GET /openapi.yaml": nil, "GET /metrics": nil,
        "POST /v1/applications": ["signup", "admin"],
        "GET /v1/applications/:id": ["signup", "officer", "auditor", "admin"],
        "POST /v1/applications/:id/information": ["signup", "admin"],
        "GET /v1/applications/:id/replay": ["auditor", "admin"],
        "GET /v1/customers": ["officer", "auditor", "admin"],
        "GET /v1/customers/:id": ["officer", "auditor", "admin"],
        "POST /v1/customers/:id/credit-profile": ["officer"],
        "POST /v1/evaluate": ["signup", "officer", "admin"],
        "GET /v1/policies": ["signup", "officer", "auditor", "admin"],
        "GET /v1/policies/:id": ["signup", "officer", "auditor", "admin"],
        "POST /v1/policies/reload": ["admin"],
        "GET /v1/reviews": ["officer", "admin"],
        "GET /v1/reviews/:id": ["officer", "admin"],
        "POST /v1/reviews/:id/claim": ["officer"],
        "POST /v1/reviews/:id/decision": ["officer"],
        "POST /v1/reviews/:id/confirm": ["officer"],
        "GET /v1/reports/summary": ["officer", "auditor", "admin"],
        "GET /v1/audit": ["auditor"],
        "GET /v1/audit/export": ["auditor"],
        "GET /v1/audit/checkpoints": ["auditor"],
        "GET /v1/audit/:seq": ["auditor"],
        "POST /v1/webhooks": ["admin"],
        "GET /v1/webhooks": ["admin"],
        "DELETE /v1/webhooks/:id": ["admin"],
        "POST /v1/webhooks/:id/rotate-secret": ["admin"],
        "POST /v1/webhooks/:id/test": ["admin"],
        "GET /v1/webhooks/dead-letters": ["admin"],
        "GET /v1/webhooks/:id/deliveries/:event_id": ["admin"],
        "POST /v1/webhooks/:id/deliveries/:event_id/redeliver": ["admin"],
    ]

    @Test("the matrix covers every route the server has")
    func complete() {
        #expect(Set(Routes.table.map { "\($0.method.rawValue) \($0.path)" }) == Set(Self.allowed.keys))
    }

    @Test("every route × every role gives the expected status", arguments: TestDatabases.kinds)
    func matrix(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        try await harness.test { client in
            var failures: [String] = []
            for route in Routes.table {
                let name = "\(route.method.rawValue) \(route.path)"
                let roles = Self.allowed[name] ?? nil
                let uri = route.path.replacingOccurrences(of: ":event_id", with: "evt_none")
                    .replacingOccurrences(of: ":id", with: "none").replacingOccurrences(of: ":seq", with: "1")
                for caller in [nil, "revoked", "signup", "officer", "auditor", "admin"] as [String?] {
                    var headers = harness.headers(caller, idempotencyKey: "matrix-\(UUID().uuidString)")
                    if route.path.hasSuffix("credit-profile") { headers[.ifMatch] = "\"1\"" }
                    let response = try await client.execute(
                        uri: uri, method: route.method, headers: headers,
                        body: route.method == .post ? ByteBuffer(string: "{}") : nil)
                    let status = response.status.code
                    let who = caller ?? "no key"
                    if status >= 500 {
                        failures.append("\(name) as \(who): \(status)")
                    } else if let roles {
                        if caller == nil || caller == "revoked" {
                            if status != 401 { failures.append("\(name) as \(who): \(status), expected 401") }
                        } else if roles.contains(caller!) {
                            if status == 401 || status == 403 { failures.append("\(name) as \(who): \(status), expected access") }
                        } else if status != 403 {
                            failures.append("\(name) as \(who): \(status), expected 403")
                        }
                    } else if status != 200 && !(caller == "revoked" && status == 401) {
                        failures.append("\(name) as \(who): \(status), expected 200")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("a body that tries to set the decision, limit or terms itself is refused and changes nothing",
          arguments: TestDatabases.kinds)
    func cannotDecideForItself(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        try await harness.test { client in
            let before = try await harness.store.statistics()
            for extra in [
                #""decision":{"outcome":"approve"}"#, #""limit":{"amount":"999999.00","currency":"EUR"}"#,
                #""terms":{"code":"NET60"}"#, #""outcome":"approve""#,
            ] {
                var body = Examples.valid(4, crmID: "CRM-SELF")  // a decline on its own merits
                body.removeLast()
                body += "," + extra + "}"
                let response = try await client.execute(
                    uri: "/v1/applications", method: .post,
                    headers: harness.headers("signup", idempotencyKey: "self-\(extra.hashValue)"),
                    body: ByteBuffer(string: body))
                #expect(response.status == .unprocessableContent, "\(extra): \(response.status) \(response.text)")
            }
            let after = try await harness.store.statistics()
            #expect(after.applications == before.applications && after.decisions == before.decisions)
        }
    }
}

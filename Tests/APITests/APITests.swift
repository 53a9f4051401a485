import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import StoreTestSupport
import Testing

@testable import API

@Suite("HTTP API")
struct APITests {
    @Test("health, readiness and the OpenAPI document need no key", arguments: TestDatabases.kinds)
    func publicRoutes(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        try await harness.test { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(try ready.json()["database"] as? String == kind.rawValue)
            let openAPI = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(openAPI.status == .ok)
            #expect(openAPI.headers[.contentType] == "application/yaml")
            #expect(openAPI.text.hasPrefix("openapi: 3.1"))
        }
    }

    @Test("a submission is decided, recorded once, and replayed byte for byte", arguments: TestDatabases.kinds)
    func submitAndReplay(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        let store = harness.store
        try await harness.test { client in
            let body = Examples.valid(0)
            let first = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "order-1"),
                body: ByteBuffer(string: body))
            #expect(first.status == .created)
            let json = try first.json()
            let applicationID = try #require(json["application_id"] as? String)
            #expect(json["customer_id"] as? String != nil)
            #expect(["decided", "in_review"].contains(json["status"] as? String ?? ""))
            let decision = try #require(json["decision"] as? [String: Any])
            #expect(["approve", "refer", "decline"].contains(decision["outcome"] as? String ?? ""))
            #expect((decision["policy"] as? [String: Any])?["id"] as? String == "standard")

            let retry = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "order-1"),
                body: ByteBuffer(string: body))
            #expect(retry.status == .created)
            #expect(retry.text == first.text)
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")

            let reused = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "order-1"),
                body: ByteBuffer(string: Examples.valid(1)))
            #expect(reused.status == .unprocessableContent)
            #expect(try reused.json()["type"] as? String == "urn:creditgate:problem:idempotency-key-reused")
            // Even when the new body is refused on its own: the key's first answer stands.
            let reusedBadly = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "order-1"),
                body: ByteBuffer(string: #"{"customer": {}}"#))
            #expect(reusedBadly.status == .unprocessableContent)
            #expect(try reusedBadly.json()["type"] as? String == "urn:creditgate:problem:idempotency-key-reused")

            let stats = try await store.statistics()
            #expect(stats.applications == 1)
            #expect(try await store.verifyAuditChain().ok)

            // Read it back: the submitter and an officer may, another signup key may not.
            let own = try await client.execute(
                uri: "/v1/applications/\(applicationID)", method: .get, headers: harness.headers("signup"))
            #expect(own.status == .ok)
            #expect(try own.json()["application_id"] as? String == applicationID)
            let officer = try await client.execute(
                uri: "/v1/applications/\(applicationID)", method: .get, headers: harness.headers("officer"))
            #expect(officer.status == .ok)
            let other = try await client.execute(
                uri: "/v1/applications/\(applicationID)", method: .get, headers: harness.headers("signup2"))
            #expect(other.status == .notFound)

            // The customer's CRM record with its credit profile and history.
            let customerID = try #require(json["customer_id"] as? String)
            let customer = try await client.execute(
                uri: "/v1/customers/\(customerID)", method: .get, headers: harness.headers("officer"))
            #expect(customer.status == .ok)
            let record = try customer.json()
            #expect(record["crm_id"] as? String == "CRM-API-1")
            #expect((record["applications"] as? [Any])?.count == 1)
            let byCRM = try await client.execute(
                uri: "/v1/customers?crm_id=CRM-API-1", method: .get, headers: harness.headers("auditor"))
            #expect(byCRM.text == customer.text)
            let signupCustomer = try await client.execute(
                uri: "/v1/customers/\(customerID)", method: .get, headers: harness.headers("signup"))
            #expect(signupCustomer.status == .forbidden)
        }
    }

    @Test("keys: none, unknown and revoked get the same 401; a wrong role 403", arguments: TestDatabases.kinds)
    func authentication(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        let store = harness.store
        try await harness.test { client in
            let body = ByteBuffer(string: Examples.valid(0))
            var answers: [String] = []
            for headers in [
                harness.headers(nil, idempotencyKey: "k"), harness.headers("revoked", idempotencyKey: "k"),
                [HTTPField.Name.authorization: "Bearer cg_unknown", HTTPField.Name("Idempotency-Key")!: "k"],
                [HTTPField.Name.authorization: "Basic abc", HTTPField.Name("Idempotency-Key")!: "k"],
            ] {
                let response = try await client.execute(
                    uri: "/v1/applications", method: .post, headers: headers, body: body)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
                answers.append(response.text)
            }
            #expect(Set(answers).count == 1)
            for role in ["auditor", "officer"] {
                let response = try await client.execute(
                    uri: "/v1/applications", method: .post, headers: harness.headers(role, idempotencyKey: "k"),
                    body: body)
                #expect(response.status == .forbidden)
            }
            let reload = try await client.execute(
                uri: "/v1/policies/reload", method: .post, headers: harness.headers("signup"))
            #expect(reload.status == .forbidden)
            #expect(try await store.statistics().applications == 0)
        }
    }

    @Test("bad input: every problem is problem+json and nothing is written", arguments: TestDatabases.kinds)
    func badInput(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        let store = harness.store
        try await harness.test { client in
            let before = try await store.statistics()
            func post(_ body: String, key: String? = "k1") async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: key),
                    body: ByteBuffer(string: body))
            }
            let missingKey = try await post(Examples.valid(0), key: nil)
            #expect(missingKey.status == .badRequest)
            #expect(try missingKey.json()["type"] as? String == "urn:creditgate:problem:missing-idempotency-key")

            let malformed = try await post("{\"customer\": ")
            #expect(malformed.status == .badRequest)
            #expect(try malformed.json()["type"] as? String == "urn:creditgate:problem:malformed-json")

            let invalid = try await post(
                #"{"customer":{"crm_id":7,"country":"Germany"},"bureau":{"score":"high","paydex":75,"derogatory_marks":0}}"#
            )
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.headers[.contentType] == "application/problem+json")
            let errors = try #require(try invalid.json()["errors"] as? [[String: Any]])
            let pointers = Set(errors.compactMap { $0["pointer"] as? String })
            for pointer in [
                "/customer/crm_id", "/customer/legal_name", "/customer/country", "/bureau/score",
                "/applicant/country", "/requested/credit_limit",
            ] {
                #expect(pointers.contains(pointer), "missing \(pointer) in \(pointers)")
            }

            let notObject = try await post("[1, 2]")
            #expect(notObject.status == .unprocessableContent)

            let large = try await post("{\"pad\":\"" + String(repeating: "x", count: (1 << 20) + 10) + "\"}")
            #expect(large.status == .contentTooLarge)

            let unknown = try await client.execute(uri: "/v1/nothing", method: .get, headers: harness.headers("signup"))
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            let wrongMethod = try await client.execute(
                uri: "/v1/applications", method: .delete, headers: harness.headers("signup"))
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "POST")
            // A literal path segment wins over a parameter, as in the router.
            let reloadByGet = try await client.execute(
                uri: "/v1/policies/reload", method: .get, headers: harness.headers("signup"))
            #expect(reloadByGet.status == .methodNotAllowed)
            #expect(reloadByGet.headers[.allow] == "POST")

            let after = try await store.statistics()
            #expect(after == before)
        }
    }

    @Test("a quote is a decision recorded nowhere", arguments: TestDatabases.kinds)
    func evaluate(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        let store = harness.store
        try await harness.test { client in
            let before = try await store.statistics()
            let response = try await client.execute(
                uri: "/v1/evaluate", method: .post, headers: harness.headers("signup"),
                body: ByteBuffer(string: Examples.valid(2)))
            #expect(response.status == .ok)
            #expect((try response.json()["decision"] as? [String: Any])?["outcome"] != nil)
            #expect(try await store.statistics() == before)
        }
    }

    @Test("policies: listed; a good reload is audited, a bad one is refused whole", arguments: TestDatabases.kinds)
    func policies(kind: DatabaseKind) async throws {
        let harness = try await APIHarness.make(kind)
        let store = harness.store
        let directory = harness.policiesDirectory
        try await harness.test { client in
            let list = try await client.execute(uri: "/v1/policies", method: .get, headers: harness.headers("signup"))
            #expect(list.status == .ok)
            let policies = try #require(try list.json()["policies"] as? [[String: Any]])
            #expect(policies.map { $0["id"] as? String } == ["standard"])
            #expect(policies.first?["default"] as? Bool == true)
            let one = try await client.execute(
                uri: "/v1/policies/standard", method: .get, headers: harness.headers("officer"))
            #expect(one.status == .ok)
            let none = try await client.execute(
                uri: "/v1/policies/nope", method: .get, headers: harness.headers("officer"))
            #expect(none.status == .notFound)

            let good = try await client.execute(
                uri: "/v1/policies/reload", method: .post, headers: harness.headers("admin"))
            #expect(good.status == .ok)
            let actions = try await store.auditEntries(afterSeq: 0, limit: 1_000).map(\.action)
            #expect(actions.last == "policies.reloaded")

            try "id: broken\nversion: one\n".write(
                toFile: "\(directory)/broken.yaml", atomically: true, encoding: .utf8)
            let bad = try await client.execute(
                uri: "/v1/policies/reload", method: .post, headers: harness.headers("admin"))
            #expect(bad.status == .unprocessableContent)
            let errors = try #require(try bad.json()["errors"] as? [[String: Any]])
            #expect(errors.contains { ($0["detail"] as? String)?.contains("broken.yaml:2:") == true })
            // The previous policies keep serving.
            let after = try await client.execute(uri: "/v1/policies", method: .get, headers: harness.headers("signup"))
            #expect(after.text == list.text)
            let submit = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "p1"),
                body: ByteBuffer(string: Examples.valid(0)))
            #expect(submit.status == .created)

            // A good reload that changes the policy: a retry still gets its first answer.
            try FileManager.default.removeItem(atPath: "\(directory)/broken.yaml")
            let standard = "\(directory)/standard.yaml"
            let text = try String(contentsOfFile: standard, encoding: .utf8)
            let future = text.replacingOccurrences(
                of: #"effective_from: \S+"#, with: "effective_from: 2999-01-01", options: .regularExpression)
            #expect(future != text)
            try future.write(toFile: standard, atomically: true, encoding: .utf8)
            let changed = try await client.execute(
                uri: "/v1/policies/reload", method: .post, headers: harness.headers("admin"))
            #expect(changed.status == .ok)
            let fresh = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "p2"),
                body: ByteBuffer(string: Examples.valid(1)))
            #expect(fresh.status == .serviceUnavailable, "the new policy is not in effect yet")
            let retry = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "p1"),
                body: ByteBuffer(string: Examples.valid(0)))
            #expect(retry.status == .created)
            #expect(retry.text == submit.text)

            // /metrics shows the replaced text at 0 and the one in force at 1.
            let oldSHA = try #require(policies.first?["sha256"] as? String)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            let lines = metrics.split(separator: "\n").filter { $0.hasPrefix("creditgate_policy_in_force{") }
            #expect(lines.contains { $0.contains(oldSHA) && $0.hasSuffix(" 0.0") })
            #expect(lines.contains { !$0.contains(oldSHA) && $0.hasSuffix(" 1.0") })
        }
    }

    @Test("/metrics: requests by route and status, decisions by outcome, policies in force")
    func metrics() async throws {
        let harness = try await APIHarness.make(.sqlite)
        try await harness.test { client in
            _ = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: "m1"),
                body: ByteBuffer(string: Examples.valid(0)))
            _ = try await client.execute(uri: "/v1/applications/app_nope", method: .get, headers: harness.headers("signup"))
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            let text = response.text
            #expect(text.contains(#"creditgate_http_requests_total{method="POST",route="/v1/applications",status="201"} 1"#))
            #expect(text.contains(#"route="/v1/applications/:id",status="404""#), "ids never become label values")
            #expect(text.contains("creditgate_http_request_duration_seconds_bucket"))
            #expect(text.contains(#"creditgate_decisions_total{outcome="#))
            #expect(text.contains(#"creditgate_policy_in_force{id="standard",version="1""#))
            #expect(!text.contains(#"route="/v1/policies/:id",status="200""#))
            #expect(!text.contains("app_nope"))
        }
    }

    @Test("a key over its rate limit gets 429 with Retry-After, and nothing is written")
    func rateLimit() async throws {
        let harness = try await APIHarness.make(.sqlite)
        let store = harness.store
        try await harness.test(settings: ServerSettings(rateLimit: 1)) { client in
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for index in 0..<6 {
                let response = try await client.execute(
                    uri: "/v1/applications", method: .post,
                    headers: harness.headers("signup", idempotencyKey: "r\(index)"),
                    body: ByteBuffer(string: Examples.valid(index, crmID: "CRM-R\(index)")))
                statuses.append(response.status)
                if response.status == .tooManyRequests {
                    retryAfter = response.headers[.retryAfter]
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            // A burst of two, then one a second: however slow the machine, some are refused.
            #expect(statuses.prefix(2).allSatisfy { $0 == .created })
            #expect(statuses.contains(.tooManyRequests))
            #expect(retryAfter == "1")
            #expect(try await store.statistics().applications == statuses.filter { $0 == .created }.count)
            // Another key has its own bucket.
            let other = try await client.execute(
                uri: "/v1/applications", method: .post, headers: harness.headers("signup2", idempotencyKey: "o1"),
                body: ByteBuffer(string: Examples.valid(5, crmID: "CRM-O1")))
            #expect(other.status == .created)
        }
    }

    @Test("the token bucket: a burst, then the rate, per key")
    func tokenBucket() {
        let limiter = RateLimiter(perSecond: 2, burst: 4)
        let start = ContinuousClock.now
        for _ in 0..<4 { #expect(limiter.take("a", now: start) == nil) }
        #expect(limiter.take("a", now: start) == 1)
        #expect(limiter.take("b", now: start) == nil, "another key has its own bucket")
        #expect(limiter.take("a", now: start + .milliseconds(500)) == nil, "one token back after 0.5 s at 2/s")
        #expect(limiter.take("a", now: start + .milliseconds(500)) == 1)
        for _ in 0..<4 { #expect(limiter.take("a", now: start + .seconds(60)) == nil) }
        #expect(limiter.take("a", now: start + .seconds(60)) != nil, "never more than the burst")
    }

    @Test("several live policies: the highest-priority applies_to that holds decides, else the default")
    func severalPolicies() async throws {
        let directory = try APIHarness.copyOfPolicies()
        let standard = try String(contentsOfFile: "\(directory)/standard.yaml", encoding: .utf8)
        let large =
            standard.replacingOccurrences(of: "id: standard", with: "id: large")
            + "\napplies_to:\n  when: requested.credit_limit > 100000\n  priority: 10\n"
        try large.write(toFile: "\(directory)/large.yaml", atomically: true, encoding: .utf8)
        let harness = try await APIHarness.make(.sqlite, policies: directory)
        try await harness.test { client in
            func policyID(requesting amount: Int, key: String) async throws -> String? {
                let body = Examples.valid(0).replacingOccurrences(
                    of: #""credit_limit":\s*[0-9.]+"#, with: "\"credit_limit\":\(amount)", options: .regularExpression)
                let response = try await client.execute(
                    uri: "/v1/applications", method: .post, headers: harness.headers("signup", idempotencyKey: key),
                    body: ByteBuffer(string: body))
                #expect(response.status == .created, "\(response.text)")
                let decision = try response.json()["decision"] as? [String: Any]
                return (decision?["policy"] as? [String: Any])?["id"] as? String
            }
            #expect(try await policyID(requesting: 250_000, key: "big") == "large")
            #expect(try await policyID(requesting: 20_000, key: "small") == "standard")

            let list = try await client.execute(uri: "/v1/policies", method: .get, headers: harness.headers("officer"))
            let policies = try #require(try list.json()["policies"] as? [[String: Any]])
            let largeEntry = try #require(policies.first { $0["id"] as? String == "large" })
            #expect((largeEntry["applies_to"] as? [String: Any])?["priority"] as? Int == 10)
            #expect(largeEntry["default"] as? Bool == false)

            // Two policies with one priority cannot both decide: the reload is refused.
            try large.replacingOccurrences(of: "id: large", with: "id: huge").write(
                toFile: "\(directory)/huge.yaml", atomically: true, encoding: .utf8)
            let reload = try await client.execute(
                uri: "/v1/policies/reload", method: .post, headers: harness.headers("admin"))
            #expect(reload.status == .unprocessableContent)
            #expect(reload.text.contains("priority 10 is also used by"))
        }
    }
}

import CreditPolicy
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import StoreTestSupport
import Synchronization
import Testing

@testable import Onboarding

/// Officers at work through the real router, on both databases: the queue, each action and
/// each conflict, four eyes, authority, the request-information round trip, overrides under
/// `If-Match`, and the summary report on known data.
@Suite("Officer API")
struct OfficerAPITests {
    /// Example line 3 is referred (LARGE_LIMIT): tier A, NET60, a proposed limit of 250,000 EUR.
    static func referral(_ crmID: String) -> String { Examples.valid(3, crmID: crmID) }

    struct Client {
        let harness: APIHarness
        let client: any TestClientProtocol

        @discardableResult
        func call(
            _ method: HTTPRequest.Method, _ uri: String, as role: String?, body: String? = nil,
            idempotencyKey: String? = nil, ifMatch: String? = nil
        ) async throws -> TestResponse {
            try await client.execute(
                uri: uri, method: method,
                headers: harness.headers(role, idempotencyKey: idempotencyKey, ifMatch: ifMatch),
                body: body.map { ByteBuffer(string: $0) })
        }

        /// Submits a referral and returns (application id, review id).
        func refer(_ crmID: String) async throws -> (application: String, review: String) {
            let submitted = try await call(
                .post, "/v1/applications", as: "signup", body: OfficerAPITests.referral(crmID), idempotencyKey: crmID)
            #expect(submitted.status == .created)
            let application = try #require(try submitted.json()["application_id"] as? String)
            let list = try await call(.get, "/v1/reviews?limit=500", as: "alice")
            let reviews = try #require(try list.json()["reviews"] as? [[String: Any]])
            let review = try #require(reviews.first { $0["application_id"] as? String == application })
            return (application, try #require(review["review_id"] as? String))
        }

        func review(_ id: String, as role: String = "alice") async throws -> [String: Any] {
            let response = try await call(.get, "/v1/reviews/\(id)", as: role)
            #expect(response.status == .ok)
            return try response.json()
        }

        func customer(ofApplication application: String) async throws -> [String: Any] {
            let app = try await call(.get, "/v1/applications/\(application)", as: "alice")
            let customerID = try #require(try app.json()["customer_id"] as? String)
            return try await call(.get, "/v1/customers/\(customerID)", as: "alice").json()
        }
    }

    func run(_ kind: DatabaseKind, clock: TestClock? = nil, _ body: @Sendable (Client) async throws -> Void)
        async throws
    {
        let harness = try await APIHarness.make(kind, clock: clock?.read ?? SQLCreditStore.systemClock)
        try await harness.test { client in
            let c = Client(harness: harness, client: client)
            try await body(c)
            try await Self.replayEveryApplication(c)
        }
    }

    /// Every application the test stored replays to byte-identical engine decisions.
    static func replayEveryApplication(_ c: Client) async throws {
        let decided = try await c.harness.store.auditEntries(AuditQuery(action: "application.decided", limit: 10_000))
        #expect(!decided.isEmpty)
        for entry in decided {
            let response = try await c.call(.get, "/v1/applications/\(entry.subjectID)/replay", as: "auditor")
            #expect(response.status == .ok)
            let replay = try response.json()
            #expect(replay["identical"] as? Bool == true, "\(response.text)")
        }
    }

    static func type(_ response: TestResponse) -> String? {
        (try? response.json())?["type"] as? String
    }

    @Test("the queue shows a referral with the engine's proposal; claim, approve within authority, customer updated",
          arguments: TestDatabases.kinds)
    func claimAndApprove(kind: DatabaseKind) async throws {
        try await run(kind) { c in
            let (application, review) = try await c.refer("CRM-OFF-1")
            let listed = try await c.review(review)
            #expect(listed["status"] as? String == "open")
            #expect(listed["reason_code"] as? String == "LARGE_LIMIT")
            let proposal = try #require(listed["proposal"] as? [String: Any])
            #expect((proposal["limit"] as? [String: Any])?["amount"] as? String == "250000.00")
            #expect((listed["requested_limit"] as? [String: Any])?["amount"] as? String == "400000.00")
            #expect((listed["evaluation"] as? [String: Any])?["trace"] != nil)
            #expect((listed["history"] as? [[String: Any]])?.map { $0["action"] as? String } == ["opened"])

            // A note is required; the signup key and the auditor may not act.
            #expect(try await c.call(.post, "/v1/reviews/\(review)/claim", as: "alice", body: "{}").status == .unprocessableContent)
            #expect(try await c.call(.post, "/v1/reviews/\(review)/claim", as: "signup", body: #"{"note":"x"}"#).status == .forbidden)
            #expect(try await c.call(.get, "/v1/reviews", as: "auditor").status == .forbidden)

            let claimed = try await c.call(.post, "/v1/reviews/\(review)/claim", as: "alice", body: #"{"note":"taking it"}"#)
            #expect(claimed.status == .ok)
            #expect(claimed.headers[.eTag] == "\"2\"")
            #expect(try claimed.json()["assignee"] as? String == "alice")
            // Claiming again changes nothing; another officer can neither claim nor decide.
            let again = try await c.call(.post, "/v1/reviews/\(review)/claim", as: "alice", body: #"{"note":"still mine"}"#)
            #expect(again.headers[.eTag] == "\"2\"")
            let stolen = try await c.call(.post, "/v1/reviews/\(review)/claim", as: "carol", body: #"{"note":"mine"}"#)
            #expect(stolen.status == .conflict)
            #expect(try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "carol", body: #"{"outcome":"approve","note":"x"}"#
            ).status == .conflict)
            // A stale If-Match is refused.
            #expect(try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice", body: #"{"outcome":"approve","note":"x"}"#,
                ifMatch: "\"1\""
            ).status == .preconditionFailed)

            let before = try await c.harness.store.statistics()
            let approved = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice",
                body: #"{"outcome":"approve","note":"accounts checked","limit":"90000","terms_code":"NET30"}"#,
                ifMatch: "\"2\"")
            #expect(approved.status == .ok, "\(approved.text)")
            let decided = try approved.json()
            #expect(decided["status"] as? String == "decided")
            #expect(decided["outcome"] as? String == "approve")
            let after = try await c.harness.store.statistics()
            #expect(after.decisions == before.decisions + 1)
            #expect(after.auditEntries == before.auditEntries + 1)
            #expect(after.outboxEvents == before.outboxEvents + 3)

            let customer = try await c.customer(ofApplication: application)
            let profile = try #require(customer["credit_profile"] as? [String: Any])
            #expect(profile["status"] as? String == "active")
            #expect((profile["limit"] as? [String: Any])?["amount"] as? String == "90000.00")
            #expect(profile["terms_code"] as? String == "NET30")
            let app = try await c.call(.get, "/v1/applications/\(application)", as: "signup").json()
            #expect(app["status"] as? String == "decided")
            let decisions = try #require(app["decisions"] as? [[String: Any]])
            #expect(decisions.map { $0["made_by"] as? String } == ["engine", "officer:alice"])

            // Decided is decided.
            let late = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice", body: #"{"outcome":"decline","note":"x","reason_codes":["LOW_PAYDEX"]}"#)
            #expect(late.status == .conflict)
            #expect(try await c.harness.store.verifyAuditChain().ok)
        }
    }

    @Test("four eyes: above the policy's threshold a second officer confirms; the approver cannot; authority applies",
          arguments: TestDatabases.kinds)
    func fourEyes(kind: DatabaseKind) async throws {
        try await run(kind) { c in
            let (application, review) = try await c.refer("CRM-OFF-2")
            // Bob's authority (50,000) does not cover the proposal (250,000): refused, nothing written.
            let before = try await c.harness.store.statistics()
            let beyond = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "bob", body: #"{"outcome":"approve","note":"fine"}"#)
            #expect(beyond.status == .forbidden)
            #expect(Self.type(beyond) == "urn:creditgate:problem:beyond-authority")
            #expect(try await c.harness.store.statistics().auditEntries == before.auditEntries)
            #expect(try await c.review(review)["version"] as? Int == 1)

            let approved = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice", body: #"{"outcome":"approve","note":"strong file"}"#)
            #expect(approved.status == .ok)
            let pending = try approved.json()
            #expect(pending["status"] as? String == "pending_confirmation")
            #expect((pending["pending_approval"] as? [String: Any])?["approved_by"] as? String == "alice")
            // Nothing reached the customer yet.
            let waiting = try await c.customer(ofApplication: application)
            #expect((waiting["credit_profile"] as? [String: Any])?["status"] as? String == "in_review")

            let own = try await c.call(.post, "/v1/reviews/\(review)/confirm", as: "alice", body: #"{"note":"me"}"#)
            #expect(own.status == .forbidden)
            #expect(Self.type(own) == "urn:creditgate:problem:four-eyes")
            let small = try await c.call(.post, "/v1/reviews/\(review)/confirm", as: "bob", body: #"{"note":"ok"}"#)
            #expect(Self.type(small) == "urn:creditgate:problem:beyond-authority")
            let confirmed = try await c.call(.post, "/v1/reviews/\(review)/confirm", as: "carol", body: #"{"note":"agree"}"#)
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(try confirmed.json()["status"] as? String == "decided")
            let twice = try await c.call(.post, "/v1/reviews/\(review)/confirm", as: "carol", body: #"{"note":"again"}"#)
            #expect(twice.status == .conflict)

            let customer = try await c.customer(ofApplication: application)
            let profile = try #require(customer["credit_profile"] as? [String: Any])
            #expect(profile["status"] as? String == "active")
            #expect((profile["limit"] as? [String: Any])?["amount"] as? String == "250000.00")
            let decisions = try #require(
                try await c.call(.get, "/v1/applications/\(application)", as: "alice").json()["decisions"] as? [[String: Any]])
            #expect(decisions.last?["made_by"] as? String == "officer:alice")
            #expect(decisions.last?["confirmed_by"] as? String == "officer:carol")
            let history = try #require(try await c.review(review)["history"] as? [[String: Any]])
            #expect(history.map { $0["action"] as? String } == ["opened", "approved", "confirmed"])
            #expect(history.map { $0["actor"] as? String } == ["engine", "alice", "carol"])
        }
    }

    @Test("a decline gives catalogue reasons whose customer texts reach the decision; bad codes are refused",
          arguments: TestDatabases.kinds)
    func decline(kind: DatabaseKind) async throws {
        try await run(kind) { c in
            let (application, review) = try await c.refer("CRM-OFF-3")
            let bad = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice",
                body: #"{"outcome":"decline","note":"no","reason_codes":["SANCTIONS","NOT_A_CODE"],"limit":"5"}"#)
            #expect(bad.status == .unprocessableContent)
            let pointers = try #require(try bad.json()["errors"] as? [[String: Any]]).compactMap { $0["pointer"] as? String }
            #expect(pointers == ["/reason_codes/0", "/reason_codes/1", "/limit"])
            let five = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice",
                body: #"{"outcome":"decline","note":"no","reason_codes":["LOW_PAYDEX","LOW_BUREAU_SCORE","DEROGATORY_MARKS","TRADE_PAYMENT_HISTORY","HIGH_RISK_INDUSTRY"]}"#)
            #expect(five.status == .unprocessableContent)
            let unknown = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice", body: #"{"outcome":"maybe","note":"x"}"#)
            #expect(unknown.status == .unprocessableContent)

            let declined = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice",
                body: #"{"outcome":"decline","note":"exposure too high","reason_codes":["EXPOSURE_TOO_HIGH"]}"#)
            #expect(declined.status == .ok)
            #expect(try declined.json()["outcome"] as? String == "decline")
            let customer = try await c.customer(ofApplication: application)
            #expect((customer["credit_profile"] as? [String: Any])?["status"] as? String == "declined")
            // The decision document carries the customer text of the catalogue reason.
            let decision = try #require(try await c.harness.store.decisions(applicationID: application).last)
            #expect(decision.madeBy == "officer:alice")
            #expect(decision.reasonCodes == ["EXPOSURE_TOO_HIGH"])
            #expect(decision.document.contains("The amount of credit requested is too high for your business"))
        }
    }

    @Test("request information: the customer answers, the application is re-evaluated, the review reopens",
          arguments: TestDatabases.kinds)
    func requestInformation(kind: DatabaseKind) async throws {
        try await run(kind) { c in
            let (application, review) = try await c.refer("CRM-OFF-4")
            let asked = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice",
                body: #"{"outcome":"request_info","note":"limit too large for the file","message":"Please confirm the credit limit you need."}"#)
            #expect(asked.status == .ok)
            #expect(try asked.json()["status"] as? String == "awaiting_info")
            let seen = try await c.call(.get, "/v1/applications/\(application)", as: "signup").json()
            #expect(seen["status"] as? String == "awaiting_info")
            #expect(((seen["review"] as? [String: Any])?["info_request"] as? [String: Any])?["message"] as? String
                == "Please confirm the credit limit you need.")
            // While waiting, officers cannot decide.
            #expect(try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice", body: #"{"outcome":"approve","note":"x"}"#
            ).status == .conflict)

            // A bad answer: every problem, nothing written.
            let before = try await c.harness.store.statistics()
            let bad = try await c.call(
                .post, "/v1/applications/\(application)/information", as: "signup",
                body: #"{"changes":{"bureau":{"score":9999},"requested":{"credit_limit":"lots"}}}"#, idempotencyKey: "info-bad")
            #expect(bad.status == .unprocessableContent)
            let pointers = Set(try #require(try bad.json()["errors"] as? [[String: Any]]).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/bureau/score", "/requested/credit_limit"])
            #expect(try await c.harness.store.statistics().decisions == before.decisions)
            // Another integration's key does not see the application.
            #expect(try await c.call(
                .post, "/v1/applications/\(application)/information", as: "signup2",
                body: #"{"changes":{"requested":{"credit_limit":120000}}}"#, idempotencyKey: "info-other"
            ).status == .notFound)

            let body = #"{"message":"We need 120,000.","changes":{"requested":{"credit_limit":120000}}}"#
            let answered = try await c.call(
                .post, "/v1/applications/\(application)/information", as: "signup", body: body, idempotencyKey: "info-1")
            #expect(answered.status == .ok, "\(answered.text)")
            let answer = try answered.json()
            #expect(answer["status"] as? String == "in_review")
            // 120,000 is under the LARGE_LIMIT rule: the engine now approves in tier A.
            #expect((answer["decision"] as? [String: Any])?["outcome"] as? String == "approve")
            let replay = try await c.call(
                .post, "/v1/applications/\(application)/information", as: "signup", body: body, idempotencyKey: "info-1")
            #expect(replay.text == answered.text)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let second = try await c.call(
                .post, "/v1/applications/\(application)/information", as: "signup", body: body, idempotencyKey: "info-2")
            #expect(second.status == .conflict)

            let reopened = try await c.review(review)
            #expect(reopened["status"] as? String == "open")
            #expect((reopened["proposal"] as? [String: Any])?["outcome"] as? String == "approve")
            #expect(((reopened["proposal"] as? [String: Any])?["limit"] as? [String: Any])?["amount"] as? String == "120000.00")
            #expect((reopened["history"] as? [[String: Any]])?.map { $0["action"] as? String }
                == ["opened", "info_requested", "information_received"])
            #expect(((reopened["application"] as? [String: Any])?["information"] as? [Any])?.count == 1)
            // The officer approves the new proposal: at 120,000 it needs four eyes.
            let approved = try await c.call(
                .post, "/v1/reviews/\(review)/decision", as: "alice", body: #"{"outcome":"approve","note":"as asked"}"#)
            #expect(try approved.json()["status"] as? String == "pending_confirmation")
            #expect(try await c.harness.store.verifyAuditChain().ok)
        }
    }

    @Test("two officers acting on one review at once: exactly one wins, the other gets 409",
          arguments: TestDatabases.kinds)
    func race(kind: DatabaseKind) async throws {
        try await run(kind) { c in
            let (_, review) = try await c.refer("CRM-OFF-5")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for officer in ["alice", "carol", "alice", "carol"] {
                    group.addTask {
                        try await c.call(
                            .post, "/v1/reviews/\(review)/decision", as: officer,
                            body: #"{"outcome":"decline","note":"race","reason_codes":["LOW_PAYDEX"]}"#
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 3, "\(statuses)")
            let decisions = try await c.harness.store.decisions(
                applicationID: try #require(try await c.review(review)["application_id"] as? String))
            #expect(decisions.filter { $0.madeBy != "engine" }.count == 1)
        }
    }

    @Test("overrides: If-Match required and checked, hold and release, authority, terms from the policy",
          arguments: TestDatabases.kinds)
    func overrides(kind: DatabaseKind) async throws {
        try await run(kind) { c in
            let submitted = try await c.call(
                .post, "/v1/applications", as: "signup", body: Examples.valid(0, crmID: "CRM-OFF-6"), idempotencyKey: "o6")
            let customerID = try #require(try submitted.json()["customer_id"] as? String)
            let read = try await c.call(.get, "/v1/customers/\(customerID)", as: "alice")
            let etag = try #require(read.headers[.eTag])
            let path = "/v1/customers/\(customerID)/credit-profile"

            #expect(try await c.call(.post, path, as: "alice", body: #"{"reason":"x","limit":"1000"}"#).status
                == .preconditionRequired)
            #expect(try await c.call(.post, path, as: "alice", body: #"{"reason":"x","limit":"1000"}"#, ifMatch: "\"99\"").status
                == .preconditionFailed)
            #expect(try await c.call(.post, path, as: "signup", body: #"{"reason":"x","limit":"1000"}"#, ifMatch: etag).status
                == .forbidden)
            let invalid = try await c.call(
                .post, path, as: "alice", body: #"{"limit":"-1","terms_code":"NET7","status":"gone","extra":1}"#, ifMatch: etag)
            #expect(invalid.status == .unprocessableContent)
            #expect(Set(try #require(try invalid.json()["errors"] as? [[String: Any]]).compactMap { $0["pointer"] as? String })
                == ["/extra", "/reason", "/limit", "/terms_code", "/status"])
            #expect(try await c.call(.post, path, as: "bob", body: #"{"reason":"x","limit":"60000"}"#, ifMatch: etag).status
                == .forbidden)
            #expect(try await c.call(.post, path, as: "alice", body: #"{"reason":"nothing to release","status":"active"}"#, ifMatch: etag).status
                == .conflict)

            let changed = try await c.call(
                .post, path, as: "alice", body: #"{"reason":"late payments","limit":"15000","terms_code":"NET15"}"#,
                ifMatch: etag)
            #expect(changed.status == .ok, "\(changed.text)")
            let newTag = try #require(changed.headers[.eTag])
            #expect(newTag != etag)
            let profile = try #require(try changed.json()["credit_profile"] as? [String: Any])
            #expect((profile["limit"] as? [String: Any])?["amount"] as? String == "15000.00")
            #expect(profile["terms_code"] as? String == "NET15")
            #expect(profile["deposit_pct"] as? String == "25")
            // The old version is stale now.
            #expect(try await c.call(.post, path, as: "alice", body: #"{"reason":"hold","status":"on_hold"}"#, ifMatch: etag).status
                == .preconditionFailed)
            let held = try await c.call(.post, path, as: "alice", body: #"{"reason":"fraud check","status":"on_hold"}"#, ifMatch: newTag)
            #expect((try held.json()["credit_profile"] as? [String: Any])?["status"] as? String == "on_hold")
            let released = try await c.call(
                .post, path, as: "bob", body: #"{"reason":"cleared","status":"active"}"#, ifMatch: try #require(held.headers[.eTag]))
            #expect((try released.json()["credit_profile"] as? [String: Any])?["status"] as? String == "active")
            #expect(try await c.harness.store.creditOverrides(customerID: customerID).count == 3)
            #expect(try await c.harness.store.verifyAuditChain().ok)
        }
    }

    @Test("the summary report's figures on known data", arguments: TestDatabases.kinds)
    func report(kind: DatabaseKind) async throws {
        let clock = TestClock(Timestamp("2026-11-02T09:00:00Z")!.microseconds)
        try await run(kind, clock: clock) { c in
            // Engine: three approvals (B, A, D), one decline, three referrals.
            for (index, line) in [0, 1, 2, 4].enumerated() {
                _ = try await c.call(
                    .post, "/v1/applications", as: "signup", body: Examples.valid(line, crmID: "CRM-R-\(index)"),
                    idempotencyKey: "r\(index)")
            }
            let first = try await c.refer("CRM-R-10")
            let second = try await c.refer("CRM-R-11")
            _ = try await c.refer("CRM-R-12")
            // An hour later alice declines one; two hours later bob approves the other, changed.
            clock.advance(seconds: 3_600)
            _ = try await c.call(
                .post, "/v1/reviews/\(first.review)/decision", as: "alice",
                body: #"{"outcome":"decline","note":"no","reason_codes":["EXPOSURE_TOO_HIGH"]}"#)
            clock.advance(seconds: 3_600)
            _ = try await c.call(
                .post, "/v1/reviews/\(second.review)/decision", as: "bob",
                body: #"{"outcome":"approve","note":"smaller","limit":"50000","terms_code":"NET30"}"#)
            // Past the 4-hour service level, the third is overdue.
            clock.advance(seconds: 3 * 3_600)

            let forbidden = try await c.call(.get, "/v1/reports/summary", as: "signup")
            #expect(forbidden.status == .forbidden)
            let bad = try await c.call(.get, "/v1/reports/summary?from=yesterday", as: "auditor")
            #expect(bad.status == .badRequest)
            let response = try await c.call(
                .get, "/v1/reports/summary?from=2026-11-01&to=2026-11-03", as: "auditor")
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.json()
            #expect(report["applications"] as? Int == 7)
            let engine = try #require(report["engine"] as? [String: Any])
            #expect(engine["approve"] as? Int == 3 && engine["refer"] as? Int == 3 && engine["decline"] as? Int == 1)
            #expect((engine["approval_rate"] as? NSNumber)?.doubleValue == 0.4286)
            let final = try #require(report["final"] as? [String: Any])
            #expect(final["approve"] as? Int == 4 && final["decline"] as? Int == 2 && final["pending"] as? Int == 1)
            let times = try #require(report["time_to_final_decision"] as? [String: Any])
            let officer = try #require(times["officer"] as? [String: Any])
            #expect(officer["count"] as? Int == 2)
            #expect((officer["median_seconds"] as? NSNumber)?.doubleValue == 3_600)
            #expect((officer["p90_seconds"] as? NSNumber)?.doubleValue == 7_200)
            #expect(((times["engine"] as? [String: Any])?["median_seconds"] as? NSNumber)?.doubleValue == 0)
            let reviews = try #require(report["reviews"] as? [String: Any])
            #expect(reviews["open"] as? Int == 1 && reviews["overdue"] as? Int == 1)
            let overrides = try #require(report["overrides"] as? [String: Any])
            #expect(overrides["decided_reviews"] as? Int == 2 && overrides["overridden"] as? Int == 2)
            let byOfficer = try #require(overrides["by_officer"] as? [[String: Any]])
            #expect(byOfficer.compactMap { $0["officer"] as? String } == ["alice", "bob"])
            let exposure = try #require(report["exposure_by_tier"] as? [[String: Any]])
            #expect(exposure.compactMap { $0["tier"] as? String } == ["A", "B", "D"])
            #expect(exposure.map { ($0["limit"] as? [String: Any])?["amount"] as? String } == ["120000.00", "70000.00", "0.00"])

            // The queue filters: overdue, by assignee.
            let overdue = try await c.call(.get, "/v1/reviews?overdue=true", as: "alice").json()
            #expect((overdue["reviews"] as? [[String: Any]])?.count == 1)
            #expect((overdue["reviews"] as? [[String: Any]])?.first?["overdue"] as? Bool == true)
            let decided = try await c.call(.get, "/v1/reviews?status=decided&assignee=bob", as: "alice").json()
            #expect((decided["reviews"] as? [[String: Any]])?.count == 1)
            #expect(try await c.call(.get, "/v1/reviews?status=nope&limit=0", as: "alice").status == .badRequest)
        }
    }

    @Test("percentiles are nearest-rank; rates round half up to four places")
    func figures() {
        #expect(Onboarding.percentile([], 0.5) == nil)
        #expect(Onboarding.percentile([5], 0.9) == 5)
        #expect(Onboarding.percentile([1, 2, 3, 4], 0.5) == 2)
        #expect(Onboarding.percentile(Array(1...10), 0.9) == 9)
        #expect(Onboarding.percentile(Array(1...11), 0.9) == 10)
        #expect(Onboarding.rate(1, of: 3).description == "0.3333")
        #expect(Onboarding.rate(2, of: 3).description == "0.6667")
        #expect(Onboarding.rate(0, of: 0).description == "0")
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let now: Mutex<Int64>
    init(_ start: Int64) { now = Mutex(start) }
    var read: @Sendable () -> Int64 { { self.now.withLock { $0 } } }
    func advance(seconds: Int64) { now.withLock { $0 += seconds * 1_000_000 } }
}

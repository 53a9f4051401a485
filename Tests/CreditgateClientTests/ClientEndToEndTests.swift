import CreditgateClient
import Foundation
import Testing

@Suite struct ClientEndToEndTests {
    static let token = "cg_test_secret"

    static func problem(_ status: Int, _ type: String, _ detail: String) -> StubServer.Reply {
        StubServer.Reply(
            status: status, headers: ["Content-Type": "application/problem+json"],
            body: #"{"type":"urn:creditgate:problem:\#(type)","title":"T","status":\#(status),"detail":"\#(detail)"}"#)
    }

    @Test func listSendsTheBearerKeyAndKeepsTheBytes() async throws {
        let server = try await StubServer.start { _ in
            StubServer.Reply(status: 200, headers: ["Content-Type": "application/json", "ETag": "\"7\""], body: Samples.reviewList)
        }
        let answer = try await CreditgateClient.withClient(baseURL: server.url + "/", token: Self.token) { client in
            try await client.reviews(ReviewFilter(statuses: [.open], overdueOnly: true))
        }
        try await server.shutdown()
        #expect(answer.value.reviews.first?.reviewID == "rev_1")
        #expect(answer.body == Array(Samples.reviewList.utf8))
        #expect(answer.version == 7)
        let request = try #require(server.requests.first)
        #expect(request.method == "GET" && request.uri == "/v1/reviews?status=open&overdue=true")
        #expect(request.headers["authorization"] == "Bearer \(Self.token)")
    }

    @Test func claimTakenByAnotherOfficerIsAConflict() async throws {
        let server = try await StubServer.start { _ in Self.problem(409, "conflict", "bob holds this review") }
        do {
            _ = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.claim(reviewID: "rev_1", note: "mine")
            }
            Issue.record("expected a conflict")
        } catch let error as ClientError {
            #expect(error.kind == .conflict && error.exitCode == 4)
            #expect(error.message == "bob holds this review")
        }
        try await server.shutdown()
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.uri == "/v1/reviews/rev_1/claim")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.body == #"{"note":"mine"}"#)
    }

    @Test func staleVersionIsRefusedWith412() async throws {
        let server = try await StubServer.start { request in
            if request.method == "GET" {
                return StubServer.Reply(status: 200, headers: ["ETag": "\"4\""], body: Samples.customer)
            }
            guard request.headers["if-match"] == "\"4\"" else {
                return Self.problem(412, "precondition-failed", "the customer changed: it is at version 4")
            }
            return StubServer.Reply(status: 200, body: Samples.customer)
        }
        let change = CreditProfileChange(reason: "Late payments", limit: "20000.00")
        do {
            _ = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.setCreditProfile(customerID: "cus_1", change, ifVersion: 3)
            }
            Issue.record("expected 412")
        } catch let error as ClientError {
            #expect(error.status == 412 && error.exitCode == 4)
            #expect(error.message.hasPrefix("the customer changed: it is at version 4; read the customer again"))
        }
        let updated = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
            let current = try await client.customer(id: "cus_1")
            return try await client.setCreditProfile(customerID: "cus_1", change, ifVersion: current.version!)
        }
        try await server.shutdown()
        #expect(updated.value.version == 4)
        #expect(server.requests.map(\.headers["if-match"]) == ["\"3\"", nil, "\"4\""])
    }

    @Test func connectionRefusedSaysToStartTheServer() async throws {
        // A port that was just free: bind, note it, close.
        let probe = try await StubServer.start { _ in StubServer.Reply(status: 200, body: "{}") }
        let url = probe.url
        try await probe.shutdown()
        do {
            _ = try await CreditgateClient.withClient(baseURL: url, token: Self.token) { client in
                try await client.review(id: "rev_1")
            }
            Issue.record("expected a connection error")
        } catch let error as ClientError {
            #expect(error.kind == .unavailable && error.exitCode == 7)
            #expect(
                error.message
                    == "cannot reach the Creditgate server at \(url): connection refused (is `creditgate serve` running?)")
            #expect(!error.description.contains(Self.token))
        }
    }

    @Test func answerThatIsNotTheContractIsAServerProblem() async throws {
        let server = try await StubServer.start { _ in StubServer.Reply(status: 200, body: #"{"reviews": 5}"#) }
        do {
            _ = try await CreditgateClient.withClient(baseURL: server.url, token: Self.token) { client in
                try await client.reviews()
            }
            Issue.record("expected a decoding error")
        } catch let error as ClientError {
            #expect(error.kind == .unavailable)
            #expect(error.message.contains("could not be read (reviews has another type)"))
        }
        try await server.shutdown()
    }
}

import CreditgateClient
import Testing

@Suite struct ClientErrorTests {
    static func problem(_ status: Int, _ type: String, _ detail: String, errors: String = "") -> [UInt8] {
        let extra = errors.isEmpty ? "" : ",\"errors\":[\(errors)]"
        return Array(
            "{\"type\":\"urn:creditgate:problem:\(type)\",\"title\":\"T\",\"status\":\(status),\"detail\":\"\(detail)\"\(extra)}"
                .utf8)
    }

    @Test(arguments: [
        (404, ClientError.Kind.notFound, Int32(3)), (409, .conflict, 4), (412, .conflict, 4), (428, .conflict, 4),
        (401, .notAllowed, 5), (403, .notAllowed, 5), (400, .refused, 6), (422, .refused, 6), (405, .refused, 6),
        (429, .unavailable, 7), (500, .unavailable, 7), (502, .unavailable, 7), (503, .unavailable, 7),
    ])
    func statusMapsToKindAndExitCode(status: Int, kind: ClientError.Kind, exit: Int32) {
        let error = ClientError.fromResponse(status: status, body: [])
        #expect(error.kind == kind)
        #expect(error.exitCode == exit)
        #expect(error.status == status)
    }

    @Test func conflictUsesTheServersDetail() {
        let error = ClientError.fromResponse(
            status: 409, body: Self.problem(409, "conflict", "bob claimed the review first."))
        #expect(error.message == "bob claimed the review first")
        #expect(error.problemType == "conflict")
        #expect(error.lines == ["bob claimed the review first"])
    }

    @Test func fourEyesAndAuthoritySayWhichRule() {
        let fourEyes = ClientError.fromResponse(
            status: 403, body: Self.problem(403, "four-eyes", "alice approved this review; another officer must confirm"))
        #expect(fourEyes.message == "four eyes: alice approved this review; another officer must confirm")
        #expect(fourEyes.exitCode == 5)
        let authority = ClientError.fromResponse(
            status: 403, body: Self.problem(403, "beyond-authority", "120000.00 EUR is above your authority of 100000.00 EUR"))
        #expect(authority.message == "beyond your authority: 120000.00 EUR is above your authority of 100000.00 EUR")
    }

    @Test func staleVersionSaysWhatToDo() {
        let error = ClientError.fromResponse(
            status: 412, body: Self.problem(412, "precondition-failed", "the customer is at version 5, not 4"))
        #expect(error.message == "the customer is at version 5, not 4; read the customer again and retry with its current version")
        #expect(error.kind == .conflict)
    }

    @Test func invalidInputListsEveryField() {
        let error = ClientError.fromResponse(
            status: 422,
            body: Self.problem(
                422, "invalid-input", "2 fields are invalid",
                errors: #"{"pointer":"/limit","detail":"must be a decimal"},{"pointer":"/terms_code","message":"unknown terms NET99"}"#
            ))
        #expect(error.kind == .refused && error.exitCode == 6)
        #expect(
            error.lines == ["2 fields are invalid", "  /limit: must be a decimal", "  /terms_code: unknown terms NET99"])
    }

    @Test func unauthorizedPointsAtTheKeySettings() {
        let error = ClientError.fromResponse(
            status: 401, body: Self.problem(401, "unauthorized", "send a valid API key as 'Authorization: Bearer KEY'"))
        #expect(error.message == "the server did not accept the API key: check --token, CREDITGATE_TOKEN or the config file")
    }

    @Test func bodyThatIsNotAProblemFallsBackToTheStatus() {
        #expect(
            ClientError.fromResponse(status: 502, body: Array("<html>bad gateway</html>".utf8)).message
                == "the server failed (HTTP 502)")
        #expect(ClientError.fromResponse(status: 404, body: []).message == "not found")
        #expect(
            ClientError.fromResponse(status: 429, body: Self.problem(429, "too-many-requests", "slow down"), retryAfter: "3")
                .message == "slow down; retry after 3 s")
    }

    @Test func everyKindHasItsOwnExitCode() {
        let codes = ClientError.Kind.allCases.map(\.exitCode)
        #expect(Set(codes).count == codes.count)
        #expect(!codes.contains(0) && !codes.contains(1))
    }
}

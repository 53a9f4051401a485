import CreditPolicy
import HTTPTypes
import Hummingbird
import Onboarding
import Store

/// The routes of credit officers (reviews, overrides, the report) and the signup
/// integration's answer to a request for information.
extension Routes {
    func registerOfficerRoutes(on router: Router<CreditgateRequestContext>) {
        router.post("/v1/applications/:id/information") { request, context in
            let key = try context.require(.signup, .admin)
            let idempotencyKey = try Self.requireIdempotencyKey(request)
            var request = request
            let body = try await request.collectBody(upTo: Self.maxBodySize)
            let answer = try await onboarding.answerInformation(
                applicationID: try context.parameters.require("id"), apiKeyID: key.id,
                visibleTo: key.role == .signup ? key.id : nil, body: Array(body.readableBytesView),
                idempotencyKey: idempotencyKey)
            var response = json(HTTPResponse.Status(code: answer.status), answer.body)
            if answer.replayed { response.headers[Self.replayed] = "true" }
            return response
        }
        router.get("/v1/reviews") { request, context in
            try context.require(.officer, .admin)
            let query = request.uri.queryParameters
            var problems: [Problem.FieldError] = []
            var statuses: [ReviewRecord.Status] = []
            for value in query.getAll("status") {
                if let status = ReviewRecord.Status(rawValue: value) {
                    statuses.append(status)
                } else {
                    problems.append(
                        .init(
                            pointer: "/status",
                            detail: "unknown status \(value); use open, awaiting_info, pending_confirmation or decided"))
                }
            }
            var overdue = false
            if let value = query.get("overdue") {
                switch value {
                case "true": overdue = true
                case "false": overdue = false
                default: problems.append(.init(pointer: "/overdue", detail: "must be true or false"))
                }
            }
            var limit = 100
            if let value = query.get("limit") {
                if let n = Int(value), (1...500).contains(n) {
                    limit = n
                } else {
                    problems.append(.init(pointer: "/limit", detail: "must be a whole number from 1 to 500"))
                }
            }
            let assignee = query.get("assignee").flatMap { $0.isEmpty ? nil : $0 }
            guard problems.isEmpty else { throw Self.invalidParameters(problems) }
            return json(
                .ok,
                try await onboarding.reviewsJSON(
                    statuses: statuses, assignee: assignee, overdueOnly: overdue, limit: limit))
        }
        router.get("/v1/reviews/:id") { _, context in
            try context.require(.officer, .admin)
            return versioned(try await onboarding.reviewJSON(id: try context.parameters.require("id")))
        }
        for action in ["claim", "decision", "confirm"] {
            router.post("/v1/reviews/:id/\(action)") { request, context in
                let key = try context.require(.officer)
                let ifMatch = try Self.ifMatch(request)
                var request = request
                let body = Array(try await request.collectBody(upTo: Self.maxBodySize).readableBytesView)
                let id = try context.parameters.require("id")
                let officer = Officer(key: key)
                let result: Versioned
                switch action {
                case "claim":
                    result = try await onboarding.claimReview(id: id, officer: officer, body: body, ifMatch: ifMatch)
                case "decision":
                    result = try await onboarding.decideReview(id: id, officer: officer, body: body, ifMatch: ifMatch)
                default:
                    result = try await onboarding.confirmReview(id: id, officer: officer, body: body, ifMatch: ifMatch)
                }
                return versioned(result)
            }
        }
        router.post("/v1/customers/:id/credit-profile") { request, context in
            let key = try context.require(.officer)
            let ifMatch = try Self.ifMatch(request)
            var request = request
            let body = Array(try await request.collectBody(upTo: Self.maxBodySize).readableBytesView)
            return versioned(
                try await onboarding.overrideCreditProfile(
                    customerID: try context.parameters.require("id"), officer: Officer(key: key), ifMatch: ifMatch,
                    body: body))
        }
        router.get("/v1/reports/summary") { request, context in
            try context.require(.officer, .auditor, .admin)
            let query = request.uri.queryParameters
            var problems: [Problem.FieldError] = []
            let from = Self.time(query.get("from"), "from", &problems)
            let to = Self.time(query.get("to"), "to", &problems)
            if let from, let to, from >= to {
                problems.append(.init(pointer: "/from", detail: "must be before to"))
            }
            guard problems.isEmpty else { throw Self.invalidParameters(problems) }
            return json(.ok, try await onboarding.summaryJSON(fromMicros: from, toMicros: to))
        }
    }

    static func requireIdempotencyKey(_ request: Request) throws -> String {
        guard let key = request.headers[Self.idempotencyKey], !key.isEmpty else {
            throw Problem(
                status: .badRequest, type: "missing-idempotency-key", title: "Bad Request",
                detail: "send an Idempotency-Key header (a unique string per request, reused on retries)")
        }
        guard key.utf8.count <= 255 else {
            throw Problem(
                status: .badRequest, type: "invalid-idempotency-key", title: "Bad Request",
                detail: "the Idempotency-Key must be at most 255 bytes")
        }
        return key
    }

    /// The version in `If-Match` (`"3"`, `W/"3"` or `3`), if the header is there.
    static func ifMatch(_ request: Request) throws -> Int64? {
        guard var value = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if value.hasPrefix("W/") { value.removeFirst(2) }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        guard let version = Int64(value), version >= 1 else {
            throw Problem(
                status: .badRequest, type: "invalid-parameter", title: "Bad Request",
                detail: "If-Match must be the record's version as its ETag gives it, e.g. \"3\"")
        }
        return version
    }

    /// A time parameter: a date (`2026-11-01`, midnight UTC) or an RFC 3339 time, from 1970
    /// to 9999.
    static func time(_ text: String?, _ name: String, _ problems: inout [Problem.FieldError]) -> Int64? {
        guard var text else { return nil }
        // A form-encoded space (`+`) between date and time, as HTML forms and many clients send it.
        if text.utf8.count > 10, text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: 10)] == UInt8(ascii: "+") {
            text = String(text.prefix(10)) + "T" + String(text.dropFirst(11))
        }
        guard let timestamp = Timestamp(text), timestamp >= Self.earliest, timestamp < Self.latest else {
            problems.append(
                .init(
                    pointer: "/\(name)",
                    detail: "must be a date (2026-11-01) or an RFC 3339 time between 1970 and 9999"))
            return nil
        }
        return timestamp.microseconds
    }

    static let earliest = Timestamp(microseconds: 0)
    static let latest = Timestamp("9999-01-01T00:00:00Z")!

    static func invalidParameters(_ problems: [Problem.FieldError]) -> Problem {
        Problem(
            status: .badRequest, type: "invalid-parameter", title: "Bad Request",
            detail: "\(problems.count) query parameter\(problems.count == 1 ? " is" : "s are") invalid", errors: problems)
    }
}

/// A JSON response with the record's version as its `ETag`.
func versioned(_ document: Versioned) -> Response {
    var response = json(.ok, document.json)
    response.headers[.eTag] = "\"\(document.version)\""
    return response
}

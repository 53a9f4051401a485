import Foundation

/// Filters for the review queue (`GET /v1/reviews`).
public struct ReviewFilter: Hashable, Sendable {
    /// Only these statuses; empty means the server's default (every status except `decided`).
    public var statuses: [ReviewStatus]
    /// Only reviews this officer holds.
    public var assignee: String?
    /// Only reviews past their due time.
    public var overdueOnly: Bool
    /// At most this many (1–500; the server's default is 100).
    public var limit: Int?

    /// Creates a filter; no arguments means the server's default queue.
    public init(statuses: [ReviewStatus] = [], assignee: String? = nil, overdueOnly: Bool = false, limit: Int? = nil) {
        self.statuses = statuses
        self.assignee = assignee
        self.overdueOnly = overdueOnly
        self.limit = limit
    }
}

/// An officer's decision on a review (`POST /v1/reviews/{id}/decision`).
public enum ReviewDecision: Hashable, Sendable {
    /// Approve with the engine's proposal, or other terms and/or another limit.
    /// - Parameters:
    ///   - limit: An exact decimal amount in the policy's currency, e.g. `"120000.00"`.
    ///   - termsCode: A terms code of one of the policy's tiers, e.g. `NET30`.
    case approve(note: String, limit: String? = nil, termsCode: String? = nil)
    /// Decline with 1–4 codes from the policy's reason catalogue.
    case decline(note: String, reasonCodes: [String])
    /// Ask the customer for more information; `message` is customer-facing.
    case requestInfo(note: String, message: String)
}

/// A change to a customer's credit profile (`POST /v1/customers/{id}/credit-profile`).
public struct CreditProfileChange: Hashable, Sendable {
    /// Why: recorded in the audit trail.
    public var reason: String
    /// A new limit, an exact decimal in the policy's currency.
    public var limit: String?
    /// New payment terms.
    public var termsCode: String?
    /// `on_hold` (hold) or `active` (release).
    public var status: String?

    /// Creates a change.
    public init(reason: String, limit: String? = nil, termsCode: String? = nil, status: String? = nil) {
        self.reason = reason
        self.limit = limit
        self.termsCode = termsCode
        self.status = status
    }
}

extension OfficerRequest {
    /// `GET /v1/reviews`.
    public static func reviews(_ filter: ReviewFilter) -> OfficerRequest {
        var query = filter.statuses.map { QueryItem("status", $0.rawValue) }
        if let assignee = filter.assignee { query.append(QueryItem("assignee", assignee)) }
        if filter.overdueOnly { query.append(QueryItem("overdue", "true")) }
        if let limit = filter.limit { query.append(QueryItem("limit", String(limit))) }
        return OfficerRequest(.get, ["v1", "reviews"], query: query)
    }

    /// `GET /v1/reviews/{id}`.
    public static func review(id: String) -> OfficerRequest {
        OfficerRequest(.get, ["v1", "reviews", id])
    }

    /// `POST /v1/reviews/{id}/claim`.
    public static func claim(reviewID: String, note: String, ifVersion: Int? = nil) -> OfficerRequest {
        OfficerRequest(.post, ["v1", "reviews", reviewID, "claim"], body: json(["note": note]), ifMatch: ifVersion)
    }

    /// `POST /v1/reviews/{id}/decision`.
    public static func decide(reviewID: String, _ decision: ReviewDecision, ifVersion: Int? = nil) -> OfficerRequest {
        var body: [String: JSONNode]
        switch decision {
        case .approve(let note, let limit, let termsCode):
            body = ["outcome": .string("approve"), "note": .string(note)]
            if let limit { body["limit"] = .string(limit) }
            if let termsCode { body["terms_code"] = .string(termsCode) }
        case .decline(let note, let reasonCodes):
            body = [
                "outcome": .string("decline"), "note": .string(note),
                "reason_codes": .array(reasonCodes.map(JSONNode.string)),
            ]
        case .requestInfo(let note, let message):
            body = ["outcome": .string("request_info"), "note": .string(note), "message": .string(message)]
        }
        return OfficerRequest(.post, ["v1", "reviews", reviewID, "decision"], body: json(body), ifMatch: ifVersion)
    }

    /// `POST /v1/reviews/{id}/confirm`.
    public static func confirm(reviewID: String, note: String, ifVersion: Int? = nil) -> OfficerRequest {
        OfficerRequest(.post, ["v1", "reviews", reviewID, "confirm"], body: json(["note": note]), ifMatch: ifVersion)
    }

    /// `GET /v1/customers/{id}`.
    public static func customer(id: String) -> OfficerRequest {
        OfficerRequest(.get, ["v1", "customers", id])
    }

    /// `GET /v1/customers?crm_id=…`.
    public static func customer(crmID: String) -> OfficerRequest {
        OfficerRequest(.get, ["v1", "customers"], query: [QueryItem("crm_id", crmID)])
    }

    /// `POST /v1/customers/{id}/credit-profile` with `If-Match`.
    public static func setCreditProfile(
        customerID: String, _ change: CreditProfileChange, ifVersion: Int
    ) -> OfficerRequest {
        var body: [String: JSONNode] = ["reason": .string(change.reason)]
        if let limit = change.limit { body["limit"] = .string(limit) }
        if let termsCode = change.termsCode { body["terms_code"] = .string(termsCode) }
        if let status = change.status { body["status"] = .string(status) }
        return OfficerRequest(
            .post, ["v1", "customers", customerID, "credit-profile"], body: json(body), ifMatch: ifVersion)
    }

    /// `GET /v1/applications/{id}`.
    public static func application(id: String) -> OfficerRequest {
        OfficerRequest(.get, ["v1", "applications", id])
    }

    /// `GET /v1/reports/summary`; each bound is RFC 3339 (the server defaults to the last 30 days).
    public static func summary(from: String?, to: String?) -> OfficerRequest {
        var query: [QueryItem] = []
        if let from { query.append(QueryItem("from", from)) }
        if let to { query.append(QueryItem("to", to)) }
        return OfficerRequest(.get, ["v1", "reports", "summary"], query: query)
    }

    /// A JSON body with sorted keys, so equal requests are equal bytes.
    static func json(_ members: [String: JSONNode]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a dictionary of JSON values cannot fail.
        return Array((try? encoder.encode(members)) ?? Data("{}".utf8))
    }

    /// A JSON body from string members.
    static func json(_ members: [String: String]) -> [UInt8] {
        json(members.mapValues(JSONNode.string))
    }
}

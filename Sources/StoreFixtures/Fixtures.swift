import Foundation
import Store

/// Records for conformance checks: realistic, deterministic, and different per index.
public enum Fixtures {
    /// A fixed instant: 2026-11-22T10:00:00Z in microseconds.
    public static let now: Int64 = 1_795_341_600_000_000

    /// A policy version to record before submitting.
    public static let policy = PolicyVersionRecord(
        sha256: SHA256Hex.of(policySource), policyID: "standard", version: 1, source: policySource,
        loadedAtMicros: now)

    /// A small policy text (the store does not parse it).
    public static let policySource = """
        id: standard
        version: 1
        description: "Conformance fixture — ünïcode survives"
        """

    /// A submission for application `index` of customer `crmID`.
    public static func submission(
        index: Int, crmID: String? = nil, outcome: DecisionRecord.Outcome = .approve,
        idempotencyKey: String? = nil, apiKeyID: String = "key-1", policySHA256: String = policy.sha256,
        body: String? = nil
    ) -> Submission {
        let crm = crmID ?? "CRM-\(index)"
        let document =
            body
            ?? #"{"customer":{"crm_id":"\#(crm)","legal_name":"Bäckerei \#(index) GmbH"},"bureau":{"score":\#(600 + index % 300)},"requested":{"credit_limit":"25000.00"},"note":"\u2028 line\nbreak"}"#
        let applicationID = "app-\(index)-\(UUID().uuidString.lowercased())"
        let time = now + Int64(index)
        let limit = outcome == .approve ? "26000.00" : "0.00"
        let reasons: [String] =
            switch outcome {
            case .approve: []
            case .refer: ["LARGE_REQUEST"]
            case .decline: ["SANCTIONS", "BANKRUPTCY"]
            }
        let decision = DecisionRecord(
            id: "dec-\(applicationID)", applicationID: applicationID, madeBy: "engine", outcome: outcome,
            tier: outcome == .decline ? nil : "B", points: outcome == .decline ? nil : 95,
            termsCode: outcome == .approve ? "NET30" : nil, netDays: outcome == .approve ? 30 : nil,
            depositPct: "0", limitAmount: limit, currency: "EUR", reasonCodes: reasons,
            document: #"{"outcome":"\#(outcome.rawValue)","limit":{"amount":"\#(limit)","currency":"EUR"}}"#,
            policyID: "standard", policyVersion: 1, policySHA256: policySHA256, evaluatedAtMicros: time,
            createdAtMicros: time)
        let profile: CreditProfile =
            switch outcome {
            case .approve:
                CreditProfile(
                    status: .active, limit: limit, currency: "EUR", termsCode: "NET30", netDays: 30, depositPct: "0",
                    tier: "B", nextReviewDate: "2027-11-22")
            case .refer: CreditProfile(status: .inReview)
            case .decline: CreditProfile(status: .declined, limit: "0.00", currency: "EUR")
            }
        let review = outcome == .refer ? NewReview(id: "rev-\(applicationID)", reasonCode: "LARGE_REQUEST", dueAtMicros: time + 4 * 3_600_000_000) : nil
        return Submission(
            customer: CustomerFacts(
                crmID: crm, legalName: "Bäckerei \(index) GmbH", registrationNumber: "HRB \(index)", country: "DE",
                contactEmail: "credit\(index)@example.com"),
            newCustomerID: "cus-\(UUID().uuidString.lowercased())",
            profile: profile,
            application: NewApplication(
                id: applicationID, apiKeyID: apiKeyID, document: document, documentSHA256: SHA256Hex.of(document),
                policySHA256: policySHA256, receivedAtMicros: time),
            decision: decision,
            review: review,
            actor: "key:\(apiKeyID)",
            idempotency: idempotencyKey.map {
                IdempotencyRequest(
                    apiKeyID: apiKeyID, key: $0, requestSHA256: SHA256Hex.of(document),
                    expiresAtMicros: time + 86_400_000_000)
            },
            respond: { receipt in
                StoredResponse(
                    status: 201,
                    body:
                        #"{"application_id":"\#(receipt.applicationID)","customer_id":"\#(receipt.customerID)","status":"\#(outcome == .refer ? "in_review" : "decided")"}"#
                )
            },
            events: { receipt in
                var events = [
                    NewOutboxEvent(
                        id: "evt-\(applicationID)-received", type: "application.received", subjectID: applicationID,
                        payload: #"{"application_id":"\#(applicationID)","customer_id":"\#(receipt.customerID)"}"#),
                    NewOutboxEvent(
                        id: "evt-\(applicationID)-decision", type: "decision.made", subjectID: applicationID,
                        payload: #"{"application_id":"\#(applicationID)","outcome":"\#(outcome.rawValue)"}"#),
                ]
                if let review {
                    events.append(
                        NewOutboxEvent(
                            id: "evt-\(applicationID)-review", type: "review.opened", subjectID: review.id,
                            payload: #"{"review_id":"\#(review.id)"}"#))
                }
                return events
            })
    }
}

import CreditPolicy

/// The JSON the API answers with. Written with a fixed member order, so the same decision is
/// always the same bytes (a retry replays them exactly anyway).
public enum DecisionSummary {
    /// The 201 body of `POST /v1/applications`.
    static func applicationBody(applicationID: String, customerID: String, status: String, decision: Decision)
        -> String
    {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("application_id")
        w.string(applicationID)
        w.key("customer_id")
        w.string(customerID)
        w.key("status")
        w.string(status)
        w.key("decision")
        write(decision, to: &w)
        w.endObject()
        return w.string
    }

    /// The body of `POST /v1/evaluate`.
    static func quoteBody(_ decision: Decision) -> String {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("decision")
        write(decision, to: &w)
        w.endObject()
        return w.string
    }

    /// An outbox event's payload: ids and, for `decision.made`, the decision.
    static func eventBody(applicationID: String, customerID: String, decision: Decision?, reviewID: String? = nil)
        -> String
    {
        var w = JSONWriter(capacity: 512)
        w.beginObject()
        w.key("application_id")
        w.string(applicationID)
        w.key("customer_id")
        w.string(customerID)
        if let reviewID {
            w.key("review_id")
            w.string(reviewID)
        }
        if let decision {
            w.key("decision")
            write(decision, to: &w)
        }
        w.endObject()
        return w.string
    }

    /// The decision as the signup integration sees it: reasons with their customer text only.
    public static func write(_ decision: Decision, to w: inout JSONWriter) {
        w.beginObject()
        w.key("outcome")
        w.string(decision.outcome.rawValue)
        w.key("tier")
        w.optionalString(decision.tier)
        w.key("points")
        w.optionalInt(decision.points.map(Int64.init))
        w.key("terms")
        w.terms(decision.terms)
        w.key("limit")
        w.money(amount: decision.limit.amountText, currency: decision.limit.currency)
        w.key("reasons")
        w.reasons(decision.reasons.map { ($0.code, $0.customerText) })
        // Why credit was refused or granted on worse terms than asked (1–4 principal factors).
        w.key("adverse_action")
        if let adverse = decision.adverseAction {
            w.beginObject()
            w.key("kind")
            w.string(adverse.kind.rawValue)
            w.key("reasons")
            w.reasons(adverse.factors.map { ($0.reason.code, $0.reason.customerText) })
            w.endObject()
        } else {
            w.null()
        }
        w.key("policy")
        w.policyReference(id: decision.policy.id, version: decision.policy.version, sha256: decision.policy.sha256)
        w.key("evaluated_at")
        w.timestamp(decision.evaluatedAt)
        w.endObject()
    }
}

import AuditTrail
import CreditPolicy
import Store

extension Onboarding {
    /// An application with its decisions and review, as JSON (`GET /v1/applications/{id}`).
    /// - Parameter visibleTo: when set, only an application this API key submitted is found.
    public func applicationJSON(id: String, visibleTo apiKeyID: String?) async throws -> String {
        guard let application = try await store.application(id: id),
            apiKeyID == nil || application.apiKeyID == apiKeyID
        else {
            throw OnboardingError.notFound(kind: "application", id: id)
        }
        let decisions = try await store.decisions(applicationID: id)
        let review = try await store.review(applicationID: id)
        var w = JSONWriter(capacity: 2048)
        writeApplication(application, decisions: decisions, review: review, to: &w)
        return w.string
    }

    /// A customer's CRM record, credit profile and decision history, as JSON
    /// (`GET /v1/customers/{id}`, `GET /v1/customers?crm_id=`).
    public func customerJSON(id: String?, crmID: String?) async throws -> String {
        try await customerDocument(id: id, crmID: crmID).json
    }

    /// The customer's JSON and version (for `ETag`).
    public func customerDocument(id: String?, crmID: String?) async throws -> Versioned {
        let found: CustomerRecord?
        if let id {
            found = try await store.customer(id: id)
        } else if let crmID {
            found = try await store.customer(crmID: crmID)
        } else {
            found = nil
        }
        guard let customer = found else {
            throw OnboardingError.notFound(kind: "customer", id: id ?? crmID ?? "")
        }
        let applications = try await store.applications(customerID: customer.id, limit: 100)
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("customer_id")
        w.string(customer.id)
        w.key("crm_id")
        w.string(customer.facts.crmID)
        w.key("legal_name")
        w.string(customer.facts.legalName)
        w.key("registration_number")
        w.optionalString(customer.facts.registrationNumber)
        w.key("country")
        w.optionalString(customer.facts.country)
        w.key("contact_email")
        w.optionalString(customer.facts.contactEmail)
        w.key("credit_profile")
        w.beginObject()
        w.key("status")
        w.string(customer.profile.status.rawValue)
        w.key("limit")
        if let limit = customer.profile.limit, let currency = customer.profile.currency {
            w.money(amount: limit, currency: currency)
        } else {
            w.null()
        }
        w.key("terms_code")
        w.optionalString(customer.profile.termsCode)
        w.key("net_days")
        w.optionalInt(customer.profile.netDays)
        w.key("deposit_pct")
        w.optionalString(customer.profile.depositPct)
        w.key("tier")
        w.optionalString(customer.profile.tier)
        w.key("next_review_date")
        w.optionalString(customer.profile.nextReviewDate)
        w.endObject()
        w.key("version")
        w.int(Int(customer.version))
        w.key("applications")
        w.beginArray()
        for application in applications {
            let decisions = try await store.decisions(applicationID: application.id)
            let review = try await store.review(applicationID: application.id)
            writeApplication(application, decisions: decisions, review: review, to: &w)
        }
        w.endArray()
        w.endObject()
        return Versioned(json: w.string, version: customer.version)
    }

    /// One application with its decisions and review.
    func writeApplication(
        _ application: ApplicationRecord, decisions: [DecisionRecord], review: ReviewRecord?, to w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("application_id")
        w.string(application.id)
        w.key("customer_id")
        w.string(application.customerID)
        w.key("status")
        w.string(Self.status(decisions: decisions, review: review))
        w.key("received_at")
        w.timestamp(Timestamp(microseconds: application.receivedAtMicros))
        w.key("decisions")
        w.beginArray()
        for decision in decisions {
            w.beginObject()
            w.key("decision_id")
            w.string(decision.id)
            w.key("made_by")
            w.string(decision.madeBy)
            w.key("confirmed_by")
            w.optionalString(decision.confirmedBy)
            w.key("outcome")
            w.string(decision.outcome.rawValue)
            w.key("tier")
            w.optionalString(decision.tier)
            w.key("points")
            w.optionalInt(decision.points)
            w.key("terms_code")
            w.optionalString(decision.termsCode)
            w.key("net_days")
            w.optionalInt(decision.netDays)
            w.key("deposit_pct")
            w.string(decision.depositPct)
            w.key("limit")
            w.money(amount: decision.limitAmount, currency: decision.currency)
            w.key("reason_codes")
            w.beginArray()
            for code in decision.reasonCodes { w.string(code) }
            w.endArray()
            w.key("policy")
            w.policyReference(id: decision.policyID, version: Int(decision.policyVersion), sha256: decision.policySHA256)
            w.key("evaluated_at")
            w.timestamp(Timestamp(microseconds: decision.evaluatedAtMicros))
            w.endObject()
        }
        w.endArray()
        w.key("review")
        if let review {
            w.beginObject()
            w.key("review_id")
            w.string(review.id)
            w.key("status")
            w.string(review.status.rawValue)
            w.key("reason_code")
            w.string(review.reasonCode)
            w.key("due_at")
            w.timestamp(Timestamp(microseconds: review.dueAtMicros))
            // What the customer is asked for, while the review waits on it.
            w.key("info_request")
            if review.status == .awaitingInfo, let text = review.infoRequest,
                let message = (try? CanonicalJSON.parse(text))?["message"]?.text
            {
                w.beginObject()
                w.key("message")
                w.string(message)
                w.endObject()
            } else {
                w.null()
            }
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
    }

    /// `decided` once the engine or an officer decided, `awaiting_info` while the customer is
    /// asked for more, else `in_review`.
    static func status(decisions: [DecisionRecord], review: ReviewRecord?) -> String {
        guard let review else { return "decided" }
        switch review.status {
        case .decided: return "decided"
        case .awaitingInfo: return "awaiting_info"
        case .open, .pendingConfirmation: return "in_review"
        }
    }
}

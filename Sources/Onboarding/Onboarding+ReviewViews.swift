import AuditTrail
import CreditPolicy
import Store

/// A JSON document and the version of the record it shows (the HTTP `ETag`).
public struct Versioned: Sendable, Hashable {
    /// The JSON body.
    public var json: String
    /// The record's version.
    public var version: Int64
}

/// What officers read: the review queue and the case file of one review.
extension Onboarding {
    /// The queue (`GET /v1/reviews`).
    public func reviewsJSON(
        statuses: [ReviewRecord.Status], assignee: String?, overdueOnly: Bool, limit: Int
    ) async throws -> String {
        let now = clock()
        let reviews = try await store.reviews(
            ReviewQuery(
                statuses: overdueOnly && statuses.isEmpty ? [.open, .pendingConfirmation] : statuses,
                assignee: assignee, dueBeforeMicros: overdueOnly ? now : nil, limit: limit))
        var w = JSONWriter(capacity: 1024 + reviews.count * 1024)
        w.beginObject()
        w.key("reviews")
        w.beginArray()
        for review in reviews {
            let found = try await loadCase(review)
            let customer = try await store.customer(id: review.customerID)
            writeReview(found, customer: customer, now: now, to: &w)
        }
        w.endArray()
        w.key("now")
        w.timestamp(Timestamp(microseconds: now))
        w.endObject()
        return w.string
    }

    /// One review as a case file (`GET /v1/reviews/{id}`).
    public func reviewJSON(id: String) async throws -> Versioned {
        try await reviewJSON(try await loadCase(reviewID: id), detailed: true)
    }

    /// The review object; with `detailed`, the whole case file.
    func reviewJSON(_ found: ReviewCase, detailed: Bool = false) async throws -> Versioned {
        let now = clock()
        let customer = try await store.customer(id: found.review.customerID)
        var w = JSONWriter(capacity: 8192)
        writeReview(found, customer: customer, now: now, detail: detailed ? try await caseFile(found) : nil, to: &w)
        return Versioned(json: w.string, version: found.review.version)
    }

    /// The parts of the case file beyond the review object.
    struct CaseFile {
        var information: [InformationRecord]
        var actions: [ReviewActionRecord]
        var evaluation: Decision?
    }

    func caseFile(_ found: ReviewCase) async throws -> CaseFile {
        let information = try await store.information(applicationID: found.application.id)
        let actions = try await store.reviewActions(reviewID: found.review.id)
        // The engine's latest evaluation again, with its trace, on the document it saw and at
        // its clock: the same decision, explained.
        let evaluation = try? found.policy.decide(
            JSONParser.parse(found.proposalDocument), at: Timestamp(microseconds: found.proposal.evaluatedAtMicros), trace: true)
        return CaseFile(information: information, actions: actions, evaluation: evaluation)
    }

    func requestedLimit(_ found: ReviewCase, document: String) -> ExactDecimal? {
        guard let parsed = try? JSONParser.parse(document), case .success(let bound) = found.policy.bind(parsed) else {
            return nil
        }
        return found.policy.requestedLimit(bound)
    }

    func writeReview(
        _ found: ReviewCase, customer: CustomerRecord?, now: Int64, detail: CaseFile? = nil, to w: inout JSONWriter
    ) {
        let review = found.review
        let policy = found.policy
        let currency = policy.currency
        w.beginObject()
        w.key("review_id")
        w.string(review.id)
        w.key("application_id")
        w.string(review.applicationID)
        w.key("customer_id")
        w.string(review.customerID)
        w.key("customer")
        w.beginObject()
        w.key("crm_id")
        w.optionalString(customer?.facts.crmID)
        w.key("legal_name")
        w.optionalString(customer?.facts.legalName)
        w.endObject()
        w.key("status")
        w.string(review.status.rawValue)
        w.key("reason_code")
        w.string(review.reasonCode)
        w.key("reason")
        w.optionalString(policy.reason(review.reasonCode)?.officer)
        w.key("assignee")
        w.optionalString(review.assignee)
        w.key("due_at")
        w.timestamp(Timestamp(microseconds: review.dueAtMicros))
        w.key("overdue")
        w.bool(review.dueAtMicros < now && (review.status == .open || review.status == .pendingConfirmation))
        w.key("requested_limit")
        if let requested = requestedLimit(found, document: found.proposalDocument) {
            w.money(amount: requested.money(currency), currency: currency.code)
        } else {
            w.null()
        }
        w.key("proposal")
        w.beginObject()
        w.key("outcome")
        w.string(found.proposal.outcome.rawValue)
        w.key("tier")
        w.optionalString(found.proposal.tier)
        w.key("points")
        w.optionalInt(found.proposal.points)
        w.key("terms")
        if let code = found.proposal.termsCode, let netDays = found.proposal.netDays {
            w.beginObject()
            w.key("code")
            w.string(code)
            w.key("net_days")
            w.int(Int(netDays))
            w.key("deposit_pct")
            w.string(found.proposal.depositPct)
            w.endObject()
        } else {
            w.null()
        }
        w.key("limit")
        w.money(amount: found.proposal.limitAmount, currency: found.proposal.currency)
        w.endObject()
        w.key("pending_approval")
        if let text = review.pendingApproval, let pending = try? CanonicalJSON.parse(text) {
            w.beginObject()
            w.key("approved_by")
            w.optionalString(pending["approved_by"]?.text)
            w.key("approved_at")
            if case .integer(let at)? = pending["approved_at_us"] {
                w.timestamp(Timestamp(microseconds: at))
            } else {
                w.null()
            }
            w.key("terms")
            if let code = pending["terms_code"]?.text, let option = policy.termsOptions.first(where: { $0.terms.code == code }) {
                w.beginObject()
                w.key("code")
                w.string(code)
                w.key("net_days")
                w.int(option.terms.netDays)
                w.key("deposit_pct")
                w.string(option.terms.depositPct.description)
                w.endObject()
            } else {
                w.null()
            }
            w.key("limit")
            if let limit = pending["limit"]?.text.flatMap(ExactDecimal.init) {
                w.money(amount: limit.money(currency), currency: currency.code)
            } else {
                w.null()
            }
            w.key("note")
            w.optionalString(pending["note"]?.text)
            w.endObject()
        } else {
            w.null()
        }
        w.key("info_request")
        if let text = review.infoRequest, let request = try? CanonicalJSON.parse(text) {
            w.beginObject()
            w.key("message")
            w.optionalString(request["message"]?.text)
            w.key("requested_by")
            w.optionalString(request["requested_by"]?.text)
            w.key("requested_at")
            if case .integer(let at)? = request["requested_at_us"] {
                w.timestamp(Timestamp(microseconds: at))
            } else {
                w.null()
            }
            w.endObject()
        } else {
            w.null()
        }
        w.key("outcome")
        w.optionalString(review.outcome)
        w.key("version")
        w.int(Int(review.version))
        w.key("created_at")
        w.timestamp(Timestamp(microseconds: review.createdAtMicros))
        w.key("updated_at")
        w.timestamp(Timestamp(microseconds: review.updatedAtMicros))
        if let detail {
            writeCaseFile(found, detail, to: &w)
        }
        w.endObject()
    }

    func writeCaseFile(_ found: ReviewCase, _ detail: CaseFile, to w: inout JSONWriter) {
        let policy = found.policy
        w.key("application")
        w.beginObject()
        w.key("received_at")
        w.timestamp(Timestamp(microseconds: found.application.receivedAtMicros))
        w.key("document")
        if let document = try? JSONParser.parse(found.application.document) {
            w.value(document)
        } else {
            w.null()
        }
        w.key("information")
        w.beginArray()
        for info in detail.information {
            w.beginObject()
            w.key("received_at")
            w.timestamp(Timestamp(microseconds: info.receivedAtMicros))
            w.key("message")
            w.optionalString(info.message)
            w.key("changes")
            if let changes = try? JSONParser.parse(info.changes) { w.value(changes) } else { w.null() }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.key("evaluation")
        if let evaluation = detail.evaluation {
            evaluation.write(to: &w)
        } else {
            w.null()
        }
        w.key("reasons")
        w.beginArray()
        for code in found.proposal.reasonCodes {
            w.beginObject()
            w.key("code")
            w.string(code)
            w.key("officer_text")
            w.optionalString(policy.reason(code)?.officer)
            w.key("customer_text")
            w.optionalString(policy.reason(code)?.customer)
            w.endObject()
        }
        w.endArray()
        w.key("four_eyes_above")
        if let threshold = policy.review.fourEyesAbove {
            w.money(amount: threshold.money(policy.currency), currency: policy.currency.code)
        } else {
            w.null()
        }
        w.key("decision_reasons")
        w.beginArray()
        for code in policy.officerDeclineReasons {
            w.beginObject()
            w.key("code")
            w.string(code)
            w.key("officer_text")
            w.optionalString(policy.reason(code)?.officer)
            w.endObject()
        }
        w.endArray()
        w.key("terms_options")
        w.beginArray()
        for option in policy.termsOptions {
            w.beginObject()
            w.key("code")
            w.string(option.terms.code)
            w.key("net_days")
            w.int(option.terms.netDays)
            w.key("deposit_pct")
            w.string(option.terms.depositPct.description)
            w.key("tier")
            w.string(option.tier)
            w.endObject()
        }
        w.endArray()
        w.key("history")
        w.beginArray()
        w.beginObject()
        w.key("action")
        w.string("opened")
        w.key("actor")
        w.string("engine")
        w.key("at")
        w.timestamp(Timestamp(microseconds: found.review.createdAtMicros))
        w.key("note")
        w.null()
        w.key("details")
        w.beginObject()
        w.key("reason_code")
        w.string(found.review.reasonCode)
        w.endObject()
        w.endObject()
        for action in detail.actions {
            w.beginObject()
            w.key("action")
            w.string(action.action.rawValue)
            w.key("actor")
            w.string(action.actor.hasPrefix("officer:") ? String(action.actor.dropFirst(8)) : action.actor)
            w.key("at")
            w.timestamp(Timestamp(microseconds: action.createdAtMicros))
            w.key("note")
            w.optionalString(action.note)
            w.key("details")
            if let details = try? JSONParser.parse(action.details) { w.value(details) } else { w.null() }
            w.endObject()
        }
        w.endArray()
    }
}

extension CanonicalValue {
    /// The string, when this is one.
    var text: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}

import AuditTrail
import CreditPolicy
import Store

/// The credit officers' use cases: claim, approve, decline, request information, confirm.
///
/// Each reads the review, judges the action against the review's state, the policy and the
/// officer's authority, and hands the store one ``ReviewChange``, which is recorded only if the
/// review is still at the version read: of two officers acting at once exactly one wins; the
/// other gets ``OnboardingError/conflict(_:)``.
extension Onboarding {
    /// What an officer decides on a review (`POST /v1/reviews/{id}/decision`).
    enum OfficerDecision {
        case approve(limit: ExactDecimal?, termsCode: String?)
        case decline(reasonCodes: [String])
        case requestInfo(message: String)
    }

    /// Everything about one review that its actions and views need.
    struct ReviewCase {
        var review: ReviewRecord
        var application: ApplicationRecord
        var decisions: [DecisionRecord]
        /// The engine's latest decision (its proposal).
        var proposal: DecisionRecord
        /// The policy that made the proposal.
        var policy: Policy
        /// The application document the proposal was made on (after any information the
        /// customer sent).
        var proposalDocument: String
    }

    func loadCase(reviewID: String) async throws -> ReviewCase {
        guard let review = try await store.review(id: reviewID) else {
            throw OnboardingError.notFound(kind: "review", id: reviewID)
        }
        return try await loadCase(review)
    }

    func loadCase(_ review: ReviewRecord) async throws -> ReviewCase {
        guard let application = try await store.application(id: review.applicationID) else {
            throw OnboardingError.notFound(kind: "application", id: review.applicationID)
        }
        let decisions = try await store.decisions(applicationID: application.id)
        guard let proposal = decisions.last(where: { $0.madeBy == "engine" }) else {
            throw StoreError.corruptRow(table: "decisions", key: application.id, reason: "a review without an engine decision")
        }
        let policy = try await policyCache.policy(sha256: proposal.policySHA256, live: policies.policies, store: store)
        let information = try await store.information(applicationID: application.id)
        return ReviewCase(
            review: review, application: application, decisions: decisions, proposal: proposal, policy: policy,
            proposalDocument: information.last(where: { $0.decisionID == proposal.id })?.document ?? application.document)
    }

    /// Checks `If-Match` and the review's state before an action.
    func check(_ review: ReviewRecord, ifMatch: Int64?, allowed: [ReviewRecord.Status], officer: Officer?) throws {
        if let ifMatch, ifMatch != review.version {
            throw OnboardingError.preconditionFailed(
                "review \(review.id) is at version \(review.version), not \(ifMatch): it changed since you read it")
        }
        guard allowed.contains(review.status) else {
            let state: String =
                switch review.status {
                case .open: "is open"
                case .awaitingInfo: "is waiting for information from the customer"
                case .pendingConfirmation: "waits for a second officer to confirm an approval"
                case .decided: "is already decided (\(review.outcome ?? "done") by \(review.decidedBy ?? "an officer"))"
                }
            throw OnboardingError.conflict("review \(review.id) \(state)")
        }
        if let officer, let assignee = review.assignee, assignee != officer.name {
            throw OnboardingError.conflict("review \(review.id) is held by \(assignee); only they can act on it now")
        }
    }

    /// Runs a change; a lost race is a conflict in the officer's words.
    func apply(_ change: ReviewChange) async throws -> ReviewRecord {
        do {
            return try await store.changeReview(change)
        } catch StoreError.versionConflict(_, let id, _, _) {
            throw OnboardingError.conflict("review \(id) changed while you were acting on it (another officer acted first); reload it and retry")
        }
    }

    // MARK: - Claim

    /// Assigns a review to the officer (`POST /v1/reviews/{id}/claim`). Claiming one's own review
    /// again changes nothing.
    public func claimReview(id: String, officer: Officer, body: [UInt8], ifMatch: Int64?) async throws -> Versioned {
        var fields = FieldReader(try Self.parseBody(body), allowed: ["note"])
        let note = fields.text("note", required: true)
        guard fields.problems.isEmpty, let note else { throw OnboardingError.invalidFields(fields.problems) }
        let found = try await loadCase(reviewID: id)
        try check(found.review, ifMatch: ifMatch, allowed: [.open, .awaitingInfo, .pendingConfirmation], officer: officer)
        if found.review.assignee == officer.name { return try await reviewJSON(found) }
        let now = clock()
        let review = try await apply(
            ReviewChange(
                reviewID: id, expectedVersion: found.review.version, status: found.review.status,
                assignee: officer.name, dueAtMicros: found.review.dueAtMicros,
                pendingApproval: found.review.pendingApproval, infoRequest: found.review.infoRequest,
                action: .claimed, actor: officer.actor, note: note,
                details: CanonicalJSON.string(["key_id": .string(officer.keyID)]), atMicros: now,
                auditAction: "review.claimed", auditPayload: ["assignee": .string(officer.name)],
                events: [event("review.claimed", review: found.review, extra: ["assignee": .string(officer.name)])]))
        var updated = found
        updated.review = review
        return try await reviewJSON(updated)
    }

    // MARK: - Decide

    /// Approves, declines or asks for information (`POST /v1/reviews/{id}/decision`).
    public func decideReview(id: String, officer: Officer, body: [UInt8], ifMatch: Int64?) async throws -> Versioned {
        let document = try Self.parseBody(body)
        let found = try await loadCase(reviewID: id)
        let policy = found.policy
        var fields = FieldReader(
            document, allowed: ["outcome", "note", "limit", "terms_code", "reason_codes", "message"])
        let note = fields.text("note", required: true)
        let decision: OfficerDecision?
        switch fields.value("outcome") {
        case .string("approve"):
            let limit = fields.amount("limit", currency: policy.currency)
            let terms = fields.text("terms_code", required: false, maxLength: 40)
            if let terms, !policy.termsOptions.contains(where: { $0.terms.code == terms }) {
                fields.problems.append(
                    FieldProblem(
                        pointer: "/terms_code",
                        message: "\(terms) is not a payment terms code of policy \(policy.id); use one of \(policy.termsOptions.map(\.terms.code).joined(separator: ", "))"))
            }
            for key in ["reason_codes", "message"] where fields.value(key) != nil {
                fields.problems.append(FieldProblem(pointer: "/" + key, message: "not used when approving"))
            }
            decision = .approve(limit: limit, termsCode: terms)
        case .string("decline"):
            let allowed = policy.officerDeclineReasons
            let codes = fields.codes("reason_codes", required: true, count: 1...4) ?? []
            for (index, code) in codes.enumerated() where !allowed.contains(code) {
                fields.problems.append(
                    FieldProblem(
                        pointer: "/reason_codes/\(index)",
                        message: "\(code) is not a decline reason of policy \(policy.id); use one of \(allowed.joined(separator: ", "))"))
            }
            for key in ["limit", "terms_code", "message"] where fields.value(key) != nil {
                fields.problems.append(FieldProblem(pointer: "/" + key, message: "not used when declining"))
            }
            decision = .decline(reasonCodes: codes)
        case .string("request_info"):
            let message = fields.text("message", required: true)
            for key in ["limit", "terms_code", "reason_codes"] where fields.value(key) != nil {
                fields.problems.append(FieldProblem(pointer: "/" + key, message: "not used when asking for information"))
            }
            decision = message.map { .requestInfo(message: $0) }
        case nil, .null?:
            fields.problems.append(FieldProblem(pointer: "/outcome", message: "required: approve, decline or request_info"))
            decision = nil
        default:
            fields.problems.append(FieldProblem(pointer: "/outcome", message: "must be approve, decline or request_info"))
            decision = nil
        }
        guard fields.problems.isEmpty, let note, let decision else {
            throw OnboardingError.invalidFields(fields.problems)
        }
        try check(found.review, ifMatch: ifMatch, allowed: [.open], officer: officer)

        let now = clock()
        let review: ReviewRecord
        switch decision {
        case .approve(let limit, let termsCode):
            review = try await approve(found, officer: officer, note: note, limit: limit, termsCode: termsCode, at: now)
        case .decline(let codes):
            review = try await decline(found, officer: officer, note: note, codes: codes, at: now)
        case .requestInfo(let message):
            let request: CanonicalValue = [
                "message": .string(message), "requested_by": .string(officer.name), "requested_at_us": .integer(now),
            ]
            review = try await apply(
                ReviewChange(
                    reviewID: id, expectedVersion: found.review.version, status: .awaitingInfo, assignee: officer.name,
                    dueAtMicros: found.review.dueAtMicros, infoRequest: CanonicalJSON.string(request),
                    action: .infoRequested, actor: officer.actor, note: note,
                    details: CanonicalJSON.string(["message": .string(message)]), atMicros: now,
                    auditAction: "review.info_requested", auditPayload: ["message_sha256": .string(SHA256Hex.of(message))],
                    events: [event("review.info_requested", review: found.review, extra: ["message": .string(message)])]))
        }
        var updated = found
        updated.review = review
        updated.decisions = try await store.decisions(applicationID: found.application.id)
        return try await reviewJSON(updated)
    }

    /// The terms and limit an approval grants: the engine's proposal unless the officer set
    /// others.
    struct Grant {
        var tier: String?
        var terms: PaymentTerms
        var limit: ExactDecimal
        var overridesEngine: Bool

        var canonical: CanonicalValue {
            [
                "tier": tier.map { .string($0) } ?? .null, "terms_code": .string(terms.code),
                "net_days": .integer(Int64(terms.netDays)), "deposit_pct": .string(terms.depositPct.description),
                "limit": .string(limit.description),
            ]
        }
    }

    func grant(_ found: ReviewCase, limit: ExactDecimal?, termsCode: String?) throws -> Grant {
        let policy = found.policy
        let proposal = found.proposal
        let proposedTerms = policy.termsOptions.first { $0.terms.code == proposal.termsCode }
        guard let chosen = termsCode.flatMap({ code in policy.termsOptions.first { $0.terms.code == code } }) ?? proposedTerms
        else {
            throw OnboardingError.invalidFields([
                FieldProblem(pointer: "/terms_code", message: "the engine proposed no terms; give a terms_code")
            ])
        }
        guard let proposedLimit = ExactDecimal(proposal.limitAmount) else {
            throw StoreError.corruptRow(table: "decisions", key: proposal.id, reason: "limit_amount is not a decimal")
        }
        let amount = limit ?? proposedLimit
        let tier = termsCode == nil || termsCode == proposal.termsCode ? proposal.tier : chosen.tier
        return Grant(
            tier: tier, terms: chosen.terms, limit: amount,
            overridesEngine: chosen.terms.code != proposal.termsCode || amount != proposedLimit)
    }

    func approve(
        _ found: ReviewCase, officer: Officer, note: String, limit: ExactDecimal?, termsCode: String?, at now: Int64
    ) async throws -> ReviewRecord {
        let policy = found.policy
        let grant = try grant(found, limit: limit, termsCode: termsCode)
        guard officer.mayGrant(grant.limit) else {
            throw OnboardingError.beyondAuthority(
                "a limit of \(grant.limit.money(policy.currency)) \(policy.currency.code) is above your authority (\(officer.authority.map { "\($0.money(policy.currency)) \(policy.currency.code)" } ?? "none")); ask an officer with more authority")
        }
        var details = grant.canonical
        details = details.merging(["overrides_engine": .bool(grant.overridesEngine)])
        if let threshold = policy.review.fourEyesAbove, threshold < grant.limit {
            // Four eyes: nothing reaches the customer until a second officer confirms.
            let pending = details.merging([
                "approved_by": .string(officer.name), "approved_at_us": .integer(now), "note": .string(note),
            ])
            return try await apply(
                ReviewChange(
                    reviewID: found.review.id, expectedVersion: found.review.version, status: .pendingConfirmation,
                    assignee: officer.name, dueAtMicros: found.review.dueAtMicros,
                    pendingApproval: CanonicalJSON.string(pending), action: .approved, actor: officer.actor, note: note,
                    details: CanonicalJSON.string(details.merging(["needs_confirmation": .bool(true)])), atMicros: now,
                    auditAction: "review.approved", auditPayload: details.merging(["needs_confirmation": .bool(true)]),
                    events: [event("review.approved", review: found.review, extra: ["needs_confirmation": .bool(true)])]))
        }
        return try await finishApproval(
            found, grant: grant, approvedBy: officer.name, confirmedBy: nil, actor: officer, note: note,
            action: .approved, at: now)
    }

    /// Records the approval's decision, the customer's new profile and the decided review.
    func finishApproval(
        _ found: ReviewCase, grant: Grant, approvedBy: String, confirmedBy: String?, actor: Officer, note: String,
        action: ReviewActionRecord.Action, at now: Int64
    ) async throws -> ReviewRecord {
        let policy = found.policy
        let decisionID = "dec_" + Self.newID()
        let limitText = grant.limit.money(policy.currency)
        let document = Self.officerDecisionJSON(
            outcome: "approve", found: found, tier: grant.tier, terms: grant.terms, limit: limitText, reasons: [],
            madeBy: "officer:\(approvedBy)", confirmedBy: confirmedBy.map { "officer:\($0)" }, decidedAt: now)
        let record = DecisionRecord(
            id: decisionID, applicationID: found.application.id, madeBy: "officer:\(approvedBy)", outcome: .approve,
            tier: grant.tier, points: found.proposal.points, termsCode: grant.terms.code,
            netDays: Int64(grant.terms.netDays), depositPct: grant.terms.depositPct.description, limitAmount: limitText,
            currency: policy.currency.code, reasonCodes: [], document: document, policyID: found.proposal.policyID,
            policyVersion: found.proposal.policyVersion, policySHA256: found.proposal.policySHA256,
            evaluatedAtMicros: found.proposal.evaluatedAtMicros, createdAtMicros: now,
            confirmedBy: confirmedBy.map { "officer:\($0)" })
        let profile = CreditProfile(
            status: .active, limit: limitText, currency: policy.currency.code, termsCode: grant.terms.code,
            netDays: Int64(grant.terms.netDays), depositPct: grant.terms.depositPct.description, tier: grant.tier,
            nextReviewDate: Self.nextReviewDate(after: now))
        var details = grant.canonical.merging(["overrides_engine": .bool(grant.overridesEngine)])
        if let confirmedBy { details = details.merging(["approved_by": .string(approvedBy), "confirmed_by": .string(confirmedBy)]) }
        return try await apply(
            ReviewChange(
                reviewID: found.review.id, expectedVersion: found.review.version, status: .decided,
                assignee: found.review.assignee ?? actor.name, dueAtMicros: found.review.dueAtMicros,
                outcome: "approve", decidedBy: approvedBy, overridesEngine: grant.overridesEngine, action: action,
                actor: actor.actor, note: note, details: CanonicalJSON.string(details), atMicros: now, decision: record,
                profile: profile, auditAction: action == .confirmed ? "review.confirmed" : "review.approved",
                auditPayload: details,
                events: decidedEvents(found, decisionDocument: document, action: action == .confirmed ? "review.confirmed" : "review.decided")))
    }

    func decline(_ found: ReviewCase, officer: Officer, note: String, codes: [String], at now: Int64) async throws
        -> ReviewRecord
    {
        let policy = found.policy
        let reasons = codes.compactMap { code in policy.reason(code).map { (code, $0) } }
        let zero = ExactDecimal.zero.money(policy.currency)
        let document = Self.officerDecisionJSON(
            outcome: "decline", found: found, tier: nil, terms: nil, limit: zero,
            reasons: reasons.map { ($0.0, $0.1.customer) }, madeBy: officer.actor, confirmedBy: nil, decidedAt: now)
        let record = DecisionRecord(
            id: "dec_" + Self.newID(), applicationID: found.application.id, madeBy: officer.actor, outcome: .decline,
            tier: nil, points: found.proposal.points, termsCode: nil, netDays: nil, depositPct: "0", limitAmount: zero,
            currency: policy.currency.code, reasonCodes: codes, document: document, policyID: found.proposal.policyID,
            policyVersion: found.proposal.policyVersion, policySHA256: found.proposal.policySHA256,
            evaluatedAtMicros: found.proposal.evaluatedAtMicros, createdAtMicros: now)
        let details: CanonicalValue = ["reason_codes": .array(codes.map { .string($0) }), "overrides_engine": .bool(true)]
        return try await apply(
            ReviewChange(
                reviewID: found.review.id, expectedVersion: found.review.version, status: .decided,
                assignee: officer.name, dueAtMicros: found.review.dueAtMicros, outcome: "decline",
                decidedBy: officer.name, overridesEngine: true, action: .declined, actor: officer.actor, note: note,
                details: CanonicalJSON.string(details), atMicros: now, decision: record,
                profile: CreditProfile(status: .declined, limit: zero, currency: policy.currency.code),
                auditAction: "review.declined", auditPayload: details,
                events: decidedEvents(found, decisionDocument: document, action: "review.decided")))
    }

    // MARK: - Confirm

    /// A second officer confirms an approval above the four-eyes threshold
    /// (`POST /v1/reviews/{id}/confirm`).
    public func confirmReview(id: String, officer: Officer, body: [UInt8], ifMatch: Int64?) async throws -> Versioned {
        var fields = FieldReader(try Self.parseBody(body), allowed: ["note"])
        let note = fields.text("note", required: true)
        guard fields.problems.isEmpty, let note else { throw OnboardingError.invalidFields(fields.problems) }
        let found = try await loadCase(reviewID: id)
        // Anyone but the approver may confirm, whoever holds the review.
        try check(found.review, ifMatch: ifMatch, allowed: [.pendingConfirmation], officer: nil)
        guard let pendingText = found.review.pendingApproval, case .object(let pending) = try CanonicalJSON.parse(pendingText),
            case .string(let approvedBy)? = pending["approved_by"], case .string(let termsCode)? = pending["terms_code"],
            case .string(let limitText)? = pending["limit"], let limit = ExactDecimal(limitText)
        else {
            throw StoreError.corruptRow(table: "reviews", key: id, reason: "pending_approval is unreadable")
        }
        guard approvedBy != officer.name else {
            throw OnboardingError.fourEyes(
                "you approved review \(id); a second officer must confirm it")
        }
        guard officer.mayGrant(limit) else {
            let currency = found.policy.currency
            throw OnboardingError.beyondAuthority(
                "confirming a limit of \(limit.money(currency)) \(currency.code) is above your authority (\(officer.authority.map { "\($0.money(currency)) \(currency.code)" } ?? "none"))")
        }
        guard let option = found.policy.termsOptions.first(where: { $0.terms.code == termsCode }) else {
            throw StoreError.corruptRow(table: "reviews", key: id, reason: "pending terms \(termsCode) not in the policy")
        }
        var tier: String? = nil
        if case .string(let t)? = pending["tier"] { tier = t }
        var overrides = false
        if case .bool(let b)? = pending["overrides_engine"] { overrides = b }
        let grant = Grant(tier: tier, terms: option.terms, limit: limit, overridesEngine: overrides)
        let review = try await finishApproval(
            found, grant: grant, approvedBy: approvedBy, confirmedBy: officer.name, actor: officer, note: note,
            action: .confirmed, at: clock())
        var updated = found
        updated.review = review
        updated.decisions = try await store.decisions(applicationID: found.application.id)
        return try await reviewJSON(updated)
    }

    // MARK: - Events and documents

    func event(_ type: String, review: ReviewRecord, extra: [String: CanonicalValue] = [:]) -> NewOutboxEvent {
        var payload: [String: CanonicalValue] = [
            "review_id": .string(review.id), "application_id": .string(review.applicationID),
            "customer_id": .string(review.customerID),
        ]
        for (key, value) in extra { payload[key] = value }
        return NewOutboxEvent(
            id: "evt_" + Self.newID(), type: type, subjectID: review.id,
            payload: CanonicalJSON.string(.object(payload)))
    }

    func decidedEvents(_ found: ReviewCase, decisionDocument: String, action: String) -> [NewOutboxEvent] {
        let ids =
            "\"application_id\":\(Self.quoted(found.application.id)),\"customer_id\":\(Self.quoted(found.review.customerID))"
        return [
            event(action, review: found.review),
            NewOutboxEvent(
                id: "evt_" + Self.newID(), type: "decision.made", subjectID: found.application.id,
                payload: "{\(ids),\"decision\":\(decisionDocument)}"),
            NewOutboxEvent(
                id: "evt_" + Self.newID(), type: "customer.credit_profile.changed", subjectID: found.review.customerID,
                payload: "{\(ids)}"),
        ]
    }

    static func quoted(_ text: String) -> String {
        var w = JSONWriter(capacity: text.utf8.count + 8)
        w.string(text)
        return w.string
    }

    /// An officer's decision in the shape of the engine's (what the signup integration reads):
    /// outcome, tier, points, terms, limit, reasons with customer text, adverse action, policy,
    /// plus who decided and confirmed.
    static func officerDecisionJSON(
        outcome: String, found: ReviewCase, tier: String?, terms: PaymentTerms?, limit: String,
        reasons: [(code: String, text: String)], madeBy: String, confirmedBy: String?, decidedAt: Int64
    ) -> String {
        let currency = found.policy.currency.code
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("outcome")
        w.string(outcome)
        w.key("tier")
        w.optionalString(tier)
        w.key("points")
        w.optionalInt(found.proposal.points)
        w.key("terms")
        w.terms(terms)
        w.key("limit")
        w.money(amount: limit, currency: currency)
        w.key("reasons")
        w.reasons(reasons)
        // A decline is adverse action, its reasons the principal factors; an approval is not.
        w.key("adverse_action")
        if outcome == "decline" {
            w.beginObject()
            w.key("kind")
            w.string("decline")
            w.key("reasons")
            w.reasons(reasons)
            w.endObject()
        } else {
            w.null()
        }
        w.key("policy")
        w.policyReference(
            id: found.proposal.policyID, version: Int(found.proposal.policyVersion), sha256: found.proposal.policySHA256)
        w.key("evaluated_at")
        w.timestamp(Timestamp(microseconds: found.proposal.evaluatedAtMicros))
        w.key("decided_by")
        w.string(madeBy)
        w.key("confirmed_by")
        w.optionalString(confirmedBy)
        w.key("decided_at")
        w.timestamp(Timestamp(microseconds: decidedAt))
        w.endObject()
        return w.string
    }

    /// A request body as JSON.
    static func parseBody(_ body: [UInt8]) throws -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw OnboardingError.malformedJSON(line: error.line, column: error.column, message: error.message)
        }
    }
}

extension CanonicalValue {
    /// This object with `other`'s members added (replacing equal keys).
    func merging(_ other: [String: CanonicalValue]) -> CanonicalValue {
        guard case .object(var members) = self else { return self }
        for (key, value) in other { members[key] = value }
        return .object(members)
    }

    subscript(key: String) -> CanonicalValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }
}

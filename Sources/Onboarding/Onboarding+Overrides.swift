import AuditTrail
import CreditPolicy
import Store

extension Onboarding {
    /// An officer changes an existing customer's limit, terms or status (hold / release)
    /// (`POST /v1/customers/{id}/credit-profile`), under optimistic concurrency on the
    /// customer's version (`If-Match`). Returns the customer as JSON and its new version.
    public func overrideCreditProfile(customerID: String, officer: Officer, ifMatch: Int64?, body: [UInt8])
        async throws -> Versioned
    {
        guard let customer = try await store.customer(id: customerID) else {
            throw OnboardingError.notFound(kind: "customer", id: customerID)
        }
        let policy = try await policyForCustomer(customer)
        var fields = FieldReader(try Self.parseBody(body), allowed: ["reason", "limit", "terms_code", "status"])
        let reason = fields.text("reason", required: true, maxLength: 500)
        let limit = fields.amount("limit", currency: policy.currency)
        let termsCode = fields.text("terms_code", required: false, maxLength: 40)
        var terms: PaymentTerms?
        if let termsCode {
            terms = policy.termsOptions.first { $0.terms.code == termsCode }?.terms
            if terms == nil {
                fields.problems.append(
                    FieldProblem(
                        pointer: "/terms_code",
                        message: "\(termsCode) is not a payment terms code of policy \(policy.id); use one of \(policy.termsOptions.map(\.terms.code).joined(separator: ", "))"))
            }
        }
        var status: CreditProfile.Status?
        switch fields.value("status") {
        case nil, .null?: break
        case .string("on_hold")?: status = .onHold
        case .string("active")?: status = .active
        default:
            fields.problems.append(FieldProblem(pointer: "/status", message: "must be on_hold (hold) or active (release)"))
        }
        if fields.problems.isEmpty, limit == nil, termsCode == nil, status == nil {
            fields.problems.append(FieldProblem(pointer: "", message: "change at least one of limit, terms_code, status"))
        }
        guard fields.problems.isEmpty, let reason else { throw OnboardingError.invalidFields(fields.problems) }
        guard let ifMatch else {
            throw OnboardingError.preconditionRequired(
                "send If-Match with the customer's version (from GET /v1/customers/\(customerID)) so that a concurrent change is not overwritten")
        }
        guard ifMatch == customer.version else {
            throw OnboardingError.preconditionFailed(
                "customer \(customerID) is at version \(customer.version), not \(ifMatch): it changed since you read it")
        }

        var after = customer.profile
        let before = customer.profile
        switch (status, before.status) {
        case (.onHold?, .active), (.onHold?, .onHold), (.active?, .onHold), (nil, .active), (nil, .onHold): break
        case (.active?, .active):
            throw OnboardingError.conflict("customer \(customerID) is not on hold; there is nothing to release")
        default:
            throw OnboardingError.conflict(
                "customer \(customerID) has no active credit (status \(before.status.rawValue)); a review decides first")
        }
        if let status { after.status = status }
        if let limit {
            guard officer.mayGrant(limit) else {
                throw OnboardingError.beyondAuthority(
                    "a limit of \(limit.money(policy.currency)) \(policy.currency.code) is above your authority (\(officer.authority.map { "\($0.money(policy.currency)) \(policy.currency.code)" } ?? "none"))")
            }
            after.limit = limit.money(policy.currency)
            after.currency = policy.currency.code
        }
        if let terms {
            after.termsCode = terms.code
            after.netDays = Int64(terms.netDays)
            after.depositPct = terms.depositPct.description
        }
        let now = clock()
        let change = ProfileOverride(
            customerID: customerID, expectedVersion: ifMatch, before: before, after: after, actor: officer.actor,
            reason: reason, id: "ovr_" + Self.newID(), atMicros: now,
            events: { version in
                [
                    NewOutboxEvent(
                        id: "evt_" + Self.newID(), type: "customer.credit_profile.changed", subjectID: customerID,
                        payload: "{\"customer_id\":\(Self.quoted(customerID)),\"version\":\(version)}")
                ]
            })
        let updated: CustomerRecord
        do {
            updated = try await store.overrideCreditProfile(change)
        } catch StoreError.versionConflict(_, _, let expected, let actual) {
            throw OnboardingError.preconditionFailed(
                "customer \(customerID) is at version \(actual), not \(expected): it changed since you read it")
        }
        return try await customerDocument(id: updated.id, crmID: nil)
    }

    /// The policy of the customer's latest decision, else the default policy.
    func policyForCustomer(_ customer: CustomerRecord) async throws -> Policy {
        if let latest = try await store.applications(customerID: customer.id, limit: 1).first,
            let decision = try await store.decisions(applicationID: latest.id).last
        {
            return try await policyCache.policy(sha256: decision.policySHA256, live: policies.policies, store: store)
        }
        return policies.policies.defaultPolicy.policy
    }
}

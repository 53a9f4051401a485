import AuditTrail
import CreditPolicy
import Foundation
import Logging
import Store
import Webhooks

/// The use cases of the signup integration: submit an application, get a quote, read back.
///
/// Validation and evaluation happen before anything is written; a refused request changes
/// nothing. A submission is recorded by the store in one transaction with its audit entry,
/// outbox events and idempotency record.
public final class Onboarding: Sendable {
    /// Where everything durable goes.
    public let store: any CreditStore
    /// The policies in force.
    public let policies: PolicyRegistry
    /// How long an idempotency record is kept at least.
    public let idempotencyRetention: Duration
    let clock: @Sendable () -> Int64
    /// Policies that decided something, compiled once, by hash.
    let policyCache = PolicyCache()
    /// Seals webhook secrets for storage (the key lives outside the database).
    public let secrets: SecretBox

    /// Creates the use cases.
    /// - Parameters:
    ///   - clock: now, in microseconds since the Unix epoch.
    public init(
        store: any CreditStore, policies: PolicyRegistry, idempotencyRetention: Duration = .seconds(86_400),
        secrets: SecretBox = SecretBox.generate().box,
        clock: @escaping @Sendable () -> Int64 = SQLCreditStore.systemClock
    ) {
        self.secrets = secrets
        self.store = store
        self.policies = policies
        self.idempotencyRetention = idempotencyRetention
        self.clock = clock
    }

    /// Stores the text of every policy in force by its hash (once), so that every decision
    /// can be replayed under exactly its rules.
    public func recordPolicies(actor: String) async throws {
        try await record(policies.policies, actor: actor)
    }

    private func record(_ set: PolicySet, actor: String) async throws {
        let now = clock()
        for live in set.policies {
            try await store.recordPolicyVersion(
                PolicyVersionRecord(
                    sha256: live.policy.sha256, policyID: live.policy.id, version: Int64(live.policy.version),
                    source: live.source, loadedAtMicros: now),
                actor: actor)
        }
    }

    /// Reloads the policies directory. A set with any mistake is refused whole (the previous
    /// policies keep serving, the error lists every mistake); a good set goes live, its texts are
    /// stored by hash, and the reload is an audit entry `policies.reloaded`.
    ///
    /// The new texts are stored before the set goes live, so that no decision ever names a
    /// policy version the database does not hold; if storing fails, nothing changes.
    @discardableResult
    public func reloadPolicies(actor: String) async throws -> PolicySet {
        let set = try policies.loadCandidate()
        try await record(set, actor: actor)
        try await store.recordEvent(
            AuditRecord(
                timeMicros: clock(), actor: actor, action: "policies.reloaded", subjectType: "policies",
                subjectID: policies.directory,
                payload: [
                    "policies": .array(
                        set.policies.map {
                            [
                                "id": .string($0.policy.id), "version": .integer(Int64($0.policy.version)),
                                "sha256": .string($0.policy.sha256),
                            ]
                        })
                ]))
        policies.publish(set)
        return set
    }

    /// The answer to a submission: status and body, exactly as first sent.
    public struct Answer: Sendable, Hashable {
        /// HTTP status.
        public var status: Int
        /// JSON body.
        public var body: String
        /// Whether this is the stored answer of an earlier request with the same key.
        public var replayed: Bool
        /// The outcome decided now (nil for a replay).
        public var outcome: String?
    }

    /// Validates, evaluates and records an application (`POST /v1/applications`).
    public func submit(body: [UInt8], apiKeyID: String, idempotencyKey: String) async throws -> Answer {
        // A retry gets the first answer, whatever has changed since. The store replays a stored
        // answer for the key inside the write batch (no read of its own for every request);
        // only when the body is refused now (a policy reload may refuse what was accepted) is
        // the key looked up first, so that a retry still gets its first answer.
        let bodySHA256 = SHA256Hex.of(body)
        let request: ParsedRequest
        let live: LivePolicy
        let now = clock()
        let decision: Decision
        do {
            // One policy set for the whole request, even if a reload happens meanwhile.
            request = try parse(body, with: policies.policies)
            live = request.policy
            decision = try evaluate(request, with: live, at: now)
        } catch {
            if let stored = try await store.idempotencyRecord(apiKeyID: apiKeyID, key: idempotencyKey) {
                guard stored.requestSHA256 == bodySHA256 else { throw OnboardingError.idempotencyKeyReused }
                return Answer(status: stored.response.status, body: stored.response.body, replayed: true, outcome: nil)
            }
            throw error
        }

        let applicationID = "app_" + Self.newID()
        let document = String(decoding: body, as: UTF8.self)
        let record = Self.decisionRecord(decision, applicationID: applicationID, now: now)
        let referral = decision.outcome == .refer
        let review =
            referral
            ? NewReview(
                id: "rev_" + Self.newID(), reasonCode: decision.reasons.first?.code ?? "REFERRED",
                dueAtMicros: now + Int64(live.policy.review.serviceLevelHours) * 3_600_000_000)
            : nil
        let submission = Submission(
            customer: request.customer, newCustomerID: "cus_" + Self.newID(),
            profile: Self.profile(after: decision, at: now),
            application: NewApplication(
                id: applicationID, apiKeyID: apiKeyID, document: document, documentSHA256: bodySHA256,
                policySHA256: live.policy.sha256, receivedAtMicros: now),
            decision: record, review: review, actor: "key:\(apiKeyID)",
            idempotency: IdempotencyRequest(
                apiKeyID: apiKeyID, key: idempotencyKey, requestSHA256: bodySHA256,
                expiresAtMicros: now + Self.micros(idempotencyRetention)),
            respond: { receipt in
                StoredResponse(
                    status: 201,
                    body: DecisionSummary.applicationBody(
                        applicationID: receipt.applicationID, customerID: receipt.customerID,
                        status: referral ? "in_review" : "decided", decision: decision))
            },
            events: { receipt in
                Self.events(
                    decision: decision, applicationID: applicationID, customerID: receipt.customerID,
                    reviewID: review?.id)
            })
        switch try await store.submit(submission) {
        case .recorded(_, let response):
            return Answer(
                status: response.status, body: response.body, replayed: false, outcome: decision.outcome.rawValue)
        case .replayed(let response):
            return Answer(status: response.status, body: response.body, replayed: true, outcome: nil)
        case .inFlight:
            throw OnboardingError.idempotencyKeyInFlight
        case .keyReusedWithDifferentRequest:
            throw OnboardingError.idempotencyKeyReused
        }
    }

    /// The decision the default policy would give, recorded nowhere (`POST /v1/evaluate`).
    public func quote(body: [UInt8]) throws -> String {
        let request = try parse(body, with: policies.policies, requireCustomer: false)
        let live = request.policy
        let decision = try evaluate(request, with: live, at: clock())
        return DecisionSummary.quoteBody(decision)
    }

    // MARK: - Steps

    struct ParsedRequest {
        var document: JSONValue
        /// The policy that decides it: the highest-priority `applies_to` that holds, else the default.
        var policy: LivePolicy
        var bound: BoundApplication
        var customer: CustomerFacts
    }

    func parse(_ body: [UInt8], with set: PolicySet, requireCustomer: Bool = true) throws -> ParsedRequest {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw OnboardingError.malformedJSON(line: error.line, column: error.column, message: error.message)
        }
        guard case .object = document else {
            throw OnboardingError.invalidFields([FieldProblem(pointer: "", message: "the body must be a JSON object")])
        }
        var problems: [FieldProblem] = []
        // Only what some policy in force reads, and the customer: a body cannot bring its own
        // decision, limit or terms (or anything else the engine would silently ignore).
        if case .object(let members) = document {
            let known = set.inputRoots
            for member in members where member.key != "customer" && !known.contains(member.key) {
                problems.append(
                    FieldProblem(
                        pointer: "/" + Self.escapePointer(member.key),
                        message: "unknown field: no policy in force reads it (decisions, limits and terms are Creditgate's to make)"))
            }
        }
        let customer = CustomerFields.read(document, required: requireCustomer, problems: &problems)
        // The policy's own inputs, all at once, with the customer's problems.
        // A policy with an `applies_to` condition claims the application when it can read it
        // (its inputs bind) and the condition holds; the highest priority wins.
        for candidate in set.selectors {
            guard case .success(let bound) = candidate.policy.bind(document) else { continue }
            let claims: Bool
            do {
                claims = try candidate.policy.applies(to: bound)
            } catch {
                throw OnboardingError.evaluationFailed(error.description)
            }
            if claims {
                guard problems.isEmpty else { throw OnboardingError.invalidFields(problems) }
                return ParsedRequest(document: document, policy: candidate, bound: bound, customer: customer)
            }
        }
        let live = set.defaultPolicy
        switch live.policy.bind(document) {
        case .failure(let errors):
            problems += errors.errors.map { FieldProblem(pointer: $0.pointer, message: $0.message) }
            throw OnboardingError.invalidFields(problems)
        case .success(let bound):
            guard problems.isEmpty else { throw OnboardingError.invalidFields(problems) }
            return ParsedRequest(document: document, policy: live, bound: bound, customer: customer)
        }
    }

    /// A member name as a JSON pointer segment (RFC 6901).
    static func escapePointer(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    func evaluate(_ request: ParsedRequest, with live: LivePolicy, at now: Int64) throws -> Decision {
        do {
            return try live.policy.decide(request.bound, at: Timestamp(microseconds: now))
        } catch {
            switch error {
            case .invalidInput(let errors):
                throw OnboardingError.invalidFields(
                    errors.errors.map { FieldProblem(pointer: $0.pointer, message: $0.message) })
            case .notInEffect(let from):
                throw OnboardingError.policyNotInEffect(policyID: live.policy.id, effectiveFrom: from.description)
            case .arithmetic:
                throw OnboardingError.evaluationFailed(error.description)
            }
        }
    }

    static func decisionRecord(_ decision: Decision, applicationID: String, now: Int64) -> DecisionRecord {
        DecisionRecord(
            id: "dec_" + newID(), applicationID: applicationID, madeBy: "engine",
            outcome: DecisionRecord.Outcome(rawValue: decision.outcome.rawValue) ?? .refer, tier: decision.tier,
            points: decision.points.map(Int64.init), termsCode: decision.terms?.code,
            netDays: decision.terms.map { Int64($0.netDays) }, depositPct: decision.depositPct.description,
            limitAmount: decision.limit.amountText, currency: decision.limit.currency,
            reasonCodes: decision.reasons.map(\.code), document: decision.json, policyID: decision.policy.id,
            policyVersion: Int64(decision.policy.version), policySHA256: decision.policy.sha256,
            evaluatedAtMicros: decision.evaluatedAt.microseconds, createdAtMicros: now)
    }

    /// The credit profile a decision gives a customer.
    static func profile(after decision: Decision, at now: Int64) -> CreditProfile {
        switch decision.outcome {
        case .approve:
            return CreditProfile(
                status: .active, limit: decision.limit.amountText, currency: decision.limit.currency,
                termsCode: decision.terms?.code, netDays: decision.terms.map { Int64($0.netDays) },
                depositPct: decision.depositPct.description, tier: decision.tier,
                nextReviewDate: nextReviewDate(after: now))
        case .refer:
            return CreditProfile(status: .inReview)
        case .decline:
            return CreditProfile(status: .declined, limit: decision.limit.amountText, currency: decision.limit.currency)
        }
    }

    /// The same day a year later (29 February → 28 February), in UTC, as `YYYY-MM-DD`.
    static func nextReviewDate(after now: Int64) -> String {
        Timestamp(microseconds: now).addingYears(1).dateText
    }

    static func events(decision: Decision, applicationID: String, customerID: String, reviewID: String?)
        -> [NewOutboxEvent]
    {
        var events = [
            NewOutboxEvent(
                id: "evt_" + newID(), type: "application.received", subjectID: applicationID,
                payload: DecisionSummary.eventBody(applicationID: applicationID, customerID: customerID, decision: nil)),
            NewOutboxEvent(
                id: "evt_" + newID(), type: "decision.made", subjectID: applicationID,
                payload: DecisionSummary.eventBody(
                    applicationID: applicationID, customerID: customerID, decision: decision)),
        ]
        if let reviewID {
            events.append(
                NewOutboxEvent(
                    id: "evt_" + newID(), type: "review.opened", subjectID: reviewID,
                    payload: DecisionSummary.eventBody(
                        applicationID: applicationID, customerID: customerID, decision: nil, reviewID: reviewID)))
        }
        events.append(
            NewOutboxEvent(
                id: "evt_" + newID(), type: "customer.credit_profile.changed", subjectID: customerID,
                payload: DecisionSummary.eventBody(applicationID: applicationID, customerID: customerID, decision: nil)))
        return events
    }

    /// A new id, 32 lowercase hex digits: the current Unix time in milliseconds (48 bits), then
    /// 80 random bits from the system's generator — the layout of a UUIDv7, without its
    /// version bits.
    ///
    /// Time first, so that ids made later sort later: each table's primary-key index then grows
    /// at its right edge, and a batch of decisions dirties a few B-tree pages instead of one
    /// random page per row and index (fewer pages to write and flush per commit). The id tells
    /// when it was made, to the millisecond, which the record says anyway; the 80 random bits
    /// keep ids unguessable and unique.
    static func newID(nowMillis: UInt64 = currentMillis()) -> String {
        var generator = SystemRandomNumberGenerator()
        let random: UInt64 = generator.next()
        let high = (nowMillis & 0xFFFF_FFFF_FFFF) << 16 | (random & 0xFFFF)
        let low = generator.next() as UInt64
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 32) { buffer in
            for i in 0..<32 {
                let word = i < 16 ? high : low
                buffer[i] = digits.utf8Start[Int((word >> (60 - 4 * UInt64(i % 16))) & 0xF)]
            }
            return 32
        }
    }

    /// The wall clock in milliseconds since 1970.
    static func currentMillis() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000 + UInt64(now.tv_nsec) / 1_000_000
    }

    static func micros(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}

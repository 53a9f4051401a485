import AuditTrail
import CreditPolicy
import Store

extension Onboarding {
    /// The customer answers an officer's request for information
    /// (`POST /v1/applications/{id}/information`): the changes are merged into the application
    /// (RFC 7396 JSON merge patch), validated and re-evaluated, and the review goes back to the
    /// officers with the engine's new proposal and a new due time. A retry with the same
    /// idempotency key replays the first answer.
    public func answerInformation(
        applicationID: String, apiKeyID: String, visibleTo: String?, body: [UInt8], idempotencyKey: String
    ) async throws -> Answer {
        let bodySHA256 = SHA256Hex.of(body)
        if let stored = try await store.idempotencyRecord(apiKeyID: apiKeyID, key: idempotencyKey) {
            guard stored.requestSHA256 == bodySHA256 else { throw OnboardingError.idempotencyKeyReused }
            return Answer(status: stored.response.status, body: stored.response.body, replayed: true, outcome: nil)
        }
        guard let application = try await store.application(id: applicationID),
            visibleTo == nil || application.apiKeyID == visibleTo
        else {
            throw OnboardingError.notFound(kind: "application", id: applicationID)
        }
        var fields = FieldReader(try Self.parseBody(body), allowed: ["message", "changes"])
        let message = fields.text("message", required: false)
        let changes = fields.value("changes")
        switch changes {
        case .object(let members)?:
            if members.isEmpty {
                fields.problems.append(FieldProblem(pointer: "/changes", message: "must change at least one field"))
            }
            if members.contains(where: { $0.key == "customer" }) {
                fields.problems.append(
                    FieldProblem(
                        pointer: "/changes/customer",
                        message: "the customer's CRM facts are not part of the credit application; they cannot change here"))
            }
        case nil, .null?:
            fields.problems.append(
                FieldProblem(pointer: "/changes", message: "required: the application fields that change (a JSON merge patch)"))
        default:
            fields.problems.append(FieldProblem(pointer: "/changes", message: "must be an object (a JSON merge patch)"))
        }
        guard fields.problems.isEmpty, let changes else { throw OnboardingError.invalidFields(fields.problems) }

        guard let review = try await store.review(applicationID: applicationID) else {
            throw OnboardingError.conflict("application \(applicationID) was not referred; there is nothing to answer")
        }
        guard review.status == .awaitingInfo else {
            throw OnboardingError.conflict(
                "application \(applicationID) is not waiting for information (its review is \(review.status.rawValue))")
        }
        let original = try Self.parseBody(Array(application.document.utf8))
        let merged = Self.mergePatch(original, changes)
        var writer = JSONWriter(capacity: application.document.utf8.count + body.count)
        writer.value(merged)
        let mergedBytes = writer.bytes
        let document = String(decoding: mergedBytes, as: UTF8.self)

        let request = try parse(mergedBytes, with: policies.policies)
        let live = request.policy
        let now = clock()
        let decision = try evaluate(request, with: live, at: now)
        // Store the deciding policy's text before anything refers to it.
        try await store.recordPolicyVersion(
            PolicyVersionRecord(
                sha256: live.policy.sha256, policyID: live.policy.id, version: Int64(live.policy.version),
                source: live.source, loadedAtMicros: now),
            actor: "key:\(apiKeyID)")
        let record = Self.decisionRecord(decision, applicationID: applicationID, now: now)
        let information = InformationRecord(
            id: "inf_" + Self.newID(), applicationID: applicationID, apiKeyID: apiKeyID, message: message,
            changes: String(decoding: { var w = JSONWriter(capacity: 512); w.value(changes); return w.bytes }(), as: UTF8.self),
            document: document, documentSHA256: SHA256Hex.of(mergedBytes), decisionID: record.id, receivedAtMicros: now)
        let responseBody = DecisionSummary.applicationBody(
            applicationID: applicationID, customerID: application.customerID, status: "in_review", decision: decision)
        let payload: CanonicalValue = [
            "information_id": .string(information.id), "document_sha256": .string(information.documentSHA256),
            "outcome": .string(decision.outcome.rawValue),
            "policy": [
                "id": .string(decision.policy.id), "version": .integer(Int64(decision.policy.version)),
                "sha256": .string(decision.policy.sha256),
            ],
        ]
        let ids =
            "\"application_id\":\(Self.quoted(applicationID)),\"customer_id\":\(Self.quoted(application.customerID)),\"review_id\":\(Self.quoted(review.id))"
        var decisionJSON = JSONWriter(capacity: 1024)
        DecisionSummary.write(decision, to: &decisionJSON)
        do {
            _ = try await store.changeReview(
                ReviewChange(
                    reviewID: review.id, expectedVersion: review.version, status: .open, assignee: review.assignee,
                    dueAtMicros: now + Int64(live.policy.review.serviceLevelHours) * 3_600_000_000,
                    action: .informationReceived, actor: "key:\(apiKeyID)", note: message,
                    details: CanonicalJSON.string(payload), atMicros: now, decision: record, information: information,
                    auditAction: "application.information_received", auditPayload: payload,
                    events: [
                        NewOutboxEvent(
                            id: "evt_" + Self.newID(), type: "application.information_received", subjectID: applicationID,
                            payload: "{\(ids),\"decision\":\(decisionJSON.string)}")
                    ],
                    idempotency: (
                        IdempotencyRequest(
                            apiKeyID: apiKeyID, key: idempotencyKey, requestSHA256: bodySHA256,
                            expiresAtMicros: now + Self.micros(idempotencyRetention)),
                        StoredResponse(status: 200, body: responseBody)
                    )))
        } catch StoreError.versionConflict {
            // Another answer (or a retry of this one) committed first.
            if let stored = try await store.idempotencyRecord(apiKeyID: apiKeyID, key: idempotencyKey),
                stored.requestSHA256 == bodySHA256
            {
                return Answer(status: stored.response.status, body: stored.response.body, replayed: true, outcome: nil)
            }
            throw OnboardingError.conflict("application \(applicationID) changed meanwhile; read it again")
        }
        return Answer(status: 200, body: responseBody, replayed: false, outcome: decision.outcome.rawValue)
    }

    /// RFC 7396 JSON merge patch: objects merge member by member, `null` removes, anything
    /// else replaces.
    static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var members: [JSONValue.Member]
        if case .object(let existing) = target { members = existing } else { members = [] }
        for member in patchMembers {
            if member.value == .null {
                members.removeAll { $0.key == member.key }
            } else if let index = members.firstIndex(where: { $0.key == member.key }) {
                members[index].value = mergePatch(members[index].value, member.value)
            } else {
                members.append(JSONValue.Member(member.key, mergePatch(.null, member.value)))
            }
        }
        return .object(members)
    }
}

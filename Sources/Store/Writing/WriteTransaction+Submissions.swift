import SQLKit

/// The batched half of recording submissions: a constant number of statements per group
/// commit instead of a few per submission. Every statement costs a round trip (PostgreSQL) or
/// a thread hop (SQLite), and these add up to more than the commit's flush.
extension WriteTransaction {
    /// What a submission found before its own statements run.
    struct Prepared {
        /// The first answer to its idempotency key, when one is stored.
        var stored: (requestSHA256: String, response: StoredResponse)?
        /// The customer's id and new version, when it was upserted.
        var customer: (id: String, version: Int64)?
    }

    /// Looks up every idempotency key of the batch in one query, then creates or updates every
    /// customer in as few multi-row upserts as there are repeats of one CRM id in the batch
    /// (each round holds distinct CRM ids, in arrival order, so versions count up correctly).
    /// Submissions that will replay a stored answer upsert nothing.
    func prepare(_ submissions: [Submission]) async throws {
        let requests = submissions.compactMap(\.idempotency)
        var stored: [InFlightKeys.Key: (String, StoredResponse)] = [:]
        for chunk in requests.chunked(by: 200) {
            var query = SQLQueryString(
                "SELECT api_key_id, idempotency_key, request_sha256, status_code, response_body FROM idempotency_records WHERE (api_key_id, idempotency_key) IN (VALUES "
            )
            for (index, request) in chunk.enumerated() {
                query.appendLiteral(index == 0 ? "(" : ", (")
                query.appendInterpolation(bind: request.apiKeyID)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: request.key)
                query.appendLiteral(")")
            }
            query.appendLiteral(")")
            for row in try await db.raw(query).all() {
                let key = InFlightKeys.Key(
                    apiKeyID: try row.decode(column: "api_key_id", as: String.self),
                    key: try row.decode(column: "idempotency_key", as: String.self))
                stored[key] = (
                    try row.decode(column: "request_sha256", as: String.self),
                    StoredResponse(
                        status: Int(try row.decode(column: "status_code", as: Int64.self)),
                        body: try row.decode(column: "response_body", as: String.self))
                )
            }
        }

        var rounds: [[Submission]] = []
        var seen: [String: Int] = [:]
        for submission in submissions {
            let id = submission.application.id
            if let request = submission.idempotency,
                let (hash, response) = stored[InFlightKeys.Key(apiKeyID: request.apiKeyID, key: request.key)]
            {
                prepared[id] = Prepared(stored: (hash, response), customer: nil)
                continue
            }
            let round = seen[submission.customer.crmID, default: 0]
            seen[submission.customer.crmID] = round + 1
            if round == rounds.count { rounds.append([]) }
            rounds[round].append(submission)
        }
        for round in rounds {
            for withProfile in [true, false] {
                let group = round.filter { ($0.profile != nil) == withProfile }
                guard !group.isEmpty else { continue }
                let upserted = try await upsertCustomers(group, updatingProfile: withProfile)
                for submission in group {
                    guard let customer = upserted[submission.customer.crmID] else {
                        throw StoreError.corruptRow(table: "customers", key: "crm_id", reason: "upsert returned no row")
                    }
                    prepared[submission.application.id] = Prepared(stored: nil, customer: customer)
                }
            }
        }
    }

    /// One multi-row upsert of customers with distinct CRM ids; returns id and version by CRM id.
    private func upsertCustomers(_ submissions: [Submission], updatingProfile: Bool) async throws
        -> [String: (id: String, version: Int64)]
    {
        var result: [String: (id: String, version: Int64)] = [:]
        for chunk in submissions.chunked(by: 1_000) {
            var insert = db.insert(into: "customers").columns(
                "id", "crm_id", "legal_name", "registration_number", "country", "contact_email", "credit_status",
                "credit_limit", "currency", "terms_code", "net_days", "deposit_pct", "tier", "next_review_date", "version",
                "created_at_us", "updated_at_us")
            for submission in chunk {
                let facts = submission.customer
                let profile = submission.profile ?? .undecided
                let now = submission.application.receivedAtMicros
                insert = insert.values([
                    submission.newCustomerID, facts.crmID, facts.legalName, facts.registrationNumber, facts.country,
                    facts.contactEmail, profile.status.rawValue, profile.limit, profile.currency, profile.termsCode,
                    profile.netDays, profile.depositPct, profile.tier, profile.nextReviewDate, Int64(1), now, now,
                ])
            }
            insert = insert.onConflict(with: ["crm_id"]) { update in
                var update = update.set(excludedValueOf: "legal_name")
                for column in ["registration_number", "country", "contact_email"] {
                    update = update.set(column, to: SQLRaw("COALESCE(excluded.\(column), customers.\(column))"))
                }
                if updatingProfile {
                    for column in [
                        "credit_status", "credit_limit", "currency", "terms_code", "net_days", "deposit_pct", "tier",
                        "next_review_date",
                    ] {
                        update = update.set(excludedValueOf: column)
                    }
                }
                return update.set("version", to: SQLRaw("customers.version + 1")).set(excludedValueOf: "updated_at_us")
            }
            for row in try await insert.returning("id", "crm_id", "version").all() {
                result[try row.decode(column: "crm_id", as: String.self)] = (
                    try row.decode(column: "id", as: String.self), try row.decode(column: "version", as: Int64.self)
                )
            }
        }
        return result
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

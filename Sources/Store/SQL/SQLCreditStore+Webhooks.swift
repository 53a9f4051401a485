import AuditTrail
import SQLKit

extension SQLCreditStore {
    static let subscriptionColumns =
        "id, url, events, description, sealed_secrets, start_after_seq, created_at_us, removed_at_us"

    static func subscription(from row: any SQLRow) throws -> WebhookSubscriptionRecord {
        let id = try row.decode(column: "id", as: String.self)
        return WebhookSubscriptionRecord(
            id: id, url: try row.decode(column: "url", as: String.self),
            events: try codes(fromJSON: try row.decode(column: "events", as: String.self), table: "webhook_subscriptions", key: id),
            description: try optional(row, "description", as: String.self),
            sealedSecrets: try row.decode(column: "sealed_secrets", as: String.self),
            startAfterSeq: try row.decode(column: "start_after_seq", as: Int64.self),
            createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self),
            removedAtMicros: try optional(row, "removed_at_us", as: Int64.self))
    }

    /// Stores a subscription (starting after the current audit head) with an audit entry
    /// `webhook.created` (URL and events; never a secret). Returns it as stored.
    public func createWebhook(_ subscription: WebhookSubscriptionRecord, actor: String) async throws
        -> WebhookSubscriptionRecord
    {
        try await committer.perform { transaction in
            var stored = subscription
            stored.startAfterSeq = transaction.head.seq
            try await transaction.db.raw(
                """
                INSERT INTO webhook_subscriptions (\(unsafeRaw: Self.subscriptionColumns))
                VALUES (\(bind: stored.id), \(bind: stored.url), \(bind: Self.jsonList(stored.events)),
                    \(bind: stored.description), \(bind: stored.sealedSecrets), \(bind: stored.startAfterSeq),
                    \(bind: stored.createdAtMicros), \(bind: Int64?.none))
                """
            ).run()
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: stored.createdAtMicros, actor: actor, action: "webhook.created",
                    subjectType: "webhook", subjectID: stored.id,
                    payload: [
                        "url": .string(stored.url), "events": .array(stored.events.map { .string($0) }),
                        "start_after_seq": .integer(stored.startAfterSeq),
                    ]))
            return stored
        }
    }

    /// Every subscription, oldest first (removed ones too).
    public func webhooks() async throws -> [WebhookSubscriptionRecord] {
        try await backend.withReader { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Self.subscriptionColumns) FROM webhook_subscriptions ORDER BY created_at_us, id"
            ).all().map(Self.subscription(from:))
        }
    }

    /// Removes a subscription (pending deliveries stop) with an audit entry `webhook.removed`;
    /// `false` when it was already removed.
    @discardableResult
    public func removeWebhook(id: String, atMicros: Int64, actor: String) async throws -> Bool {
        try await committer.perform { transaction in
            guard
                let row = try await transaction.db.raw(
                    "SELECT removed_at_us FROM webhook_subscriptions WHERE id = \(bind: id)"
                ).first()
            else { throw StoreError.notFound(kind: "webhook", id: id) }
            guard try row.decodeNil(column: "removed_at_us") else { return false }
            try await transaction.db.raw(
                "UPDATE webhook_subscriptions SET removed_at_us = \(bind: atMicros) WHERE id = \(bind: id)"
            ).run()
            // What was still to be sent will not be: it stays visible as dead letters.
            try await transaction.db.raw(
                """
                UPDATE webhook_deliveries SET status = 'dead', last_error = 'the subscription was removed',
                    leased_until_us = NULL
                WHERE subscription_id = \(bind: id) AND status = 'pending'
                """
            ).run()
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: atMicros, actor: actor, action: "webhook.removed", subjectType: "webhook",
                    subjectID: id, payload: [:]))
            return true
        }
    }

    /// Replaces a subscription's sealed secrets (a rotation) with an audit entry
    /// `webhook.secret_rotated`.
    public func replaceWebhookSecrets(id: String, sealedSecrets: String, atMicros: Int64, actor: String) async throws {
        try await committer.perform { transaction in
            let updated = try await transaction.db.raw(
                """
                UPDATE webhook_subscriptions SET sealed_secrets = \(bind: sealedSecrets)
                WHERE id = \(bind: id) AND removed_at_us IS NULL RETURNING id
                """
            ).first()
            guard updated != nil else { throw StoreError.notFound(kind: "webhook", id: id) }
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: atMicros, actor: actor, action: "webhook.secret_rotated", subjectType: "webhook",
                    subjectID: id, payload: [:]))
        }
    }

    // MARK: - The relay

    /// Copies outbox events after the fan-out cursor into one delivery per matching
    /// subscription, at most `limit` events, and moves the cursor; one transaction (the cursor
    /// row is locked, so several relays never fan out the same events). Returns how many
    /// events were read.
    @discardableResult
    public func fanOutOutbox(limit: Int = 500, nowMicros: Int64) async throws -> Int {
        let lock = backend.kind == .postgres ? " FOR UPDATE" : ""
        return try await committer.perform { transaction in
            let db = transaction.db
            guard
                let cursor = try await db.raw(
                    "SELECT audit_seq, position FROM webhook_fanout WHERE id = 1\(unsafeRaw: lock)"
                ).first()
            else { throw StoreError.corruptRow(table: "webhook_fanout", key: "id=1", reason: "the cursor row is missing") }
            let seq = try cursor.decode(column: "audit_seq", as: Int64.self)
            let position = try cursor.decode(column: "position", as: Int64.self)
            let subscriptions = try await db.raw(
                "SELECT \(unsafeRaw: Self.subscriptionColumns) FROM webhook_subscriptions WHERE removed_at_us IS NULL"
            ).all().map(Self.subscription(from:))
            let events = try await db.raw(
                """
                SELECT id, event_type, customer_id, subject_id, audit_seq, position FROM outbox_events
                WHERE audit_seq > \(bind: seq) OR (audit_seq = \(bind: seq) AND position > \(bind: position))
                ORDER BY audit_seq, position LIMIT \(bind: Int64(limit))
                """
            ).all()
            guard let last = events.last else { return 0 }
            var insert = db.insert(into: "webhook_deliveries").columns(
                "subscription_id", "event_id", "customer_id", "audit_seq", "position", "status", "attempts",
                "next_attempt_at_us", "created_at_us")
            var rows = 0
            for event in events {
                let type = try event.decode(column: "event_type", as: String.self)
                let subject = try event.decode(column: "subject_id", as: String.self)
                let eventSeq = try event.decode(column: "audit_seq", as: Int64.self)
                // A `webhook.test` event goes to the one subscription it tests.
                for subscription in subscriptions
                where eventSeq > subscription.startAfterSeq
                    && (type == "webhook.test" ? subject == subscription.id : subscription.events.contains(type))
                {
                    insert = insert.values([
                        subscription.id, try event.decode(column: "id", as: String.self),
                        try Self.optional(event, "customer_id", as: String.self), eventSeq,
                        try event.decode(column: "position", as: Int64.self), "pending", Int64(0), nowMicros, nowMicros,
                    ] as [any Encodable & Sendable])
                    rows += 1
                }
            }
            if rows > 0 {
                try await insert.ignoringConflicts(with: ["subscription_id", "event_id"]).run()
            }
            try await db.raw(
                """
                UPDATE webhook_fanout SET audit_seq = \(bind: try last.decode(column: "audit_seq", as: Int64.self)),
                    position = \(bind: try last.decode(column: "position", as: Int64.self)) WHERE id = 1
                """
            ).run()
            return events.count
        }
    }

    static let deliveryColumns = """
        d.subscription_id AS subscription_id, s.url AS url, s.sealed_secrets AS sealed_secrets,
        d.event_id AS event_id, e.event_type AS event_type, d.customer_id AS customer_id, e.payload AS payload,
        e.created_at_us AS event_created_at_us, d.audit_seq AS audit_seq, d.position AS position,
        d.attempts AS attempts, d.status AS status, d.last_error AS last_error, d.created_at_us AS created_at_us
        """

    static func delivery(from row: any SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(
            subscriptionID: try row.decode(column: "subscription_id", as: String.self),
            url: try row.decode(column: "url", as: String.self),
            sealedSecrets: try row.decode(column: "sealed_secrets", as: String.self),
            eventID: try row.decode(column: "event_id", as: String.self),
            eventType: try row.decode(column: "event_type", as: String.self),
            customerID: try optional(row, "customer_id", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            eventCreatedAtMicros: try row.decode(column: "event_created_at_us", as: Int64.self),
            auditSeq: try row.decode(column: "audit_seq", as: Int64.self),
            position: try row.decode(column: "position", as: Int64.self),
            attempts: try row.decode(column: "attempts", as: Int64.self),
            status: try row.decode(column: "status", as: String.self),
            lastError: try optional(row, "last_error", as: String.self),
            createdAtMicros: try row.decode(column: "created_at_us", as: Int64.self))
    }

    /// Leases up to `limit` deliveries that are due, the earliest pending one of each
    /// (subscription, customer) only, so that a customer's events go out in commit order.
    /// Several relays on one PostgreSQL skip each other's rows (`FOR UPDATE SKIP LOCKED`) and
    /// the lease keeps a claimed delivery from being sent twice at once.
    public func claimDeliveries(limit: Int, nowMicros: Int64, leaseMicros: Int64) async throws -> [WebhookDelivery] {
        let skipLocked = backend.kind == .postgres ? " FOR UPDATE OF d SKIP LOCKED" : ""
        return try await committer.perform { transaction in
            let db = transaction.db
            let due = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.deliveryColumns)
                FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id
                JOIN outbox_events e ON e.id = d.event_id
                WHERE d.status = 'pending' AND d.next_attempt_at_us <= \(bind: nowMicros)
                    AND (d.leased_until_us IS NULL OR d.leased_until_us < \(bind: nowMicros))
                    AND s.removed_at_us IS NULL
                    AND NOT EXISTS (
                        SELECT 1 FROM webhook_deliveries p
                        WHERE p.subscription_id = d.subscription_id AND p.customer_id = d.customer_id
                            AND p.status = 'pending'
                            AND (p.audit_seq < d.audit_seq OR (p.audit_seq = d.audit_seq AND p.position < d.position)))
                ORDER BY d.audit_seq, d.position LIMIT \(bind: Int64(limit))\(unsafeRaw: skipLocked)
                """
            ).all().map(Self.delivery(from:))
            for delivery in due {
                try await db.raw(
                    """
                    UPDATE webhook_deliveries SET leased_until_us = \(bind: nowMicros + leaseMicros),
                        attempts = attempts + 1
                    WHERE subscription_id = \(bind: delivery.subscriptionID) AND event_id = \(bind: delivery.eventID)
                    """
                ).run()
            }
            return due.map { var claimed = $0; claimed.attempts += 1; return claimed }
        }
    }

    /// Records the outcome of an attempt and releases the lease.
    public func completeDelivery(subscriptionID: String, eventID: String, outcome: DeliveryOutcome, nowMicros: Int64)
        async throws
    {
        let sql: SQLQueryString
        switch outcome {
        case .delivered(let status):
            sql = """
                UPDATE webhook_deliveries SET status = 'delivered', delivered_at_us = \(bind: nowMicros),
                    last_status_code = \(bind: Int64(status)), last_error = NULL, leased_until_us = NULL
                """
        case .retry(let status, let error, let next):
            sql = """
                UPDATE webhook_deliveries SET next_attempt_at_us = \(bind: next), last_status_code = \(bind: status.map(Int64.init)),
                    last_error = \(bind: String(error.prefix(500))), leased_until_us = NULL
                """
        case .dead(let status, let error):
            sql = """
                UPDATE webhook_deliveries SET status = 'dead', last_status_code = \(bind: status.map(Int64.init)),
                    last_error = \(bind: String(error.prefix(500))), leased_until_us = NULL
                """
        }
        var statement = sql
        statement.appendLiteral(" WHERE subscription_id = ")
        statement.appendInterpolation(bind: subscriptionID)
        statement.appendLiteral(" AND event_id = ")
        statement.appendInterpolation(bind: eventID)
        let update = statement
        try await committer.perform { transaction in try await transaction.db.raw(update).run() }
    }

    /// Dead-lettered deliveries, oldest first.
    public func deadLetters(limit: Int) async throws -> [WebhookDelivery] {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.deliveryColumns)
                FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id
                JOIN outbox_events e ON e.id = d.event_id
                WHERE d.status = 'dead' ORDER BY d.audit_seq, d.position LIMIT \(bind: Int64(limit))
                """
            ).all().map(Self.delivery(from:))
        }
    }

    /// Puts a dead-lettered delivery back in the queue (attempts start again), with an audit
    /// entry `webhook.redelivered`; `false` when it was not dead.
    @discardableResult
    public func redeliver(subscriptionID: String, eventID: String, nowMicros: Int64, actor: String) async throws -> Bool {
        try await committer.perform { transaction in
            let updated = try await transaction.db.raw(
                """
                UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at_us = \(bind: nowMicros),
                    created_at_us = \(bind: nowMicros), leased_until_us = NULL
                WHERE subscription_id = \(bind: subscriptionID) AND event_id = \(bind: eventID) AND status = 'dead'
                    AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE removed_at_us IS NULL)
                RETURNING event_id
                """
            ).first()
            guard updated != nil else { return false }
            _ = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: nowMicros, actor: actor, action: "webhook.redelivered", subjectType: "webhook",
                    subjectID: subscriptionID, payload: ["event_id": .string(eventID)]))
            return true
        }
    }

    /// One delivery, whatever its status.
    public func delivery(subscriptionID: String, eventID: String) async throws -> WebhookDelivery? {
        try await backend.withReader { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.deliveryColumns)
                FROM webhook_deliveries d
                JOIN webhook_subscriptions s ON s.id = d.subscription_id
                JOIN outbox_events e ON e.id = d.event_id
                WHERE d.subscription_id = \(bind: subscriptionID) AND d.event_id = \(bind: eventID)
                """
            ).first().map(Self.delivery(from:))
        }
    }

    /// Queues a `webhook.test` event for one subscription (an outbox event with its audit
    /// entry `webhook.test_requested`); returns the event id.
    public func queueWebhookTest(subscriptionID: String, eventID: String, payload: String, atMicros: Int64, actor: String)
        async throws
    {
        try await committer.perform { transaction in
            guard
                try await transaction.db.raw(
                    "SELECT id FROM webhook_subscriptions WHERE id = \(bind: subscriptionID) AND removed_at_us IS NULL"
                ).first() != nil
            else { throw StoreError.notFound(kind: "webhook", id: subscriptionID) }
            let entry = try transaction.appendAudit(
                AuditRecord(
                    timeMicros: atMicros, actor: actor, action: "webhook.test_requested", subjectType: "webhook",
                    subjectID: subscriptionID, payload: ["event_id": .string(eventID)]))
            transaction.queue(
                .outboxEvents,
                [eventID, "webhook.test", String?.none, subscriptionID, payload, entry.seq, Int64(0), atMicros])
        }
    }

    /// Deliveries by status, for the relay's health and the tests.
    public func deliveryCounts() async throws -> [String: Int] {
        try await backend.withReader { db in
            var counts: [String: Int] = [:]
            for row in try await db.raw("SELECT status, COUNT(*) AS n FROM webhook_deliveries GROUP BY status").all() {
                counts[try row.decode(column: "status", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
            }
            return counts
        }
    }
}

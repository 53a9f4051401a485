-- Creditgate schema, version 4: webhooks, delivered from the outbox.
--
-- The outbox (0001) is written in the same transaction as each change; the relay copies each
-- new event into one delivery per matching subscription (the fan-out, its progress in
-- webhook_fanout) and delivers them with Standard Webhooks signatures, retrying with backoff
-- until the event is older than the maximum age, then dead-letters it.

-- Subscriptions. The signing secrets are stored sealed (AES-GCM) with a key kept outside the
-- database, so a dump of the database does not reveal them. Events committed after
-- start_after_seq (the audit head when the subscription was made) are delivered to it.
CREATE TABLE webhook_subscriptions (
    id               TEXT PRIMARY KEY,
    url              TEXT NOT NULL,
    events           TEXT NOT NULL,
    description      TEXT,
    sealed_secrets   TEXT NOT NULL,
    start_after_seq  BIGINT NOT NULL,
    created_at_us    BIGINT NOT NULL,
    removed_at_us    BIGINT
);

-- One row per (subscription, event). A customer's deliveries go out in commit order: a
-- later one waits while an earlier one is pending. A lease keeps several relays (several
-- Creditgate instances on one PostgreSQL) from sending the same delivery at once.
CREATE TABLE webhook_deliveries (
    subscription_id     TEXT NOT NULL REFERENCES webhook_subscriptions (id),
    event_id            TEXT NOT NULL REFERENCES outbox_events (id),
    customer_id         TEXT,
    audit_seq           BIGINT NOT NULL,
    position            BIGINT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts            BIGINT NOT NULL,
    next_attempt_at_us  BIGINT NOT NULL,
    leased_until_us     BIGINT,
    last_status_code    BIGINT,
    last_error          TEXT,
    delivered_at_us     BIGINT,
    created_at_us       BIGINT NOT NULL,
    PRIMARY KEY (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at_us);
CREATE INDEX webhook_deliveries_per_customer ON webhook_deliveries (subscription_id, customer_id, status, audit_seq, position);

-- How far the fan-out has read the outbox: one row, locked by the relay that fans out.
CREATE TABLE webhook_fanout (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    audit_seq BIGINT NOT NULL,
    position  BIGINT NOT NULL
);
INSERT INTO webhook_fanout (id, audit_seq, position) VALUES (1, 0, -1);

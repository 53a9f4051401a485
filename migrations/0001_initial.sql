-- Creditgate schema, version 1.
--
-- One file for SQLite and PostgreSQL: only TEXT, BIGINT and INTEGER columns, standard
-- constraints, ON CONFLICT and RETURNING (SQLite >= 3.35; sqlite-nio bundles 3.5x).
--   * Times are microseconds since 1970-01-01T00:00:00Z (UTC) in *_us columns: exact,
--     sortable and identical in both databases.
--   * Money is an exact decimal string (e.g. '26000.00') next to its ISO 4217 currency;
--     never a float.
--   * JSON documents (applications, decisions, audit payloads, webhook payloads) are TEXT,
--     stored byte for byte as received or produced: PostgreSQL's JSONB would reorder keys and
--     break hashes and byte-identical replays.
-- Statements are separated by ';' at the end of a line; no dollar-quoted bodies (the
-- migrator splits files itself so the same file runs on both databases).

-- The CRM record and its credit profile. `version` increments on every change
-- (optimistic concurrency: If-Match on the HTTP API).
CREATE TABLE customers (
    id                  TEXT PRIMARY KEY,
    crm_id              TEXT NOT NULL UNIQUE,
    legal_name          TEXT NOT NULL,
    registration_number TEXT,
    country             TEXT,
    contact_email       TEXT,
    credit_status       TEXT NOT NULL
        CHECK (credit_status IN ('none', 'active', 'in_review', 'declined', 'on_hold')),
    credit_limit        TEXT,
    currency            TEXT,
    terms_code          TEXT,
    net_days            BIGINT,
    deposit_pct         TEXT,
    tier                TEXT,
    next_review_date    TEXT,
    version             BIGINT NOT NULL CHECK (version >= 1),
    created_at_us       BIGINT NOT NULL,
    updated_at_us       BIGINT NOT NULL
);

-- Every policy text that ever decided anything, by the SHA-256 of its bytes, so any past
-- decision can be replayed under exactly the rules that made it.
CREATE TABLE policy_versions (
    sha256        TEXT PRIMARY KEY,
    policy_id     TEXT NOT NULL,
    version       BIGINT NOT NULL,
    source        TEXT NOT NULL,
    loaded_at_us  BIGINT NOT NULL
);
CREATE INDEX policy_versions_by_id ON policy_versions (policy_id, version);

-- An application exactly as received. Immutable: nothing updates or deletes these rows.
CREATE TABLE applications (
    id               TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    api_key_id       TEXT,
    document         TEXT NOT NULL,
    document_sha256  TEXT NOT NULL,
    policy_sha256    TEXT NOT NULL REFERENCES policy_versions (sha256),
    received_at_us   BIGINT NOT NULL
);
CREATE INDEX applications_by_customer ON applications (customer_id, received_at_us);
CREATE INDEX applications_by_api_key ON applications (api_key_id, received_at_us);

-- A decision by the engine or an officer. Several per application are possible (a
-- referral, then an officer's decision); each row is immutable.
CREATE TABLE decisions (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL REFERENCES applications (id),
    made_by         TEXT NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('approve', 'refer', 'decline')),
    tier            TEXT,
    points          BIGINT,
    terms_code      TEXT,
    net_days        BIGINT,
    deposit_pct     TEXT NOT NULL,
    limit_amount    TEXT NOT NULL,
    currency        TEXT NOT NULL,
    reason_codes    TEXT NOT NULL,
    document        TEXT NOT NULL,
    policy_id       TEXT NOT NULL,
    policy_version  BIGINT NOT NULL,
    policy_sha256   TEXT NOT NULL REFERENCES policy_versions (sha256),
    evaluated_at_us BIGINT NOT NULL,
    created_at_us   BIGINT NOT NULL
);
CREATE INDEX decisions_by_application ON decisions (application_id, created_at_us);

-- A referred application waiting for an officer.
CREATE TABLE reviews (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES applications (id),
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    status          TEXT NOT NULL
        CHECK (status IN ('open', 'awaiting_info', 'pending_confirmation', 'decided')),
    reason_code     TEXT NOT NULL,
    assignee        TEXT,
    due_at_us       BIGINT NOT NULL,
    version         BIGINT NOT NULL CHECK (version >= 1),
    created_at_us   BIGINT NOT NULL,
    updated_at_us   BIGINT NOT NULL
);
CREATE INDEX reviews_queue ON reviews (status, due_at_us);

-- The hash-chained audit log (see Sources/AuditTrail). Append-only: Creditgate never
-- updates or deletes a row; `creditgate audit verify` finds any change.
CREATE TABLE audit_entries (
    seq           BIGINT PRIMARY KEY CHECK (seq >= 1),
    time_us       BIGINT NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    subject_type  TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    payload       TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_entries_by_subject ON audit_entries (subject_type, subject_id, seq);
CREATE INDEX audit_entries_by_time ON audit_entries (time_us);

-- The chain head: one row, locked by every appending transaction (group commit keeps that
-- to one lock per batch, not per decision).
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   BIGINT NOT NULL,
    hash  TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Messages for the world outside, written in the same transaction as the change they
-- report. Ordered by (audit_seq, position): the audit sequence is the commit order.
-- Delivery state lives elsewhere (the relay's tables) so these rows stay immutable.
CREATE TABLE outbox_events (
    id             TEXT PRIMARY KEY,
    event_type     TEXT NOT NULL,
    customer_id    TEXT,
    subject_id     TEXT NOT NULL,
    payload        TEXT NOT NULL,
    audit_seq      BIGINT NOT NULL REFERENCES audit_entries (seq),
    position       BIGINT NOT NULL,
    created_at_us  BIGINT NOT NULL,
    UNIQUE (audit_seq, position)
);
CREATE INDEX outbox_events_by_customer ON outbox_events (customer_id, audit_seq, position);

-- The first answer to (API key, Idempotency-Key), stored in the same transaction as its
-- effects and replayed byte for byte on a retry; kept at least until expires_at_us.
CREATE TABLE idempotency_records (
    api_key_id      TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    status_code     BIGINT NOT NULL,
    response_body   TEXT NOT NULL,
    application_id  TEXT REFERENCES applications (id),
    created_at_us   BIGINT NOT NULL,
    expires_at_us   BIGINT NOT NULL,
    PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at_us);

-- API keys: only the SHA-256 of the secret is stored, never the secret.
CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('signup', 'officer', 'auditor', 'admin')),
    secret_sha256  TEXT NOT NULL UNIQUE,
    created_at_us  BIGINT NOT NULL,
    revoked_at_us  BIGINT
);

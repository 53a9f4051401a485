-- Creditgate schema, version 2: credit officers at work.
--
-- Officers are API keys with role 'officer'; the key's name is the officer (keys rotate, the
-- name stays). Each action on a review is one transaction: the review row changes under
-- optimistic concurrency (version), and the action, any decision, the customer's new profile,
-- the audit entry and the outbox events are written with it.

-- The largest limit an officer may grant or set, in the policy's currency (exact decimal
-- string). NULL for other roles.
ALTER TABLE api_keys ADD COLUMN authority_limit TEXT;

-- What a review waits for, as canonical JSON: the approval awaiting a second officer
-- (four eyes), and the request for information sent to the customer.
ALTER TABLE reviews ADD COLUMN pending_approval TEXT;
ALTER TABLE reviews ADD COLUMN info_request TEXT;
-- Once decided: 'approve' or 'decline', by whom (the approving or declining officer), when,
-- and whether that overrode the engine's proposal (a decline, or other terms or limit) —
-- the figures a credit manager asks for.
ALTER TABLE reviews ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('approve', 'decline'));
ALTER TABLE reviews ADD COLUMN decided_by TEXT;
ALTER TABLE reviews ADD COLUMN decided_at_us BIGINT;
ALTER TABLE reviews ADD COLUMN overrides_engine BIGINT CHECK (overrides_engine IS NULL OR overrides_engine IN (0, 1));
CREATE INDEX reviews_by_assignee ON reviews (assignee, status, due_at_us);

-- The second officer who confirmed an officer's decision (four eyes), if one did.
ALTER TABLE decisions ADD COLUMN confirmed_by TEXT;

-- Everything that happened to a review after it opened (the review row itself says when and
-- why it opened), one row per action, in version order. Immutable.
CREATE TABLE review_actions (
    id              TEXT PRIMARY KEY,
    review_id       TEXT NOT NULL REFERENCES reviews (id),
    review_version  BIGINT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('claimed', 'approved', 'declined',
                        'info_requested', 'information_received', 'confirmed')),
    actor           TEXT NOT NULL,
    note            TEXT,
    details         TEXT NOT NULL,
    created_at_us   BIGINT NOT NULL,
    UNIQUE (review_id, review_version)
);

-- The customer's answers to requests for information: the whole application document after
-- the change, as re-evaluated (the decision row holds the engine's answer to it). Immutable.
CREATE TABLE application_information (
    id               TEXT PRIMARY KEY,
    application_id   TEXT NOT NULL REFERENCES applications (id),
    api_key_id       TEXT,
    message          TEXT,
    changes          TEXT NOT NULL,
    document         TEXT NOT NULL,
    document_sha256  TEXT NOT NULL,
    decision_id      TEXT NOT NULL REFERENCES decisions (id),
    received_at_us   BIGINT NOT NULL
);
CREATE INDEX application_information_by_application ON application_information (application_id, received_at_us);

-- Officers' changes to a customer's credit profile outside a review (limit, terms, hold,
-- release), with the profile before and after as canonical JSON. Immutable.
CREATE TABLE credit_overrides (
    id                TEXT PRIMARY KEY,
    customer_id       TEXT NOT NULL REFERENCES customers (id),
    actor             TEXT NOT NULL,
    reason            TEXT NOT NULL,
    before_profile    TEXT NOT NULL,
    after_profile     TEXT NOT NULL,
    customer_version  BIGINT NOT NULL,
    created_at_us     BIGINT NOT NULL
);
CREATE INDEX credit_overrides_by_customer ON credit_overrides (customer_id, created_at_us);
CREATE INDEX credit_overrides_by_time ON credit_overrides (created_at_us);
CREATE INDEX decisions_by_time ON decisions (created_at_us);
CREATE INDEX applications_by_time ON applications (received_at_us);

-- Creditgate schema, version 3: auditors at work.
--
-- Signed checkpoints of the audit log. The signature is made with an Ed25519 key kept
-- outside the database (`creditgate audit init-key`); these rows are a convenience copy:
-- auditors keep exported checkpoints elsewhere, and `creditgate audit verify --checkpoint`
-- checks the log against those, so rewriting this table proves nothing.
CREATE TABLE audit_checkpoints (
    size           BIGINT PRIMARY KEY CHECK (size >= 1),
    head_hash      TEXT NOT NULL,
    key_id         TEXT NOT NULL,
    signed_text    TEXT NOT NULL,
    created_at_us  BIGINT NOT NULL
);

-- Filters of the audit review (GET /v1/audit): by actor and by action, in log order.
CREATE INDEX audit_entries_by_actor ON audit_entries (actor, seq);
CREATE INDEX audit_entries_by_action ON audit_entries (action, seq);

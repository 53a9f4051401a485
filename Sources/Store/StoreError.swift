/// What can go wrong in the store. Descriptions name records by id only, never their content.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An already-applied migration file no longer has the checksum it had when applied.
    case migrationEdited(name: String, recordedSHA256: String, fileSHA256: String)
    /// The database has a migration this build does not have (the database is newer).
    case migrationUnknown(version: Int64, name: String)
    /// The database is behind this build's migrations.
    case migrationsPending(names: [String])
    /// A migration file is malformed or misnamed.
    case invalidMigration(file: String, reason: String)
    /// A migration failed to apply; nothing of it was kept.
    case migrationFailed(name: String, statement: Int, reason: String)
    /// The `--database` value is not a usable file path or PostgreSQL URL.
    case invalidDatabaseSetting(reason: String)
    /// The database does not answer (not running, restarting, unreachable): the setting may
    /// well be right; try again when it is up.
    case unavailable(reason: String)
    /// A record referred to does not exist.
    case notFound(kind: String, id: String)
    /// An optimistic-concurrency check failed: someone else changed the record first.
    case versionConflict(kind: String, id: String, expected: Int64, actual: Int64)
    /// The submission names a policy version that was never recorded.
    case unknownPolicyVersion(sha256: String)
    /// A stored row could not be read back (a column has an impossible value).
    case corruptRow(table: String, key: String, reason: String)
    /// An audit payload cannot be encoded canonically; nothing was written.
    case invalidAuditPayload(action: String, reason: String)
    /// `COMMIT` failed: the writes may or may not be in the database. Nothing was
    /// acknowledged; a retry with the same idempotency key finds out.
    case commitOutcomeUnknown
    /// The store was shut down.
    case closed

    /// One sentence for a person.
    public var description: String {
        switch self {
        case .migrationEdited(let name, let recorded, let file):
            return
                "migration \(name) was edited after it was applied (applied with sha256 \(recorded.prefix(12))…, the file now has \(file.prefix(12))…); restore the file and put the change in a new migration"
        case .migrationUnknown(let version, let name):
            return
                "the database has migration \(version) (\(name)) that this build does not know; run a newer creditgate"
        case .migrationsPending(let names):
            return
                "the database needs \(names.count) migration\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", "))); run `creditgate migrate`"
        case .invalidMigration(let file, let reason):
            return "migration file \(file): \(reason)"
        case .migrationFailed(let name, let statement, let reason):
            return "migration \(name) failed at statement \(statement) and was rolled back: \(reason)"
        case .invalidDatabaseSetting(let reason):
            return "invalid database setting: \(reason)"
        case .unavailable(let reason):
            return "the database is unavailable: \(reason)"
        case .notFound(let kind, let id):
            return "no \(kind) with id \(id)"
        case .versionConflict(let kind, let id, let expected, let actual):
            return "\(kind) \(id) is at version \(actual), not \(expected): it changed meanwhile; reload and retry"
        case .unknownPolicyVersion(let sha256):
            return "policy version \(sha256.prefix(12))… was never recorded"
        case .corruptRow(let table, let key, let reason):
            return "unreadable row in \(table) (\(key)): \(reason)"
        case .invalidAuditPayload(let action, let reason):
            return "the audit entry for \(action) cannot be encoded canonically (\(reason)); nothing was written"
        case .commitOutcomeUnknown:
            return "the database did not confirm the commit; retry with the same idempotency key to find out whether it was recorded"
        case .closed:
            return "the store is shut down"
        }
    }
}

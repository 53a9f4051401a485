import AuditTrail
import Foundation
import Logging
import SQLKit

/// The ``CreditStore`` over SQL: one implementation for SQLite and PostgreSQL, which differ
/// only in their ``SQLBackend``.
///
/// Writes go through a ``GroupCommitter`` (one transaction per batch of concurrent writes,
/// one chain-head lock per batch); reads go straight to a reader connection.
public final class SQLCreditStore: CreditStore {
    /// The driver underneath.
    public let backend: any SQLBackend
    let committer: GroupCommitter
    let inFlight = InFlightKeys()
    let clock: @Sendable () -> Int64
    let logger: Logger

    /// Opens a store on a backend whose schema is already migrated (see ``Migrator``).
    /// - Parameters:
    ///   - backend: the database connections.
    ///   - maxBatch: the most writes one group-commit transaction takes.
    ///   - clock: the time for audit entries the caller does not time itself, microseconds
    ///     since the Unix epoch.
    ///   - logger: where the store logs (never record contents).
    public init(
        backend: any SQLBackend, maxBatch: Int = 256,
        clock: @escaping @Sendable () -> Int64 = SQLCreditStore.systemClock, logger: Logger
    ) {
        self.backend = backend
        self.committer = GroupCommitter(backend: backend, maxBatch: maxBatch, logger: logger)
        self.clock = clock
        self.logger = logger
    }

    /// Microseconds since the Unix epoch, from the system clock.
    @Sendable public static func systemClock() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Which database this is.
    public var kind: DatabaseKind { backend.kind }

    /// Finishes pending writes and closes every connection.
    public func shutdown() async throws {
        await committer.close()
        try await backend.shutdown()
    }
}

// MARK: - Helpers shared by the SQL files

extension SQLCreditStore {
    /// Reads an optional column.
    static func optional<T: Decodable>(_ row: any SQLRow, _ column: String, as type: T.Type) throws -> T? {
        try row.decodeNil(column: column) ? nil : row.decode(column: column, as: T.self)
    }

    /// Encodes a list of codes as canonical JSON text.
    static func jsonList(_ codes: [String]) -> String {
        CanonicalJSON.string(.array(codes.map { .string($0) }))
    }

    /// Decodes a list of codes stored by ``jsonList(_:)``.
    static func codes(fromJSON text: String, table: String, key: String) throws -> [String] {
        guard case .array(let items) = try CanonicalJSON.parse(text) else {
            throw StoreError.corruptRow(table: table, key: key, reason: "reason_codes is not a JSON array")
        }
        return try items.map {
            guard case .string(let code) = $0 else {
                throw StoreError.corruptRow(table: table, key: key, reason: "reason_codes holds a non-string")
            }
            return code
        }
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Store
import Synchronization

/// The embedded default: one SQLite file in WAL mode with `synchronous=FULL`.
///
/// One connection writes (the group committer's transactions, one at a time); two connections
/// read, so reads never wait for a commit's flush. With `synchronous=FULL` a transaction is
/// on disk when `COMMIT` returns: an acknowledged decision survives a crash or power loss.
public final class SQLiteBackend: SQLBackend {
    /// Which database this is.
    public var kind: DatabaseKind { .sqlite }

    /// The database file.
    public let path: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let checkpointer: SQLiteConnection
    private let checkpointLoop: Task<Void, Never>
    private let writerGate = WriterGate()
    private let threadPool: NIOThreadPool
    private let nextReader = ReaderCounter()

    /// How often the WAL is copied back into the database file, off the writer's path.
    static let checkpointInterval: Duration = .milliseconds(500)

    private init(
        path: String, writer: SQLiteConnection, readers: [SQLiteConnection], checkpointer: SQLiteConnection,
        threadPool: NIOThreadPool, logger: Logger
    ) {
        self.threadPool = threadPool
        self.path = path
        self.writer = writer
        self.readers = readers
        self.checkpointer = checkpointer
        self.checkpointLoop = Task {
            await Self.checkpoint(checkpointer.sql(queryLogLevel: nil), every: Self.checkpointInterval, logger: logger)
        }
    }

    /// Copies the WAL back into the database file every `interval` (`PRAGMA wal_checkpoint(PASSIVE)`:
    /// it never blocks the writer or a reader), on its own connection and thread.
    ///
    /// SQLite's automatic checkpoint (every 1,000 WAL pages) runs inside the `COMMIT` that
    /// crosses the threshold, on the writer: under load that was several times a second, each
    /// copying ~4 MB and flushing the database file while every writer of the next batch
    /// waited. Here the writer only appends to the WAL and flushes it.
    private static func checkpoint(_ db: any SQLDatabase, every interval: Duration, logger: Logger) async {
        var warnedAt: Int64 = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            do {
                guard let row = try await db.raw("PRAGMA wal_checkpoint(PASSIVE)").first() else { continue }
                // (busy, pages in the WAL, pages checkpointed); -1s when the file is not in WAL mode.
                let walPages = (try? row.decode(column: "log", as: Int64.self)) ?? 0
                let copied = (try? row.decode(column: "checkpointed", as: Int64.self)) ?? 0
                // A WAL that keeps growing means a reader holds an old snapshot for long.
                if walPages - copied > 100_000 && walPages > warnedAt * 2 {
                    warnedAt = walPages
                    logger.warning(
                        "the SQLite WAL keeps growing: a long read holds back checkpoints",
                        metadata: ["wal_pages": "\(walPages)", "checkpointed": "\(copied)"])
                }
            } catch {
                logger.notice("SQLite checkpoint failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
        }
    }

    /// Opens (creating if needed) the database file.
    /// - Parameters:
    ///   - path: the file; `-wal` and `-shm` files appear next to it.
    ///   - readers: how many read connections to keep.
    ///   - logger: the driver's logger (statements are never logged with their values).
    public static func open(path: String, readers: Int = 2, logger: Logger) async throws -> SQLiteBackend {
        // Its own threads: one per connection, so that the writer's flush never holds up a read
        // (sqlite-nio's shared pool has one thread per core).
        let threadPool = NIOThreadPool(numberOfThreads: readers + 2)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
        } catch {
            let directory = (path as NSString).deletingLastPathComponent
            let reason =
                FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory)
                ? "cannot open or create the SQLite database \(path) (check its permissions)"
                : "cannot create the SQLite database \(path): the directory \(directory) does not exist"
            try? await threadPool.shutdownGracefully()
            throw StoreError.invalidDatabaseSetting(reason: reason)
        }
        do {
            let db = writer.sql(queryLogLevel: nil)
            // WAL: readers do not block the writer; persistent in the file once set.
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await configure(db)
            // Checkpoints run on their own connection (see `checkpoint`), not in the writer's COMMIT.
            try await db.raw("PRAGMA wal_autocheckpoint = 0").run()
            // Statement journals (multi-row inserts keep one to undo a failing statement alone)
            // and a larger page cache, in memory: fewer file reads and writes per batch.
            try await db.raw("PRAGMA temp_store = MEMORY").run()
            try await db.raw("PRAGMA cache_size = -32768").run()
        } catch {
            try? await writer.close()
            try? await threadPool.shutdownGracefully()
            throw error
        }
        var readConnections: [SQLiteConnection] = []
        do {
            for _ in 0..<max(1, readers) {
                let reader = try await SQLiteConnection.open(
                    storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
                readConnections.append(reader)
                let readDB = reader.sql(queryLogLevel: nil)
                try await configure(readDB)
                try await readDB.raw("PRAGMA query_only = ON").run()
            }
        } catch {
            for reader in readConnections { try? await reader.close() }
            try? await writer.close()
            try? await threadPool.shutdownGracefully()
            throw error
        }
        let checkpointer: SQLiteConnection
        do {
            checkpointer = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            try await configure(checkpointer.sql(queryLogLevel: nil))
        } catch {
            for reader in readConnections { try? await reader.close() }
            try? await writer.close()
            try? await threadPool.shutdownGracefully()
            throw error
        }
        return SQLiteBackend(
            path: path, writer: writer, readers: readConnections, checkpointer: checkpointer, threadPool: threadPool,
            logger: logger)
    }

    private static func configure(_ db: any SQLDatabase) async throws {
        // FULL: every COMMIT is flushed to disk before it returns (WAL's default NORMAL is not
        // durable on power loss).
        try await db.raw("PRAGMA synchronous = FULL").run()
        try await db.raw("PRAGMA foreign_keys = ON").run()
    }

    /// Runs `body` on the one writer connection; calls never overlap.
    public func withWriter<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        await writerGate.acquire()
        do {
            let result = try await body(writer.sql(queryLogLevel: nil))
            await writerGate.release()
            return result
        } catch {
            await writerGate.release()
            throw error
        }
    }

    /// Runs `body` on one of the read connections.
    public func withReader<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        let reader = readers[nextReader.next() % readers.count]
        return try await body(reader.sql(queryLogLevel: nil))
    }

    /// Closes every connection.
    public func shutdown() async throws {
        checkpointLoop.cancel()
        await checkpointLoop.value
        for reader in readers { try await reader.close() }
        try await checkpointer.close()
        // The last connection to close copies what is left of the WAL into the database file.
        try await writer.close()
        try await threadPool.shutdownGracefully()
    }
}

/// Lets one writer at a time use the write connection, in arrival order.
private actor WriterGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Round-robin over the read connections.
private final class ReaderCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.wrappingAdd(1, ordering: .relaxed).newValue & Int.max
    }
}

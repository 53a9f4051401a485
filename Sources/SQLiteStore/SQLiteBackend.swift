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
    private let writerGate = WriterGate()
    private let threadPool: NIOThreadPool
    /// The writer's own event loop: the driver answers the writer's statements on it, and the
    /// group committer's drain task runs on it, so a batch's dozen statements never wait in
    /// line behind HTTP work on the shared loops and the global executor.
    private let writerLoop: MultiThreadedEventLoopGroup
    private let writerExecutor: EventLoopTaskExecutor
    private let nextReader = ReaderCounter()

    public var writeExecutor: (any TaskExecutor)? { writerExecutor }

    private init(
        path: String, writer: SQLiteConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool, writerLoop: MultiThreadedEventLoopGroup
    ) {
        self.threadPool = threadPool
        self.writerLoop = writerLoop
        self.writerExecutor = EventLoopTaskExecutor(writer.eventLoop)
        self.path = path
        self.writer = writer
        self.readers = readers
    }

    /// Opens (creating if needed) the database file.
    /// - Parameters:
    ///   - path: the file; `-wal` and `-shm` files appear next to it.
    ///   - readers: how many read connections to keep.
    ///   - logger: the driver's logger (statements are never logged with their values).
    public static func open(path: String, readers: Int = 2, logger: Logger) async throws -> SQLiteBackend {
        // Its own threads: one per connection, so that the writer's flush never holds up a read
        // (sqlite-nio's shared pool has one thread per core).
        let threadPool = NIOThreadPool(numberOfThreads: readers + 1)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let writerLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        // A failed open closes what it opened and stops both thread sets.
        func abandon(_ opened: [SQLiteConnection]) async {
            for connection in opened { try? await connection.close() }
            try? await threadPool.shutdownGracefully()
            try? await writerLoop.shutdownGracefully()
        }
        let writer: SQLiteConnection
        do {
            writer = try await SQLiteConnection.open(
                storage: .file(path: path), threadPool: threadPool, logger: logger, on: writerLoop.next())
        } catch {
            await abandon([])
            let directory = (path as NSString).deletingLastPathComponent
            let reason =
                FileManager.default.fileExists(atPath: directory.isEmpty ? "." : directory)
                ? "cannot open or create the SQLite database \(path) (check its permissions)"
                : "cannot create the SQLite database \(path): the directory \(directory) does not exist"
            throw StoreError.invalidDatabaseSetting(reason: reason)
        }
        do {
            let db = writer.sql(queryLogLevel: nil)
            // WAL: readers do not block the writer; persistent in the file once set.
            try await db.raw("PRAGMA journal_mode = WAL").run()
            try await configure(db)
            // Statement journals (multi-row inserts keep one to undo a failing statement alone)
            // and a larger page cache, in memory: fewer file reads and writes per batch.
            try await db.raw("PRAGMA temp_store = MEMORY").run()
            try await db.raw("PRAGMA cache_size = -32768").run()
        } catch {
            await abandon([writer])
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
            // Readers first: the last connection to close is the one that checkpoints.
            await abandon(readConnections + [writer])
            throw error
        }
        return SQLiteBackend(path: path, writer: writer, readers: readConnections, threadPool: threadPool, writerLoop: writerLoop)
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
    ///
    /// Every step runs even when an earlier one fails (so no thread outlives the store); the
    /// first error is thrown at the end. Nothing may use the writer after this: its event
    /// loop is gone, and a task enqueued on it would never run.
    public func shutdown() async throws {
        var firstError: (any Error)?
        func step(_ body: () async throws -> Void) async {
            do { try await body() } catch { if firstError == nil { firstError = error } }
        }
        for reader in readers { await step { try await reader.close() } }
        // The last connection to close copies what is left of the WAL into the database file.
        await step { try await writer.close() }
        await step { try await threadPool.shutdownGracefully() }
        await step { try await writerLoop.shutdownGracefully() }
        if let firstError { throw firstError }
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

/// Runs Swift tasks on a NIO event loop's thread. Valid while the loop runs: a job enqueued
/// after the loop shut down is dropped by NIO (with an error message), so the backend stops
/// the loop only after the group committer has closed.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

import AuditTrail
import Logging
import SQLKit
import Synchronization

/// The single writer: runs every state change, and commits whatever arrived together in ONE
/// transaction (group commit).
///
/// A durable commit costs one disk flush (about 4 ms on this machine's disk), whatever it
/// holds. Writers that arrive while a transaction commits wait for the next one, which takes
/// them all (up to `maxBatch`), so throughput grows with concurrency while a lone writer still
/// commits at once. Each transaction reads and locks the audit chain head once, appends the
/// batch's entries in arrival order and moves the head: the chain stays one chain, without a
/// lock per decision. Every caller resumes only after the `COMMIT` that holds its writes
/// returned, so an acknowledged write is durable.
///
/// When any operation in a batch throws, the transaction rolls back and each operation is run
/// again alone, so only the operation that failed reports an error.
final class GroupCommitter: Sendable {
    private struct State {
        var pending: [any WriteJob] = []
        var draining = false
        var closed = false
    }

    private let backend: any SQLBackend
    private let maxBatch: Int
    private let logger: Logger
    private let gatherWindow: Duration
    private let state = Mutex(State())

    init(backend: any SQLBackend, maxBatch: Int = 256, gatherWindow: Duration = .microseconds(500), logger: Logger) {
        self.backend = backend
        self.maxBatch = maxBatch
        self.gatherWindow = gatherWindow
        self.logger = logger
    }

    /// Runs `body` in the next group-commit transaction and returns its result after `COMMIT`.
    /// A `submission` is prepared with the others of its batch (``WriteTransaction/prepare(_:)``)
    /// before any body runs.
    func perform<R: Sendable>(
        submission: Submission? = nil, _ body: @escaping @Sendable (WriteTransaction) async throws -> R
    ) async throws -> R {
        let job = TypedWriteJob(body: body, submission: submission)
        return try await withCheckedThrowingContinuation { continuation in
            job.continuation = continuation
            let start: Bool? = state.withLock { state in
                guard !state.closed else { return nil }
                state.pending.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            switch start {
            case nil: job.fail(StoreError.closed)
            case true?: Task { await self.drain() }
            case false?: break
            }
        }
    }

    /// Refuses new work and waits until everything accepted has committed.
    func close() async {
        state.withLock { $0.closed = true }
        while state.withLock({ $0.draining }) {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    private func drain() async {
        var previous = 0
        while true {
            // Writers whose batch just committed usually come straight back: wait a moment
            // (at most `gatherWindow`) until as many are queued again, so that one flush
            // serves them all instead of one flush for the first and another for the rest.
            if previous > 1 {
                let deadline = ContinuousClock.now + gatherWindow
                while state.withLock({ $0.pending.count }) < previous, ContinuousClock.now < deadline {
                    try? await Task.sleep(for: .microseconds(50))
                }
            }
            let batch: [any WriteJob] = state.withLock { state in
                guard !state.pending.isEmpty else {
                    state.draining = false
                    return []
                }
                let count = min(state.pending.count, maxBatch)
                let batch = Array(state.pending.prefix(count))
                state.pending.removeFirst(count)
                return batch
            }
            if batch.isEmpty { return }
            previous = batch.count
            await execute(batch)
        }
    }

    private func execute(_ batch: [any WriteJob]) async {
        let lockRow = backend.lockRow
        let began = ContinuousClock.now
        do {
            try await backend.inWriteTransaction { db in
                let row = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lockRow)").first()
                guard let row else {
                    throw StoreError.corruptRow(table: "audit_head", key: "id=1", reason: "the chain head row is missing")
                }
                let head = ChainHead(
                    seq: try row.decode(column: "seq", as: Int64.self),
                    hash: try row.decode(column: "hash", as: String.self))
                let transaction = WriteTransaction(db: db, head: head)
                let submissions = batch.compactMap(\.submission)
                if !submissions.isEmpty {
                    try await transaction.prepare(submissions)
                }
                for job in batch {
                    try await job.run(transaction)
                }
                try await transaction.flush()
            }
            if logger.logLevel <= .trace {
                logger.trace(
                    "group commit",
                    metadata: [
                        "batch": "\(batch.count)",
                        "ms": "\(Double((ContinuousClock.now - began) / .microseconds(1)) / 1000)",
                    ])
            }
            for job in batch { job.succeed() }
        } catch {
            if batch.count == 1 {
                batch[0].fail(error)
                return
            }
            logger.debug(
                "group commit failed; retrying its operations one by one",
                metadata: ["batch": "\(batch.count)", "error": "\(String(reflecting: type(of: error)))"])
            for job in batch {
                await execute([job])
            }
        }
    }
}

/// A write operation waiting for, or running in, a group-commit transaction.
protocol WriteJob: AnyObject, Sendable {
    /// The submission this job records, if it is one (prepared in bulk with its batch).
    var submission: Submission? { get }
    /// Runs the operation inside the transaction (may run again if its batch is retried).
    func run(_ transaction: WriteTransaction) async throws
    /// The transaction committed: resume the caller with the result.
    func succeed()
    /// The operation failed: resume the caller with the error.
    func fail(_ error: any Error)
}

/// A ``WriteJob`` that hands a typed result back to its caller.
private final class TypedWriteJob<R: Sendable>: WriteJob, @unchecked Sendable {
    // Touched only by the committer's drain loop after `perform` published the job under the lock.
    let body: @Sendable (WriteTransaction) async throws -> R
    let submission: Submission?
    var continuation: CheckedContinuation<R, any Error>?
    private var result: R?

    init(body: @escaping @Sendable (WriteTransaction) async throws -> R, submission: Submission?) {
        self.body = body
        self.submission = submission
    }

    func run(_ transaction: WriteTransaction) async throws {
        result = try await body(transaction)
    }

    func succeed() {
        guard let result else { return fail(StoreError.closed) }
        continuation?.resume(returning: result)
        continuation = nil
    }

    func fail(_ error: any Error) {
        continuation?.resume(throwing: error)
        continuation = nil
    }
}

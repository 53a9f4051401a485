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
/// again alone, so only the operation that failed reports an error. When `COMMIT` itself fails
/// the outcome is unknown (the database may hold the batch): every operation fails with
/// ``StoreError/commitOutcomeUnknown`` and none is retried here.
final class GroupCommitter: Sendable {
    private struct State {
        var pending: [any WriteJob] = []
        var draining = false
        var closed = false
        /// The size of the last batch committed: a lone writer (1) commits in its own task.
        var lastBatch = 0
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
    ///
    /// When no transaction is running, the caller commits its own write at once in its own task
    /// (no hand-off to another task: that is what a lone writer's latency is made of), then
    /// hands whatever arrived meanwhile to a drain task. Otherwise it queues for the next batch.
    func perform<R: Sendable>(
        submission: Submission? = nil, _ body: @escaping @Sendable (WriteTransaction) async throws -> R
    ) async throws -> R {
        let job = TypedWriteJob(body: body, submission: submission)
        let role: Role = state.withLock { state in
            guard !state.closed else { return .closed }
            if state.draining {
                state.pending.append(job)
                return .follow
            }
            state.draining = true
            if state.lastBatch > 1 {
                // Others are about to come back from the last batch: gather with them.
                state.pending.append(job)
                return .startDrain(previous: state.lastBatch)
            }
            return .lead
        }
        switch role {
        case .closed:
            throw StoreError.closed
        case .follow:
            return try await job.wait()
        case .startDrain(let previous):
            Task(executorPreference: backend.writeExecutor) { await self.drain(previous: previous) }
            return try await job.wait()
        case .lead:
            await execute([job])
            let handOff = state.withLock { state in
                state.lastBatch = 1
                if state.pending.isEmpty { state.draining = false }
                return state.draining
            }
            if handOff { Task(executorPreference: backend.writeExecutor) { await self.drain(previous: 1) } }
            return try await job.wait()
        }
    }

    /// Refuses new work and waits until everything accepted has committed.
    func close() async {
        state.withLock { $0.closed = true }
        while state.withLock({ $0.draining }) {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// What a caller of ``perform(submission:_:)`` does.
    private enum Role {
        /// The committer is shut down.
        case closed
        /// A transaction is running: wait for a later batch.
        case follow
        /// The last batch was shared: start the drain task, which gathers the others too.
        case startDrain(previous: Int)
        /// Nobody else is writing: commit this write now, in this task.
        case lead
    }

    private func drain(previous: Int) async {
        var previous = previous
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
            state.withLock { $0.lastBatch = batch.count }
        }
    }

    private func execute(_ batch: [any WriteJob]) async {
        let lockRow = backend.lockRow
        let began = ContinuousClock.now
        let phases = Mutex<[Duration]>([])
        let tracing = logger.logLevel <= .trace
        @Sendable func mark() {
            if tracing { phases.withLock { $0.append(ContinuousClock.now - began) } }
        }
        do {
            let auditSeq = try await backend.inWriteTransaction { db in
                mark()
                let row = try await db.raw("SELECT seq, hash FROM audit_head WHERE id = 1\(unsafeRaw: lockRow)").first()
                guard let row else {
                    throw StoreError.corruptRow(table: "audit_head", key: "id=1", reason: "the chain head row is missing")
                }
                let head = ChainHead(
                    seq: try row.decode(column: "seq", as: Int64.self),
                    hash: try row.decode(column: "hash", as: String.self))
                let transaction = WriteTransaction(db: db, head: head)
                let submissions = batch.compactMap(\.submission)
                mark()
                if !submissions.isEmpty {
                    try await transaction.prepare(submissions)
                }
                mark()
                for job in batch {
                    try await job.run(transaction)
                }
                mark()
                try await transaction.flush()
                mark()
                return transaction.head.seq
            }
            backend.committed(auditSeq: auditSeq)
            if tracing {
                logger.trace(
                    "group commit",
                    metadata: [
                        "batch": "\(batch.count)",
                        "ms": "\(Double((ContinuousClock.now - began) / .microseconds(1)) / 1000)",
                        // begin, head, prepare, operations, flush (ms since start; the rest is COMMIT)
                        "phases": "\(phases.withLock { $0 }.map { Double($0 / .microseconds(1)) / 1000 })",
                    ])
            }
            for job in batch { job.succeed() }
        } catch {
            // Retrying one by one after a COMMIT of unknown outcome could record twice what the
            // database already holds: fail them all instead (nothing was acknowledged).
            if batch.count == 1 || (error as? StoreError) == .commitOutcomeUnknown {
                for job in batch { job.fail(error) }
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
    let body: @Sendable (WriteTransaction) async throws -> R
    let submission: Submission?
    // Touched only by the task running the job's batch.
    private var result: R?
    // The outcome, and the caller waiting for it; whichever comes second completes the other.
    private let completion = Mutex<(outcome: Result<R, any Error>?, waiter: CheckedContinuation<R, any Error>?)>(
        (nil, nil))

    init(body: @escaping @Sendable (WriteTransaction) async throws -> R, submission: Submission?) {
        self.body = body
        self.submission = submission
    }

    func run(_ transaction: WriteTransaction) async throws {
        result = try await body(transaction)
    }

    func succeed() {
        guard let result else { return complete(.failure(StoreError.closed)) }
        complete(.success(result))
    }

    func fail(_ error: any Error) {
        complete(.failure(error))
    }

    private func complete(_ outcome: Result<R, any Error>) {
        let waiter = completion.withLock { state -> CheckedContinuation<R, any Error>? in
            if state.outcome != nil { return nil }
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: outcome)
    }

    /// The result, once the job's transaction committed (or its error).
    func wait() async throws -> R {
        try await withCheckedThrowingContinuation { continuation in
            let outcome = completion.withLock { state -> Result<R, any Error>? in
                if let outcome = state.outcome { return outcome }
                state.waiter = continuation
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }
}

import Synchronization

/// Runs `operation` and gives up after `limit`, throwing `StoreError.unavailable`.
///
/// Unlike a task-group race, this returns at the deadline even when the operation ignores
/// cancellation (a connection attempt wedged inside a driver): the operation is cancelled and
/// left to finish on its own. Meant for start-up steps, after which the process either goes on
/// or exits; `what` names the step in the error ("the database did not answer …").
public func withDeadline<R: Sendable>(
    _ limit: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> R
) async throws -> R {
    let outcome = DeadlineOutcome<R>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<R, any Error>) in
            outcome.install(continuation)
            let work = Task {
                do {
                    outcome.finish(.success(try await operation()))
                } catch {
                    outcome.finish(.failure(error))
                }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                if outcome.finish(.failure(StoreError.unavailable(reason: "\(what) did not answer within \(limit.components.seconds) s"))) {
                    work.cancel()
                }
            }
            outcome.onFinish { timer.cancel() }
        }
    } onCancel: {
        outcome.finish(.failure(CancellationError()))
    }
}

/// The first result wins; later ones are dropped.
private final class DeadlineOutcome<R: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<R, any Error>?
        var early: Result<R, any Error>?
        var done = false
        var onFinish: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<R, any Error>) {
        let early: Result<R, any Error>? = state.withLock { s in
            if let early = s.early { return early }
            s.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func onFinish(_ body: @escaping @Sendable () -> Void) {
        let already = state.withLock { s in
            if s.done { return true }
            s.onFinish = body
            return false
        }
        if already { body() }
    }

    /// Returns whether this result was the first.
    @discardableResult
    func finish(_ result: Result<R, any Error>) -> Bool {
        let (continuation, callback, first): (CheckedContinuation<R, any Error>?, (@Sendable () -> Void)?, Bool) =
            state.withLock { s in
                if s.done { return (nil, nil, false) }
                s.done = true
                let c = s.continuation
                s.continuation = nil
                if c == nil { s.early = result }
                let f = s.onFinish
                s.onFinish = nil
                return (c, f, true)
            }
        continuation?.resume(with: result)
        callback?()
        return first
    }
}

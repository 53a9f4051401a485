import AuditTrail
import Logging
import ServiceLifecycle
import Store

/// Signs a checkpoint of the audit log every N entries or T minutes, whichever comes first,
/// beside the HTTP server (`creditgate serve --audit-key`).
struct AuditCheckpointer: Service {
    let store: any CreditStore
    let signer: CheckpointSigner
    let schedule: CheckpointSchedule
    let logger: Logger

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let head = try await store.auditHead()
                    let last = try await store.latestCheckpoint().map { try SignedCheckpoint.parse($0.signedText).checkpoint }
                    if schedule.isDue(head: head, last: last, nowMicros: SQLCreditStore.systemClock()),
                        let signed = try await store.signCheckpoint(
                            signer: signer, nowMicros: SQLCreditStore.systemClock(), actor: "system")
                    {
                        logger.info(
                            "audit checkpoint signed",
                            metadata: ["size": "\(signed.checkpoint.size)", "key": "\(signer.publicKey.keyIDHex)"])
                    }
                } catch is CancellationError {
                    return
                } catch {
                    // A refusal (the log no longer extends the last checkpoint) is an alarm.
                    logger.critical("audit checkpoint not signed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }
}

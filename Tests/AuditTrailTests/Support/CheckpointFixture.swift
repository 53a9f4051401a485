import AuditTrail
import Crypto

/// A 300-entry chain with a checkpoint every 50 entries, signed by a fixed key.
enum CheckpointFixture {
    static let origin = "creditgate/test"
    static let interval = 50

    /// The entries, as read from storage.
    static let entries: [AuditEntry] = AuditChain.append(Array(ChainFixture.records.prefix(300)), after: .genesis).entries

    /// The trusted key (fixed seed, so runs are repeatable).
    static let signer = try! CheckpointSigner(name: origin, privateKey: key(seed: 1))
    /// A key nobody trusts, under the same name.
    static let otherSigner = try! CheckpointSigner(name: origin, privateKey: key(seed: 2))

    static func key(seed: UInt8) -> Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: seed, count: 32))
    }

    /// The head after `size` entries of `entries`.
    static func head(_ size: Int, in entries: [AuditEntry] = entries) -> ChainHead {
        size == 0 ? .genesis : ChainHead(entries[size - 1])
    }

    /// A checkpoint of `entries` at `size`, recording `previous`; time is one second per entry.
    static func checkpoint(_ size: Int, previous: ChainHead, in entries: [AuditEntry] = entries) -> Checkpoint {
        try! Checkpoint(origin: origin, head: head(size, in: entries), timeMicros: 1_767_225_600_000_000 + Int64(size) * 1_000_000, previous: previous)
    }

    /// Signed checkpoints at 50, 100, … 300, each recording the one before.
    static func checkpoints(of entries: [AuditEntry] = entries, by signer: CheckpointSigner = signer) -> [SignedCheckpoint] {
        stride(from: interval, through: entries.count, by: interval).map { size in
            try! signer.sign(checkpoint(size, previous: head(size - interval, in: entries), in: entries))
        }
    }
}

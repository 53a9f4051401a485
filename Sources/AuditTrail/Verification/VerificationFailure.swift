/// The first place where a stored chain is not what was appended: which entry and how.
///
/// Carries no entry content: ``detail`` says only what differed.
public struct VerificationFailure: Sendable, Hashable, CustomStringConvertible {
    /// How the chain is broken.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The stored hash does not match the entry's content, or the payload is not canonical JSON.
        case edited
        /// A gap: seq jumps (entries deleted); the failure's seq is the first missing one.
        case missing
        /// The entry's `prev_hash` differs from the previous entry's hash (entries reordered,
        /// inserted, or rehashed one by one); reported at the entry whose link is wrong.
        case brokenLink = "broken_link"
        /// The seq repeats or goes backwards.
        case duplicate
        /// The entry at this seq is intact content of the next seq (it hashes correctly as
        /// seq + 1): two adjacent entries swapped; reported at the lower seq. Only
        /// ``CheckpointedChainVerifier`` refines ``edited`` into this.
        case reordered
        /// The log ends before a signed checkpoint's size: entries cut from the end. The
        /// failure's seq is the first absent one (the last entry's seq + 1).
        case truncated
        /// The chain is internally valid but its hash at a signed checkpoint's size differs from
        /// the signed head hash (a rewrite with recomputed hashes); seq = that size.
        case checkpointMismatch = "checkpoint_mismatch"
        /// A checkpoint is not signed by a trusted key for this log (another key, an invalid
        /// signature, or another origin); seq = the checkpoint's size.
        case badSignature = "bad_signature"
        /// A checkpoint does not extend the one before it (its recorded previous head is not
        /// that checkpoint), or two checkpoints of one size sign different heads; seq = its size.
        case checkpointNotExtending = "checkpoint_not_extending"
    }

    /// The seq at which the chain breaks (for ``Kind/missing`` and ``Kind/truncated``, the first
    /// absent seq; for checkpoint kinds, the checkpoint's size).
    public var seq: Int64
    /// How it breaks.
    public var kind: Kind
    /// What differed, without any entry content (e.g. "stored hash differs from recomputed hash").
    public var detail: String

    /// Creates a failure.
    public init(seq: Int64, kind: Kind, detail: String) {
        self.seq = seq
        self.kind = kind
        self.detail = detail
    }

    /// `entry <seq>: <kind>: <detail>`.
    public var description: String { "entry \(seq): \(kind.rawValue): \(detail)" }
}

extension VerificationFailure: Codable {
    private enum CodingKeys: String, CodingKey {
        case seq, kind, detail
    }

    /// Reads `{"seq":…,"kind":"edited","detail":…}`; `detail` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int64.self, forKey: .seq)
        kind = try container.decode(Kind.self, forKey: .kind)
        detail = try container.decodeIfPresent(String.self, forKey: .detail) ?? ""
    }

    /// Writes `{"seq":…,"kind":"edited","detail":…}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(kind, forKey: .kind)
        try container.encode(detail, forKey: .detail)
    }
}

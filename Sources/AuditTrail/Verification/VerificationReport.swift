/// The outcome of verifying a chain, or a stretch of one.
///
/// Encodes as `{"ok":…,"entries_checked":…,"head_seq":…,"head_hash":…,"checkpoints_checked":…,"first_failure":{"seq":…,"kind":…,"detail":…}}`
/// (`first_failure` absent when ``ok``; `checkpoints_checked` absent when checkpoints were not
/// part of the verification, as with ``ChainVerifier``, so its reports read as before).
public struct VerificationReport: Sendable, Hashable, Codable {
    /// True when every entry checked is intact and linked.
    public var ok: Bool
    /// Entries examined, up to and including the one that failed; later ones are not judged.
    public var entriesChecked: Int
    /// The seq of the last entry that verified (the start head's seq when none did).
    public var headSeq: Int64
    /// The hash of the last entry that verified (the start head's hash when none did).
    public var headHash: String
    /// The first failure, when there is one.
    public var firstFailure: VerificationFailure?
    /// Signed checkpoints confirmed: trusted signature, in sequence, and head equal to the
    /// chain's hash at its size. Nil when checkpoints were not considered (``ChainVerifier``);
    /// ``CheckpointedChainVerifier`` always sets it, 0 when given none.
    public var checkpointsChecked: Int?

    /// Creates a report.
    public init(
        ok: Bool, entriesChecked: Int, headSeq: Int64, headHash: String, firstFailure: VerificationFailure?, checkpointsChecked: Int? = nil
    ) {
        self.ok = ok
        self.entriesChecked = entriesChecked
        self.headSeq = headSeq
        self.headHash = headHash
        self.firstFailure = firstFailure
        self.checkpointsChecked = checkpointsChecked
    }

    /// The last verified position as a head, e.g. to resume verification from.
    public var head: ChainHead { ChainHead(seq: headSeq, hash: headHash) }

    private enum CodingKeys: String, CodingKey {
        case ok
        case entriesChecked = "entries_checked"
        case headSeq = "head_seq"
        case headHash = "head_hash"
        case firstFailure = "first_failure"
        case checkpointsChecked = "checkpoints_checked"
    }
}

import Foundation

/// One decision of a ``ReplayReport``.
public struct ReplayedDecision: Codable, Hashable, Sendable {
    /// What became of the replay.
    public enum Result: Hashable, Sendable {
        /// The engine's decision came out the same, byte for byte.
        case identical
        /// The engine's decision came out different.
        case different
        /// The engine's decision could not be re-evaluated (e.g. its policy version is gone).
        case failed
        /// An officer's decision: nothing to re-evaluate.
        case notReplayed
    }

    /// The decision's id (`dec_…`).
    public var decisionID: String
    /// `engine`, or the officer who decided.
    public var madeBy: String
    /// The policy version it was made under.
    public var policy: PolicyReference
    /// When it was made (the clock the replay uses).
    public var evaluatedAt: Date
    /// Whether it was re-evaluated (engine decisions only).
    public var replayed: Bool
    /// Whether the replay matched; `nil` when not replayed.
    public var identical: Bool?
    /// The server's sentence about it.
    public var detail: String
    /// The SHA-256 of the stored decision, when the replay differs.
    public var storedSHA256: String?
    /// The SHA-256 of the replayed decision, when it differs.
    public var replayedSHA256: String?

    /// Creates a replayed decision.
    public init(
        decisionID: String, madeBy: String, policy: PolicyReference, evaluatedAt: Date, replayed: Bool,
        identical: Bool?, detail: String, storedSHA256: String? = nil, replayedSHA256: String? = nil
    ) {
        self.decisionID = decisionID
        self.madeBy = madeBy
        self.policy = policy
        self.evaluatedAt = evaluatedAt
        self.replayed = replayed
        self.identical = identical
        self.detail = detail
        self.storedSHA256 = storedSHA256
        self.replayedSHA256 = replayedSHA256
    }

    /// The outcome: the server sends both digests only when a replayed decision exists to
    /// compare, so a non-identical replay without them is one that could not run.
    public var result: Result {
        guard replayed else { return .notReplayed }
        if identical == true { return .identical }
        return replayedSHA256 != nil ? .different : .failed
    }

    enum CodingKeys: String, CodingKey {
        case decisionID = "decision_id"
        case madeBy = "made_by"
        case policy
        case evaluatedAt = "evaluated_at"
        case replayed, identical, detail
        case storedSHA256 = "stored_sha256"
        case replayedSHA256 = "replayed_sha256"
    }
}

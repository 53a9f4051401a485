/// Where the chain ends: the last seq and its hash (seq 0 and the genesis hash for an empty log).
public struct ChainHead: Sendable, Hashable, Codable {
    /// The last entry's seq; 0 for an empty log.
    public var seq: Int64
    /// The last entry's hash; ``AuditChain/genesisHash`` for an empty log.
    public var hash: String

    /// The head of an empty log.
    public static let genesis = ChainHead(seq: 0, hash: AuditChain.genesisHash)

    /// Creates a head.
    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The head of a log whose last entry is `entry`.
    public init(_ entry: AuditEntry) {
        self.init(seq: entry.seq, hash: entry.hash)
    }
}

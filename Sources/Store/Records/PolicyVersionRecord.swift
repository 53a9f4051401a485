/// A policy text as it was when it decided something, stored by its hash.
public struct PolicyVersionRecord: Sendable, Hashable {
    /// Lowercase hex SHA-256 of `source`'s UTF-8 bytes.
    public var sha256: String
    /// The policy's `id`.
    public var policyID: String
    /// The policy's `version`.
    public var version: Int64
    /// The YAML text, byte for byte.
    public var source: String
    /// When it was first stored, microseconds since the Unix epoch.
    public var loadedAtMicros: Int64

    /// Creates a policy version record.
    public init(sha256: String, policyID: String, version: Int64, source: String, loadedAtMicros: Int64) {
        self.sha256 = sha256
        self.policyID = policyID
        self.version = version
        self.source = source
        self.loadedAtMicros = loadedAtMicros
    }
}

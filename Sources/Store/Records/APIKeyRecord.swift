/// An API key as stored: only the SHA-256 of its secret, never the secret.
public struct APIKeyRecord: Sendable, Hashable {
    /// What a key may do.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Submit applications and read its own.
        case signup
        /// Reviews, overrides, all customers.
        case officer
        /// Read-only, audit log.
        case auditor
        /// Keys, policies, webhooks.
        case admin
    }

    /// The key's public id.
    public var id: String
    /// A name for people.
    public var name: String
    /// What it may do.
    public var role: Role
    /// Lowercase hex SHA-256 of the secret.
    public var secretSHA256: String
    /// When it was created, microseconds since the Unix epoch.
    public var createdAtMicros: Int64
    /// When it was revoked, if it was.
    public var revokedAtMicros: Int64?
    /// For an officer: the largest limit the officer may grant or set, an exact decimal string
    /// in the policy's currency; `nil`: none.
    public var authorityLimit: String?

    /// Creates an API key record.
    public init(
        id: String, name: String, role: Role, secretSHA256: String, createdAtMicros: Int64,
        revokedAtMicros: Int64? = nil, authorityLimit: String? = nil
    ) {
        self.authorityLimit = authorityLimit
        self.id = id
        self.name = name
        self.role = role
        self.secretSHA256 = secretSHA256
        self.createdAtMicros = createdAtMicros
        self.revokedAtMicros = revokedAtMicros
    }
}

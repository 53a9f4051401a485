import Foundation

/// The engine's decision as the review's `evaluation` carries it, with its trace.
public struct EngineDecision: Codable, Hashable, Sendable {
    /// `approve`, `refer` or `decline`.
    public var outcome: String
    /// The risk tier, when the scorecard ran.
    public var tier: String?
    /// Scorecard points, when the scorecard ran.
    public var points: Int?
    /// The payment terms.
    public var terms: Terms?
    /// The limit.
    public var limit: Amount?
    /// The reasons, each with officer and customer text.
    public var reasons: [ReviewReason]?
    /// The policy that decided.
    public var policy: PolicyReference?
    /// When the engine decided.
    public var evaluatedAt: Date?
    /// Every rule, band and value the engine read, when traced.
    public var trace: [TraceEntry]?

    enum CodingKeys: String, CodingKey {
        case outcome, tier, points, terms, limit, reasons, policy
        case evaluatedAt = "evaluated_at"
        case trace
    }
}

/// Which policy decided: `{"id", "version", "sha256"}`.
public struct PolicyReference: Codable, Hashable, Sendable {
    /// The policy id.
    public var id: String
    /// Its version.
    public var version: Int?
    /// The SHA-256 of its source.
    public var sha256: String?
}

/// A reason code with its texts.
public struct ReviewReason: Codable, Hashable, Sendable {
    /// The stable code, e.g. `LARGE_LIMIT`.
    public var code: String
    /// What an officer reads.
    public var officerText: String?
    /// What the customer reads.
    public var customerText: String?

    enum CodingKeys: String, CodingKey {
        case code
        case officerText = "officer_text"
        case customerText = "customer_text"
    }
}

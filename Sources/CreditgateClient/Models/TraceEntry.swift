/// One step of the engine's trace: a rule, characteristic, tier or limit, the values it read
/// and what came out.
public struct TraceEntry: Codable, Hashable, Sendable {
    /// `knockout`, `characteristic`, `tier`, `limit` or `referral`.
    public var kind: String
    /// The rule's or characteristic's name (for `tier`, the tier chosen).
    public var name: String
    /// The expression evaluated, as written in the policy.
    public var expression: String?
    /// Every input or computed value the step read, by path.
    public var read: [String: JSONNode]
    /// What the step produced (`true` when a rule fired).
    public var result: JSONNode
    /// The band a characteristic fell in.
    public var band: String?
    /// Points a characteristic gave (or the total, for `tier`).
    public var points: Int?
    /// The most points the characteristic can give.
    public var maxPoints: Int?

    enum CodingKeys: String, CodingKey {
        case kind, name, expression, read, result, band, points
        case maxPoints = "max_points"
    }

    /// Decodes a step; a missing `read` is an empty one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        name = try c.decode(String.self, forKey: .name)
        expression = try c.decodeIfPresent(String.self, forKey: .expression)
        read = try c.decodeIfPresent([String: JSONNode].self, forKey: .read) ?? [:]
        result = try c.decodeIfPresent(JSONNode.self, forKey: .result) ?? .null
        band = try c.decodeIfPresent(String.self, forKey: .band)
        points = try c.decodeIfPresent(Int.self, forKey: .points)
        maxPoints = try c.decodeIfPresent(Int.self, forKey: .maxPoints)
    }

    /// Creates a step.
    public init(
        kind: String, name: String, expression: String? = nil, read: [String: JSONNode] = [:],
        result: JSONNode = .null, band: String? = nil, points: Int? = nil, maxPoints: Int? = nil
    ) {
        self.kind = kind
        self.name = name
        self.expression = expression
        self.read = read
        self.result = result
        self.band = band
        self.points = points
        self.maxPoints = maxPoints
    }
}

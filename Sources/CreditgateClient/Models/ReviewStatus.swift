/// Where a review stands: `open`, `awaiting_info`, `pending_confirmation` or `decided`.
///
/// A struct rather than an enum so that a status a newer server adds still decodes.
public struct ReviewStatus: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The wire value, e.g. `awaiting_info`.
    public var rawValue: String

    /// Creates a status from its wire value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Waiting for an officer.
    public static let open = ReviewStatus(rawValue: "open")
    /// Waiting for the customer to send more information.
    public static let awaitingInfo = ReviewStatus(rawValue: "awaiting_info")
    /// Approved by one officer; a second must confirm (four eyes).
    public static let pendingConfirmation = ReviewStatus(rawValue: "pending_confirmation")
    /// Done.
    public static let decided = ReviewStatus(rawValue: "decided")

    /// Every status the contract names, in queue order.
    public static let known: [ReviewStatus] = [.open, .awaitingInfo, .pendingConfirmation, .decided]

    /// The wire value.
    public var description: String { rawValue }

    /// Decodes the wire string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the wire string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

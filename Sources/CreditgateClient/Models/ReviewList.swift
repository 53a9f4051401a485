import Foundation

/// The answer of `GET /v1/reviews`: the queue, earliest due first, and the server's clock.
public struct ReviewList: Codable, Hashable, Sendable {
    /// The reviews that match the filters.
    public var reviews: [Review]
    /// The server's time when it answered; due times are relative to it.
    public var now: Date?
}

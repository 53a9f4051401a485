import Foundation

/// A successful answer: the decoded value and the bytes the server sent, so `--json` can
/// print them unchanged.
public struct Answer<Value: Sendable>: Sendable {
    /// The decoded body.
    public var value: Value
    /// The body exactly as received.
    public var body: [UInt8]
    /// The version from the `ETag` header (`"3"` → 3), when there is one.
    public var version: Int?
    /// The server's clock from the `Date` header, when there is one.
    public var serverDate: Date?

    /// Creates an answer.
    public init(value: Value, body: [UInt8], version: Int? = nil, serverDate: Date? = nil) {
        self.value = value
        self.body = body
        self.version = version
        self.serverDate = serverDate
    }
}

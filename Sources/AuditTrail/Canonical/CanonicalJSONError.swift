/// Why text is not acceptable JSON here (or a value cannot be encoded canonically): what is
/// wrong and where, never the text itself.
public struct CanonicalJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset (UTF-8) from the start of the input where the problem was found; for
    /// ``CanonicalJSON/validate(_:)``, the offset in the value's canonical encoding.
    public let offset: Int
    /// What is wrong, in words, without echoing any of the input.
    public let reason: String

    /// Creates an error at `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// `byte <offset>: <reason>`.
    public var description: String { "byte \(offset): \(reason)" }
}

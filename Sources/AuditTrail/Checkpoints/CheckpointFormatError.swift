/// Why checkpoint, signed-note or key text is not acceptable: which line and what is wrong.
///
/// Never echoes key material; at most it names a key (its public name and ID) or a line's role.
public struct CheckpointFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line of the input where the problem is; nil when it concerns a value as a
    /// whole (e.g. a checkpoint built in code, or an input with no line to point at).
    public let line: Int?
    /// What is wrong and, where it helps, what is expected instead.
    public let reason: String

    /// Creates an error at `line`.
    public init(line: Int?, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `line <n>: <reason>`, or the reason alone.
    public var description: String {
        guard let line else { return reason }
        return "line \(line): \(reason)"
    }
}

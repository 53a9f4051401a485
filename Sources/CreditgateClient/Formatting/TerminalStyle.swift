import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Colour for one output stream: on only when the stream is a terminal and `NO_COLOR` is not
/// set (as the rest of the `creditgate` binary decides it).
public struct TerminalStyle: Sendable {
    /// Whether to write ANSI colour sequences.
    public var enabled: Bool

    /// Creates a style; `enabled: false` writes plain text.
    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// No colour.
    public static let plain = TerminalStyle(enabled: false)

    /// Colour when file descriptor `fd` is a terminal and the environment has no `NO_COLOR`.
    public static func detect(
        fd: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerminalStyle {
        TerminalStyle(enabled: isatty(fd) == 1 && environment["NO_COLOR"] == nil)
    }

    /// Red: overdue, declined, refused.
    public func red(_ text: String) -> String { paint(text, "31") }
    /// Green: approved, active.
    public func green(_ text: String) -> String { paint(text, "32") }
    /// Yellow: pending, waiting, on hold.
    public func yellow(_ text: String) -> String { paint(text, "33") }
    /// Bold: headings.
    public func bold(_ text: String) -> String { paint(text, "1") }
    /// Dim: less important detail.
    public func dim(_ text: String) -> String { paint(text, "2") }

    private func paint(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

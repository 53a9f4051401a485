import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How many columns a terminal has, so wide cells can be cut to fit.
public enum TerminalWidth {
    /// The columns of the terminal on `fd`, else `COLUMNS`; `nil` when the output is not a
    /// terminal and `COLUMNS` is not set (a pipe or a file: nothing to fit).
    public static func detect(
        fd: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Int? {
        if isatty(fd) == 1 {
            var size = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return nil
    }
}

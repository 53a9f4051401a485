import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered output to stdout and stderr, with colour only on a terminal.
struct Console {
    /// Whether stdout is a terminal that wants colour (`NO_COLOR` turns it off).
    static let colorOut = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    /// Whether stderr is a terminal that wants colour.
    static let colorErr = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    enum Style: String {
        case red = "31", green = "32", yellow = "33", bold = "1", dim = "2"
    }

    static func styled(_ text: String, _ style: Style, stderr: Bool = false) -> String {
        (stderr ? colorErr : colorOut) ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    static func out(_ line: String) {
        var line = line
        line.append("\n")
        line.withUTF8 { writeAll(1, $0) }
    }

    static func err(_ line: String) {
        var line = line
        line.append("\n")
        line.withUTF8 { writeAll(2, $0) }
    }

    /// Writes every byte to a file descriptor, retrying short writes.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
        guard var p = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            p += n
            left -= n
        }
    }
}

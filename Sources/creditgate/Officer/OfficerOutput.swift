import Foundation

/// Writes the officer commands' output: lines to stdout or stderr, raw bytes to stdout.
enum OfficerOutput {
    /// One line on stdout.
    static func out(_ line: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }

    /// One line on stderr.
    static func err(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }

    /// The server's bytes unchanged, then a newline if they do not end with one (so the shell
    /// prompt starts on its own line).
    static func raw(_ bytes: [UInt8]) {
        var data = Data(bytes)
        if bytes.last != UInt8(ascii: "\n") { data.append(UInt8(ascii: "\n")) }
        // `try?`: a closed pipe (`| head`) must not crash the process.
        try? FileHandle.standardOutput.write(contentsOf: data)
    }
}

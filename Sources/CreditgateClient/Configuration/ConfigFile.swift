import Foundation

/// The officer client's config file: `key = value` lines, `#` comments.
///
/// ```
/// # ~/.config/creditgate/config (chmod 600: it holds an API key)
/// url = http://127.0.0.1:8080
/// token = cg_…
/// ```
///
/// Keys are `url` and `token`; a value may be quoted with `"…"`; ` #` starts a comment at
/// the end of a line. Every bad line is reported, each with `file:line`.
public struct ConfigFile: Hashable, Sendable {
    /// A setting with the line it came from.
    public struct Setting: Hashable, Sendable {
        /// The value.
        public var value: String
        /// The 1-based line.
        public var line: Int
    }

    /// The keys the file may set.
    public static let keys = ["url", "token"]

    /// Where the file is (for messages).
    public var path: String
    /// The settings by key.
    public var settings: [String: Setting]

    /// The `url` setting.
    public var url: String? { settings["url"]?.value }
    /// The `token` setting.
    public var token: String? { settings["token"]?.value }

    /// Parses a config file's text, reporting every bad line.
    /// - Parameter path: Used in messages only.
    public static func parse(_ text: String, path: String) throws(ConfigFileError) -> ConfigFile {
        var settings: [String: Setting] = [:]
        var problems: [ConfigFileError.Problem] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                problems.append(.init(line: number, message: "expected 'key = value', e.g. 'url = http://127.0.0.1:8080'"))
                continue
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") {
                guard value.count >= 2, value.hasSuffix("\"") else {
                    problems.append(.init(line: number, message: "the value of '\(key)' has no closing quote"))
                    continue
                }
                value = String(value.dropFirst().dropLast())
            } else if let comment = value.range(of: " #") ?? value.range(of: "\t#") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard keys.contains(key) else {
                let shown = key.isEmpty ? "an empty key" : "unknown key '\(key)'"
                problems.append(.init(line: number, message: "\(shown): the keys are url and token"))
                continue
            }
            guard !value.isEmpty else {
                problems.append(.init(line: number, message: "'\(key)' has no value"))
                continue
            }
            if let earlier = settings[key] {
                problems.append(.init(line: number, message: "'\(key)' is already set on line \(earlier.line)"))
                continue
            }
            settings[key] = Setting(value: value, line: number)
        }
        guard problems.isEmpty else { throw ConfigFileError(path: path, problems: problems) }
        return ConfigFile(path: path, settings: settings)
    }
}

/// A config file with bad lines: every one of them, each with its line number.
public struct ConfigFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One bad line.
    public struct Problem: Hashable, Sendable {
        /// The 1-based line.
        public var line: Int
        /// What is wrong (never the line's value: it may be a key).
        public var message: String
    }

    /// The file.
    public var path: String
    /// The bad lines, in order.
    public var problems: [Problem]

    /// `path:line: message`, one per bad line.
    public var lines: [String] {
        problems.map { "\(path):\($0.line): \($0.message)" }
    }

    /// The lines joined.
    public var description: String { lines.joined(separator: "\n") }
}

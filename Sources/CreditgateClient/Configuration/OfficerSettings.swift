import Foundation

/// Where the client connects and with which key, resolved from (first wins) the command line,
/// the environment (`CREDITGATE_URL`, `CREDITGATE_TOKEN`) and the config file
/// (`$CREDITGATE_CONFIG`, else `~/.config/creditgate/config`).
public struct OfficerSettings: Hashable, Sendable {
    /// Used when no URL is given anywhere.
    public static let defaultURL = "http://127.0.0.1:8080"

    /// The server's base URL.
    public var url: String
    /// The API key's secret.
    public var token: String
    /// Warnings for a person (e.g. a config file others can read); never fatal.
    public var warnings: [String]

    /// Creates settings.
    public init(url: String, token: String, warnings: [String] = []) {
        self.url = url
        self.token = token
        self.warnings = warnings
    }

    /// What a config file read found.
    public struct FileContents: Sendable {
        /// The file's text.
        public var text: String
        /// Whether users other than the owner and group may read it.
        public var worldReadable: Bool

        /// Creates file contents.
        public init(text: String, worldReadable: Bool) {
            self.text = text
            self.worldReadable = worldReadable
        }
    }

    /// Resolves the settings.
    /// - Parameters:
    ///   - url: `--url`, if given.
    ///   - token: `--token`, if given.
    ///   - environment: The process environment.
    ///   - readFile: Reads a config file: `nil` when it does not exist.
    /// - Throws: ``ClientError`` (`usage` for no key or a bad URL, `configuration` for a bad or
    ///   unreadable file).
    public static func resolve(
        url: String?, token: String?, environment: [String: String],
        readFile: (String) throws -> FileContents?
    ) throws(ClientError) -> OfficerSettings {
        var warnings: [String] = []
        let flagURL = nonEmpty(url) ?? nonEmpty(environment["CREDITGATE_URL"])
        let flagToken = nonEmpty(token) ?? nonEmpty(environment["CREDITGATE_TOKEN"])
        let explicitPath = nonEmpty(environment["CREDITGATE_CONFIG"])
        let path = explicitPath ?? defaultConfigPath(environment: environment)

        var file: ConfigFile?
        // The file is read only when the command line and the environment leave something
        // open, or when it was named explicitly (a bad named file should not pass unnoticed).
        if let path, flagURL == nil || flagToken == nil || explicitPath != nil {
            let contents: FileContents?
            do {
                contents = try readFile(path)
            } catch {
                throw ClientError(.configuration, "cannot read the config file \(path): \(describe(error))")
            }
            if let contents {
                do {
                    file = try ConfigFile.parse(contents.text, path: path)
                } catch {
                    throw ClientError(.configuration, error.description)
                }
                if contents.worldReadable && file?.token != nil {
                    warnings.append(
                        "warning: \(path) holds an API key and every user can read it: chmod 600 \(path)")
                }
            } else if explicitPath != nil {
                throw ClientError(
                    .configuration, "the config file \(path) named by CREDITGATE_CONFIG does not exist")
            }
        }

        let resolvedURL = flagURL ?? file?.url ?? defaultURL
        try validate(url: resolvedURL, source: flagURL != nil ? nil : file?.settings["url"].map { "\(path!):\($0.line)" })
        guard let resolvedToken = flagToken ?? file?.token else {
            throw ClientError(
                .usage,
                "no API key: give --token, set CREDITGATE_TOKEN, or put 'token = cg_…' in \(path ?? "~/.config/creditgate/config")")
        }
        return OfficerSettings(url: resolvedURL, token: resolvedToken, warnings: warnings)
    }

    /// Resolves the settings from the real environment and file system.
    public static func resolve(url: String?, token: String?) throws(ClientError) -> OfficerSettings {
        try resolve(
            url: url, token: token, environment: ProcessInfo.processInfo.environment, readFile: readConfigFile)
    }

    /// `~/.config/creditgate/config`.
    public static func defaultConfigPath(environment: [String: String]) -> String? {
        guard let home = nonEmpty(environment["HOME"]) else { return nil }
        return home + "/.config/creditgate/config"
    }

    /// Reads a config file from disk: `nil` when it does not exist.
    public static func readConfigFile(_ path: String) throws -> FileContents? {
        let manager = FileManager.default
        guard manager.fileExists(atPath: path) else { return nil }
        let attributes = try manager.attributesOfItem(atPath: path)
        let permissions =
            (attributes[.posixPermissions] as? Int) ?? (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let text = String(data: data, encoding: .utf8) else {
            throw CocoaError(.fileReadInapplicableStringEncoding)
        }
        return FileContents(text: text, worldReadable: permissions & 0o004 != 0)
    }

    /// A base URL must be `http://` or `https://` with a host.
    static func validate(url: String, source: String?) throws(ClientError) {
        let components = URLComponents(string: url)
        guard let components, let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, components.query == nil
        else {
            let from = source.map { " (\($0))" } ?? ""
            throw ClientError(.usage, "the server URL '\(url)'\(from) is not usable: give it as http://host:port")
        }
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? CocoaError {
            switch error.code {
            case .fileReadNoPermission: return "permission denied"
            case .fileReadInapplicableStringEncoding: return "not UTF-8 text"
            default: break
            }
        }
        return (error as NSError).localizedDescription
    }
}

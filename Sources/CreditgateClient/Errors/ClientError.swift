/// Why a command could not do what it was asked: one sentence for a person, the field errors
/// of a refused request, and the process exit code that goes with it.
///
/// Exit codes, one per kind:
///
/// | code | kind | when |
/// |---|---|---|
/// | 0 | — | success |
/// | 2 | ``Kind/configuration`` | the config file cannot be read or has a bad line |
/// | 3 | ``Kind/notFound`` | 404: no such review, customer or application |
/// | 4 | ``Kind/conflict`` | 409, 412, 428: another officer acted first, the action does not fit the status, or a stale version |
/// | 5 | ``Kind/notAllowed`` | 401, 403: no or unknown key, wrong role, beyond authority, four eyes |
/// | 6 | ``Kind/refused`` | 400, 422 and other 4xx: the server refused the input |
/// | 7 | ``Kind/unavailable`` | connection refused, timeout, 5xx, 429, or an answer that cannot be read |
/// | 64 | ``Kind/usage`` | bad command line (ArgumentParser), no API key, bad `--url` |
///
/// The `description` never carries the API key.
public struct ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure, which decides the exit code.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The command line or the settings are wrong (exit 64).
        case usage
        /// The config file cannot be read or has a bad line (exit 2).
        case configuration
        /// No such review, customer or application (exit 3).
        case notFound
        /// Someone changed it first, the action does not fit its status, or a stale version (exit 4).
        case conflict
        /// The key may not do this (exit 5).
        case notAllowed
        /// The server refused the input (exit 6).
        case refused
        /// The server could not be reached or failed (exit 7).
        case unavailable

        /// The process exit code for this kind.
        public var exitCode: Int32 {
            switch self {
            case .usage: 64
            case .configuration: 2
            case .notFound: 3
            case .conflict: 4
            case .notAllowed: 5
            case .refused: 6
            case .unavailable: 7
            }
        }
    }

    /// What kind of failure.
    public var kind: Kind
    /// One sentence that says what happened and, where a person can, what to change.
    public var message: String
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The problem's type slug (`four-eyes`, `beyond-authority`, …), when the server sent one.
    public var problemType: String?
    /// Bad fields of a refused request.
    public var fieldErrors: [ProblemDetails.FieldError]

    /// Creates an error.
    public init(
        _ kind: Kind, _ message: String, status: Int? = nil, problemType: String? = nil,
        fieldErrors: [ProblemDetails.FieldError] = []
    ) {
        self.kind = kind
        self.message = message
        self.status = status
        self.problemType = problemType
        self.fieldErrors = fieldErrors
    }

    /// The process exit code.
    public var exitCode: Int32 { kind.exitCode }

    /// The sentence, then one `pointer: detail` line per bad field.
    public var lines: [String] {
        [message] + fieldErrors.map { "  \($0.pointer.isEmpty ? "(body)" : $0.pointer): \($0.detail)" }
    }

    /// The sentence and the field errors, one per line.
    public var description: String { lines.joined(separator: "\n") }
}

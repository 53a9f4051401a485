import Foundation

/// Statuses and outcomes as words for a person, coloured by what they ask of the officer.
public enum StatusLabel {
    /// `open`, `awaiting info` (yellow), `pending confirmation` (yellow), `decided`.
    public static func review(_ status: ReviewStatus, outcome: String? = nil, style: TerminalStyle) -> String {
        switch status {
        case .open: return "open"
        case .awaitingInfo: return style.yellow("awaiting info")
        case .pendingConfirmation: return style.yellow("pending confirmation")
        case .decided:
            guard let outcome else { return "decided" }
            return "decided: " + Self.outcome(outcome, style: style)
        default: return words(status.rawValue)
        }
    }

    /// `approve` (green), `decline` (red), `refer` (yellow), others as words.
    public static func outcome(_ outcome: String, style: TerminalStyle) -> String {
        switch outcome {
        case "approve": style.green("approve")
        case "decline": style.red("decline")
        case "refer": style.yellow("refer")
        default: words(outcome)
        }
    }

    /// A customer's credit status: `active` (green), `on hold` (yellow), `declined` (red), …
    public static func credit(_ status: String, style: TerminalStyle) -> String {
        switch status {
        case "active": style.green("active")
        case "on_hold": style.yellow("on hold")
        case "in_review": style.yellow("in review")
        case "declined": style.red("declined")
        case "none": "no decision yet"
        default: words(status)
        }
    }

    /// An application's status: `decided`, `in review` (yellow), `awaiting info` (yellow).
    public static func application(_ status: String, style: TerminalStyle) -> String {
        switch status {
        case "in_review", "awaiting_info": style.yellow(words(status))
        default: words(status)
        }
    }

    /// `awaiting_info` → `awaiting info`.
    public static func words(_ code: String) -> String {
        code.replacingOccurrences(of: "_", with: " ")
    }
}

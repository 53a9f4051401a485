import Foundation

/// One audit entry as a block: seq, time (exact and relative), actor, action, subject, the
/// payload as indented JSON with sorted keys, and the two hashes.
public enum AuditEntrySheet {
    /// The block's lines.
    /// - Parameter now: The server's clock when known, else the local one.
    public static func lines(_ entry: AuditLogEntry, now: Date, style: TerminalStyle) -> [String] {
        let labels = ["seq", "time", "actor", "action", "subject", "payload", "prev_hash", "hash"]
        let width = labels.map(\.count).max()!
        func line(_ label: String, _ value: String) -> String {
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }
        var time = entry.time
        if let date = entry.date { time += " " + style.dim("(\(RelativeTime.since(date, now: now)))") }
        var out = [
            style.bold("Audit entry \(entry.seq)"),
            line("seq", String(entry.seq)),
            line("time", time),
            line("actor", entry.actor),
            line("action", entry.action),
            line("subject", entry.subject),
        ]
        let payload = entry.payload.prettyLines()
        out.append(line("payload", payload.first ?? "{}"))
        let continuation = String(repeating: " ", count: 2 + width + 2)
        out += payload.dropFirst().map { continuation + $0 }
        out.append(line("prev_hash", entry.previousHash))
        out.append(line("hash", entry.hash))
        return out
    }
}

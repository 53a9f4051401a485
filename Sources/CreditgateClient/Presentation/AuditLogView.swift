import Foundation

/// Audit entries as a table: SEQ, TIME, ACTOR, ACTION, SUBJECT, PAYLOAD (a one-line summary),
/// then the hint for the next page.
public enum AuditLogView {
    /// The summary's width when the output is not a terminal.
    public static let defaultSummaryWidth = 60
    /// The least the summary gets on a narrow terminal.
    public static let minimumSummaryWidth = 24

    /// The table's lines (or one line saying nothing matches), then `more: --after SEQ` when
    /// there is a next page.
    /// - Parameter width: The terminal's columns: the summary takes what the other columns
    ///   leave; `nil` gives it ``defaultSummaryWidth``.
    public static func lines(
        _ entries: [AuditLogEntry], nextCursor: String?, width: Int?, style: TerminalStyle
    ) -> [String] {
        var out: [String] = []
        if entries.isEmpty {
            out.append("no audit entries match")
        } else {
            let rows = entries.map { entry in
                [String(entry.seq), time(entry), entry.actor, entry.action, subject(entry)]
            }
            let titles = ["SEQ", "TIME", "ACTOR", "ACTION", "SUBJECT"]
            let used = (0..<titles.count).reduce(0) { sum, column in
                sum + (([titles] + rows).map { DisplayWidth.of($0[column]) }.max() ?? 0) + 2
            }
            let summaryWidth = width.map { max(minimumSummaryWidth, $0 - used) } ?? defaultSummaryWidth
            var table = TextTable(titles.map { TextTable.Column($0, $0 == "SEQ" ? .right : .left) } + [.init("PAYLOAD")])
            for (entry, row) in zip(entries, rows) {
                table.append(row + [PayloadSummary.text(entry.payload, subjectID: entry.subjectID, width: summaryWidth)])
            }
            out += table.lines(header: style.bold)
        }
        if let nextCursor {
            out.append(style.dim("more: --after \(nextCursor)"))
        }
        return out
    }

    /// `type:id`, a digest id (a policy's SHA-256) cut to 12 characters: `audit show` has it whole.
    static func subject(_ entry: AuditLogEntry) -> String {
        guard PayloadSummary.isDigest(entry.subjectID) else { return entry.subject }
        return "\(entry.subjectType):\(entry.subjectID.prefix(12))…"
    }

    /// RFC 3339 to the second (`2026-11-22T16:36:00Z`); the server's text when it is not a time.
    static func time(_ entry: AuditLogEntry) -> String {
        entry.date.map(WireDates.format) ?? entry.time
    }
}

import Foundation

/// A replay as a table — DECISION, MADE BY, POLICY, EVALUATED AT, RESULT — with a line per
/// decision that did not replay, and a verdict last.
public enum ReplaySheet {
    /// The exit code when every engine decision replays identically.
    public static let identicalExitCode: Int32 = 0
    /// The exit code when any engine decision differs or cannot be replayed.
    public static let differentExitCode: Int32 = 1

    /// 0 when the server reports every engine decision identical, else 1.
    public static func exitCode(for report: ReplayReport) -> Int32 {
        report.identical ? identicalExitCode : differentExitCode
    }

    /// The sheet's lines; the last is the verdict.
    public static func lines(_ report: ReplayReport, style: TerminalStyle) -> [String] {
        var out = [style.bold("Replay of application \(report.applicationID)")]
        if report.decisions.isEmpty {
            out.append("  no decisions")
        } else {
            var table = TextTable(
                [.init("DECISION"), .init("MADE BY"), .init("POLICY"), .init("EVALUATED AT"), .init("RESULT")],
                indent: "  ")
            for decision in report.decisions {
                table.append([
                    decision.decisionID, decision.madeBy, policy(decision.policy),
                    WireDates.format(decision.evaluatedAt), result(decision, style: style),
                ])
            }
            out += table.lines(header: style.bold)
        }
        let failures = report.failures
        if !failures.isEmpty {
            out.append("")
            for decision in failures {
                var text = "  \(decision.decisionID): \(decision.detail)"
                if let stored = decision.storedSHA256, let replayed = decision.replayedSHA256 {
                    text += " (stored sha256 \(stored.prefix(12))…, replayed \(replayed.prefix(12))…)"
                }
                out.append(text)
            }
        }
        out.append("")
        out.append(verdict(report, style: style))
        return out
    }

    /// `standard@3`.
    static func policy(_ policy: PolicyReference) -> String {
        policy.version.map { "\(policy.id)@\($0)" } ?? policy.id
    }

    /// `identical` (green), `DIFFERENT` (red), `FAILED` (red), `not replayed (officer)`.
    static func result(_ decision: ReplayedDecision, style: TerminalStyle) -> String {
        switch decision.result {
        case .identical: style.green("identical")
        case .different: style.red("DIFFERENT")
        case .failed: style.red("FAILED: could not be replayed")
        case .notReplayed: style.dim("not replayed (officer)")
        }
    }

    /// The last line: `identical: …` or `DIFFERENT: …`.
    static func verdict(_ report: ReplayReport, style: TerminalStyle) -> String {
        let engine = report.decisions.filter(\.replayed).count
        guard !report.identical else {
            return engine == 0
                ? "identical: there is no engine decision to replay"
                : style.green("identical") + ": every engine decision replays byte for byte"
        }
        let failures = report.failures
        let failed = failures.filter { $0.result == .failed }.count
        var text =
            failures.isEmpty
            ? "the server reports an engine decision that does not replay identically"
            : "\(failures.count) of \(engine) engine decision\(engine == 1 ? "" : "s") did not replay byte for byte"
        if failed > 0 { text += " (\(failed) could not be replayed)" }
        return style.red("DIFFERENT") + ": " + text
    }
}

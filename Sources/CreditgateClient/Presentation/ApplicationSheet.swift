import Foundation

/// An application: status, the decisions as a table, and its review in brief.
public enum ApplicationSheet {
    /// The sheet's lines.
    public static func lines(_ application: Application, now: Date, style: TerminalStyle) -> [String] {
        var out = [style.bold("Application \(application.applicationID) · customer \(application.customerID)")]
        var block = TextTable([.init(""), .init("")], showsHeader: false, indent: "  ")
        block.append(["status", StatusLabel.application(application.status, style: style)])
        block.append([
            "received",
            "\(RelativeTime.stamp(application.receivedAt)) (\(RelativeTime.since(application.receivedAt, now: now)))",
        ])
        out += block.lines()

        out += ["", style.bold("Decisions")]
        if application.decisions.isEmpty {
            out.append("  none")
        } else {
            var table = TextTable(
                [
                    .init("TIME"), .init("BY"), .init("OUTCOME"), .init("TIER"), .init("TERMS"), .init("LIMIT", .right),
                    .init("REASONS"),
                ], indent: "  ")
            for decision in application.decisions {
                table.append([
                    RelativeTime.stamp(decision.evaluatedAt),
                    decision.madeBy,
                    StatusLabel.outcome(decision.outcome, style: style),
                    decision.tier ?? "-",
                    decision.termsCode ?? "-",
                    MoneyText.format(decision.limit),
                    decision.reasonCodes.isEmpty ? "-" : decision.reasonCodes.joined(separator: ", "),
                ])
            }
            out += table.lines(header: style.bold)
        }

        out += ["", style.bold("Review")]
        if let review = application.review {
            var text = "  \(review.reviewID) · \(StatusLabel.review(review.status, style: style)) · \(review.reasonCode)"
            if review.status != .decided {
                let due = RelativeTime.due(review.dueAt, now: now)
                text += " · " + (review.dueAt < now ? style.red(due) : due)
            }
            out.append(text)
        } else {
            out.append("  none (the engine decided alone)")
        }
        return out
    }
}

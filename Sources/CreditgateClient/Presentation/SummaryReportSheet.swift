import Foundation

/// The summary report as readable blocks: rates as percentages, durations as `1h 30m`.
public enum SummaryReportSheet {
    /// The report's lines.
    public static func lines(_ report: SummaryReport, style: TerminalStyle) -> [String] {
        var out = [
            style.bold("Summary \(RelativeTime.stamp(report.from)) → \(RelativeTime.stamp(report.to))"),
            "  " + style.dim("generated \(RelativeTime.stamp(report.generatedAt))"),
            "  applications received  \(MoneyText.count(report.applications))",
        ]

        out += ["", style.bold("Engine decisions")]
        let engine = report.engine
        out += TextTable(
            [.init("OUTCOME"), .init("COUNT", .right), .init("RATE", .right)],
            rows: [
                ["approve", MoneyText.count(engine.approve), MoneyText.percent(engine.approvalRate)],
                ["refer", MoneyText.count(engine.refer), MoneyText.percent(engine.referralRate)],
                ["decline", MoneyText.count(engine.decline), MoneyText.percent(engine.declineRate)],
            ], indent: "  "
        ).lines(header: style.bold)

        out += ["", style.bold("Final decisions")]
        out += TextTable(
            [.init("OUTCOME"), .init("COUNT", .right)],
            rows: [
                ["approve", MoneyText.count(report.final.approve)],
                ["decline", MoneyText.count(report.final.decline)],
                ["pending", MoneyText.count(report.final.pending)],
            ], indent: "  "
        ).lines(header: style.bold)

        out += ["", style.bold("Time to final decision")]
        let times = report.timeToFinalDecision
        out += TextTable(
            [.init("DECIDED BY"), .init("COUNT", .right), .init("MEDIAN", .right), .init("P90", .right)],
            rows: [
                [
                    "engine", MoneyText.count(times.engine.count), RelativeTime.elapsed(times.engine.medianSeconds),
                    RelativeTime.elapsed(times.engine.p90Seconds),
                ],
                [
                    "officer", MoneyText.count(times.officer.count), RelativeTime.elapsed(times.officer.medianSeconds),
                    RelativeTime.elapsed(times.officer.p90Seconds),
                ],
            ], indent: "  "
        ).lines(header: style.bold)

        out += ["", style.bold("Review queue now")]
        let queue = report.reviews
        let overdue = "overdue \(queue.overdue)"
        out.append(
            "  open \(queue.open) · awaiting info \(queue.awaitingInfo) · pending confirmation \(queue.pendingConfirmation) · "
                + (queue.overdue > 0 ? style.red(overdue) : overdue))

        let overrides = report.overrides
        out += ["", style.bold("Overrides")]
        out.append(
            "  \(overrides.overridden) of \(overrides.decidedReviews) decided reviews overridden (\(MoneyText.percent(overrides.rate))); "
                + "\(overrides.profileOverrides) credit-profile change\(overrides.profileOverrides == 1 ? "" : "s")")
        if !overrides.byRule.isEmpty {
            out.append("")
            out += TextTable(
                [.init("RULE"), .init("DECIDED", .right), .init("OVERRIDDEN", .right), .init("RATE", .right)],
                rows: overrides.byRule.map {
                    [$0.reasonCode, MoneyText.count($0.decided), MoneyText.count($0.overridden), MoneyText.percent($0.rate)]
                }, indent: "  "
            ).lines(header: style.bold)
        }
        if !overrides.byOfficer.isEmpty {
            out.append("")
            out += TextTable(
                [.init("OFFICER"), .init("DECIDED", .right), .init("OVERRIDDEN", .right), .init("RATE", .right)],
                rows: overrides.byOfficer.map {
                    [$0.officer, MoneyText.count($0.decided), MoneyText.count($0.overridden), MoneyText.percent($0.rate)]
                }, indent: "  "
            ).lines(header: style.bold)
        }

        out += ["", style.bold("Active credit by tier (now)")]
        if report.exposureByTier.isEmpty {
            out.append("  none")
        } else {
            out += TextTable(
                [.init("TIER"), .init("CUSTOMERS", .right), .init("LIMITS", .right)],
                rows: report.exposureByTier.map { [$0.tier, MoneyText.count($0.customers), MoneyText.format($0.limit)] },
                indent: "  "
            ).lines(header: style.bold)
        }
        return out
    }
}

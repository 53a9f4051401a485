import ArgumentParser
import CreditgateClient

/// `creditgate report [--from DATE] [--to DATE]`
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise decisions, officer overrides and active credit for a time range.",
        discussion: """
            Counts applications received from --from up to --to; the review queue and active \
            credit are as of now. Without dates: the last 30 days. A DATE is YYYY-MM-DD (UTC; \
            --to includes that whole day) or an RFC 3339 time (--to excluded).

              creditgate report
              creditgate report --from 2026-11-01 --to 2026-11-30
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Option(help: ArgumentHelp("Start of the range (YYYY-MM-DD or RFC 3339).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("End of the range (YYYY-MM-DD, that day included, or RFC 3339).", valueName: "date"))
    var to: String?

    func validate() throws {
        for (value, option, isEnd) in [(from, "--from", false), (to, "--to", true)] {
            if let value, ReportRange.bound(value, isEnd: isEnd) == nil {
                throw ValidationError("\(option) '\(value)' is not a date: use YYYY-MM-DD or 2026-11-01T00:00:00Z")
            }
        }
        if let from, let to, let start = ReportRange.bound(from, isEnd: false),
            let end = ReportRange.bound(to, isEnd: true), let a = WireDates.parse(start), let b = WireDates.parse(end),
            a >= b
        {
            throw ValidationError("--from must come before --to")
        }
    }

    func run() async throws {
        let answer = try await officer.withClient { client in
            try await client.summary(
                from: from.flatMap { ReportRange.bound($0, isEnd: false) }, to: to.flatMap { ReportRange.bound($0, isEnd: true) })
        }
        officer.print(answer) { SummaryReportSheet.lines($0, style: officer.style) }
    }
}

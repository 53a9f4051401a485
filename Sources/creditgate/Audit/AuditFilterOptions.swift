import ArgumentParser
import CreditgateClient

/// `--from`, `--to`, `--actor`, `--action`, `--subject-type`, `--subject-id`: which audit
/// entries, for `audit list` and `audit export`. All given filters apply together.
struct AuditFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Entries from this time (YYYY-MM-DD, UTC midnight, or RFC 3339).", valueName: "date"))
    var from: String?

    @Option(
        help: ArgumentHelp("Entries before this time (YYYY-MM-DD, that day included, or RFC 3339).", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Only this actor: key:key_…, system, cli:root, …", valueName: "actor"))
    var actor: String?

    @Option(help: ArgumentHelp("Only this action, e.g. application.decided, review.decided, audit.read.", valueName: "action"))
    var action: String?

    @Option(help: ArgumentHelp("Only subjects of this type, e.g. application, customer, review, api_key.", valueName: "type"))
    var subjectType: String?

    @Option(help: ArgumentHelp("Only this subject, e.g. app_… (with or without --subject-type).", valueName: "id"))
    var subjectID: String?

    func validate() throws {
        for (value, option, isEnd) in [(from, "--from", false), (to, "--to", true)] {
            if let value, ReportRange.bound(value, isEnd: isEnd) == nil {
                throw ValidationError("\(option) '\(value)' is not a date: use YYYY-MM-DD or 2026-11-01T00:00:00Z")
            }
        }
        if let start = from.flatMap({ ReportRange.bound($0, isEnd: false) }).flatMap(WireDates.parse),
            let end = to.flatMap({ ReportRange.bound($0, isEnd: true) }).flatMap(WireDates.parse), start >= end
        {
            throw ValidationError("--from must come before --to")
        }
        for (value, option) in [
            (actor, "--actor"), (action, "--action"), (subjectType, "--subject-type"), (subjectID, "--subject-id"),
        ] {
            if let value, value.isEmpty || value.utf8.count > 200 {
                throw ValidationError("\(option) must be 1 to 200 characters")
            }
        }
    }

    /// The filter, dates as RFC 3339, entries after `after` when given.
    func filter(after: Int64? = nil) -> AuditFilter {
        AuditFilter(
            from: from.flatMap { ReportRange.bound($0, isEnd: false) },
            to: to.flatMap { ReportRange.bound($0, isEnd: true) }, actor: actor, action: action,
            subjectType: subjectType, subjectID: subjectID, after: after.map { String($0) })
    }
}

import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate review list`
struct ReviewListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List reviews, earliest due first.",
        discussion: """
            Without --status: every review that is not decided. DUE is relative to the server's \
            clock and red once overdue.

              creditgate review list
              creditgate review list --status open --status awaiting_info --assignee alice
              creditgate review list --overdue --json | jq -r '.reviews[].review_id'
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Option(
        name: .customLong("status"),
        help: ArgumentHelp(
            "Only this status: open, awaiting_info, pending_confirmation or decided (repeat for several).",
            valueName: "status"))
    var statuses: [String] = []

    @Option(help: ArgumentHelp("Only reviews this officer holds (the key's name).", valueName: "name"))
    var assignee: String?

    @Flag(help: "Only reviews past their due time.")
    var overdue = false

    @Option(help: ArgumentHelp("At most this many reviews, 1–500 (server default 100).", valueName: "n"))
    var limit: Int?

    func validate() throws {
        for status in statuses where Self.status(status) == nil {
            throw ValidationError(
                "--status '\(status)' is not one of: \(ReviewStatus.known.map(\.rawValue).joined(separator: ", "))")
        }
        if let limit, !(1...500).contains(limit) {
            throw ValidationError("--limit must be 1–500")
        }
    }

    func run() async throws {
        let filter = ReviewFilter(
            statuses: statuses.compactMap(Self.status), assignee: assignee, overdueOnly: overdue, limit: limit)
        let answer = try await officer.withClient { client in try await client.reviews(filter) }
        let now = answer.value.now ?? answer.serverDate ?? Date()
        officer.print(answer) { ReviewQueueView.lines($0, now: now, style: officer.style) }
    }

    /// `awaiting-info` and `awaiting_info` both name the status.
    static func status(_ text: String) -> ReviewStatus? {
        let normalised = text.lowercased().replacingOccurrences(of: "-", with: "_")
        return ReviewStatus.known.first { $0.rawValue == normalised }
    }
}

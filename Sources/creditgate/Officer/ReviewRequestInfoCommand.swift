import ArgumentParser
import CreditgateClient

/// `creditgate review request-info ID --message … --note …`
struct ReviewRequestInfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-info",
        abstract: "Ask the customer for more information; the review waits until it arrives.",
        discussion: """
            --message goes to the customer; --note stays in the audit trail. When the customer's \
            integration sends the information, the application is evaluated again and the review \
            opens with the new proposal.

              creditgate review request-info rev_8f2c \\
                  --message "Please send your 2025 accounts" --note "Old accounts"
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The review's id (rev_…).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("What to ask the customer (customer-facing).", valueName: "text"))
    var message: String

    @Option(help: ArgumentHelp("Why, for the audit trail (1–2,000 characters).", valueName: "text"))
    var note: String

    func validate() throws {
        try OfficerValidation.id(id, kind: "review")
        try OfficerValidation.text(message, option: "--message")
        try OfficerValidation.text(note, option: "--note")
    }

    func run() async throws {
        let answer = try await officer.withClient { client in
            try await client.decide(reviewID: id, .requestInfo(note: note, message: message))
        }
        officer.print(answer, line: ActionSummary.requestedInfo(answer.value))
    }
}

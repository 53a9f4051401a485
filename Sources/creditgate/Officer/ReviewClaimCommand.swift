import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate review claim ID --note …`
struct ReviewClaimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Assign a review to yourself.",
        discussion: """
            Fails with exit 4 when another officer holds the review or it is decided.

              creditgate review claim rev_8f2c --note "Taking this one"
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The review's id (rev_…).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("Why, for the audit trail (1–2,000 characters).", valueName: "text"))
    var note: String

    func validate() throws {
        try OfficerValidation.id(id, kind: "review")
        try OfficerValidation.text(note, option: "--note")
    }

    func run() async throws {
        let answer = try await officer.withClient { client in try await client.claim(reviewID: id, note: note) }
        officer.print(answer, line: ActionSummary.claimed(answer.value, now: answer.serverDate ?? Date()))
    }
}

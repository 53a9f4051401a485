import ArgumentParser
import CreditgateClient

/// `creditgate review confirm ID --note …`
struct ReviewConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Confirm another officer's approval (four eyes).",
        discussion: """
            Only for a review pending confirmation, only by an officer other than the approver \
            (exit 5 otherwise) and within your authority. Records the decision (made by the \
            approver, confirmed by you) and updates the customer's credit.

              creditgate review confirm rev_8f2c --note "Checked the accounts"
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
        let (answer, approval) = try await officer.withClient { client in
            // Read first only to say what was confirmed; the confirmation does not depend on it.
            let approval = officer.json ? nil : (try? await client.review(id: id).value.review.pendingApproval)
            return (try await client.confirm(reviewID: id, note: note), approval)
        }
        officer.print(answer, line: ActionSummary.confirmed(answer.value, approval: approval))
    }
}

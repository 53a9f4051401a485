import ArgumentParser
import CreditgateClient

/// `creditgate review approve ID --note … [--limit AMOUNT] [--terms CODE]`
struct ReviewApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a review: the engine's proposal, or other terms and/or another limit.",
        discussion: """
            Without --limit and --terms the engine's proposed terms and limit are granted. A limit \
            above your authority is refused (exit 5). Above the policy's four-eyes limit the \
            approval waits for a second officer ('review confirm') and changes nothing on the \
            customer yet; otherwise the review is decided and the customer's credit updated. An \
            unclaimed review is claimed by you.

              creditgate review approve rev_8f2c --note "Matches the bureau report"
              creditgate review approve rev_8f2c --limit 120000 --terms NET30 \\
                  --note "Lower limit, shorter terms"
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The review's id (rev_…).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("Why, for the audit trail (1–2,000 characters).", valueName: "text"))
    var note: String

    @Option(help: ArgumentHelp("Another limit, in the policy's currency (e.g. 120000 or 120000.00).", valueName: "amount"))
    var limit: String?

    @Option(help: ArgumentHelp("Other payment terms: a code of one of the policy's tiers (see 'review show').", valueName: "code"))
    var terms: String?

    func validate() throws {
        try OfficerValidation.id(id, kind: "review")
        try OfficerValidation.text(note, option: "--note")
        if let limit { _ = try OfficerValidation.amount(limit, option: "--limit") }
        if let terms, terms.isEmpty { throw ValidationError("--terms must name a terms code, e.g. NET30") }
    }

    func run() async throws {
        let amount = try limit.map { try OfficerValidation.amount($0, option: "--limit") }
        let (answer, fourEyes) = try await officer.withClient { client in
            let answer = try await client.decide(
                reviewID: id, .approve(note: note, limit: amount, termsCode: terms))
            // Only to name the four-eyes limit in the message; the approval stands without it.
            var fourEyes: Amount?
            if !officer.json && answer.value.status == .pendingConfirmation {
                fourEyes = try? await client.review(id: id).value.fourEyesAbove
            }
            return (answer, fourEyes)
        }
        officer.print(
            answer, line: ActionSummary.approved(answer.value, limit: amount, termsCode: terms, fourEyesAbove: fourEyes))
    }
}

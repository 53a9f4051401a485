import ArgumentParser
import CreditgateClient

/// `creditgate review decline ID --reason CODE… --note …`
struct ReviewDeclineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline",
        abstract: "Decline a review with 1–4 reason codes from the policy's catalogue.",
        discussion: """
            The reasons' customer texts become the decision's reasons ('review show' lists the \
            codes). The review is decided and the customer's credit profile updated.

              creditgate review decline rev_8f2c --reason LOW_BUREAU_SCORE \\
                  --note "Bureau score 410, two defaults"
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The review's id (rev_…).", valueName: "id"))
    var id: String

    @Option(
        name: .customLong("reason"),
        help: ArgumentHelp("A reason code, e.g. LOW_BUREAU_SCORE (repeat for up to four).", valueName: "code"))
    var reasons: [String] = []

    @Option(help: ArgumentHelp("Why, for the audit trail (1–2,000 characters).", valueName: "text"))
    var note: String

    func validate() throws {
        try OfficerValidation.id(id, kind: "review")
        guard (1...4).contains(reasons.count) else {
            throw ValidationError("give 1–4 --reason codes (see 'creditgate review show \(id)')")
        }
        if reasons.contains(where: \.isEmpty) { throw ValidationError("--reason must name a reason code") }
        try OfficerValidation.text(note, option: "--note")
    }

    func run() async throws {
        let answer = try await officer.withClient { client in
            try await client.decide(reviewID: id, .decline(note: note, reasonCodes: reasons))
        }
        officer.print(answer, line: ActionSummary.declined(answer.value, reasonCodes: reasons))
    }
}

import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate review show ID`
struct ReviewShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one review as a case file.",
        discussion: """
            The customer and status; what was asked for; what the engine proposed and why; the \
            facts that mattered (rules that fired, characteristics that scored, with the values \
            they read); a pending approval or information request; the four-eyes limit; the terms \
            and decline reasons an officer may use; and the history. --json has the full trace and \
            the application document.

              creditgate review show rev_8f2c
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The review's id (rev_…).", valueName: "id"))
    var id: String

    func validate() throws {
        try OfficerValidation.id(id, kind: "review")
    }

    func run() async throws {
        let answer = try await officer.withClient { client in try await client.review(id: id) }
        let now = answer.serverDate ?? Date()
        officer.print(answer) { ReviewCaseFile.lines($0, now: now, style: officer.style) }
    }
}

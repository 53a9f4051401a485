import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate application show ID`
struct ApplicationShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an application: status, every decision, and its review.",
        discussion: """
              creditgate application show app_3d9e
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The application's id (app_…).", valueName: "id"))
    var id: String

    func validate() throws {
        try OfficerValidation.id(id, kind: "application")
    }

    func run() async throws {
        let answer = try await officer.withClient { client in try await client.application(id: id) }
        let now = answer.serverDate ?? Date()
        officer.print(answer) { ApplicationSheet.lines($0, now: now, style: officer.style) }
    }
}

import ArgumentParser
import CreditgateClient

/// `creditgate decision replay APPLICATION_ID`
struct DecisionReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay an application's engine decisions and compare them with the stored ones, byte for byte.",
        discussion: """
            The server re-evaluates each engine decision with the policy version it was made under \
            (by its SHA-256), at the time it was made, on the document the engine saw, and \
            compares the result with the stored decision byte for byte. Officers' decisions are \
            listed but not replayed. Needs an auditor or admin key.

            Exit status: 0 when every engine decision replays identically; 1 when any differs or \
            cannot be replayed (also with --json). Other failures have the usual codes.

              creditgate decision replay app_3d9e
              creditgate decision replay app_3d9e --json | jq .identical
            """
    )

    @OptionGroup var connection: OfficerOptions

    @Argument(help: ArgumentHelp("The application's id (app_…).", valueName: "application-id"))
    var applicationID: String

    func validate() throws {
        try OfficerValidation.id(applicationID, kind: "application")
    }

    func run() async throws {
        let answer = try await connection.withClient { client in try await client.replay(applicationID: applicationID) }
        connection.print(answer) { ReplaySheet.lines($0, style: connection.style) }
        let code = ReplaySheet.exitCode(for: answer.value)
        if code != 0 { throw ExitCode(code) }
    }
}

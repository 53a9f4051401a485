import ArgumentParser

/// `creditgate decision …`: check stored decisions.
struct DecisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decision",
        abstract: "Check stored decisions: replay them with the policy version and clock they were made with.",
        subcommands: [DecisionReplayCommand.self]
    )
}

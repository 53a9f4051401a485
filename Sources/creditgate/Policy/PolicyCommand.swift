import ArgumentParser

/// `creditgate policy …`: write, check, test and compare credit policies.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check, test, evaluate, explain and compare credit policy files.",
        subcommands: [PolicyCheckCommand.self, PolicyTestCommand.self, PolicyEvalCommand.self, PolicyExplainCommand.self, PolicyDiffCommand.self]
    )
}

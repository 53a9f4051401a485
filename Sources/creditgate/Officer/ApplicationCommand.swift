import ArgumentParser

/// `creditgate application …`
struct ApplicationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application",
        abstract: "Show an application's decisions and review.",
        subcommands: [ApplicationShowCommand.self]
    )
}

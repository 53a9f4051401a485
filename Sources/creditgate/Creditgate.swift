import ArgumentParser

/// The one Creditgate binary: server (later) and the command-line tools.
@main
struct Creditgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "creditgate",
        abstract: "Credit and payment-terms decisions for new business customers.",
        discussion: OfficerCommands.exitCodesDiscussion,
        version: CreditgateVersion.current,
        subcommands: [ServeCommand.self, PolicyCommand.self, MigrateCommand.self, KeysCommand.self]
            + OfficerCommands.subcommands + AuditCommands.subcommands + [WebhooksCommand.self]
    )
}

/// The release this binary was built from.
enum CreditgateVersion {
    static let current = "0.1.0"
}

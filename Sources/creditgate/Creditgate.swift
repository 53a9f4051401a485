import ArgumentParser

/// The one Creditgate binary: server (later) and the command-line tools.
@main
struct Creditgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "creditgate",
        abstract: "Credit and payment-terms decisions for new business customers.",
        discussion: """
            Exit codes: 0 success; 1 the check found problems (policy errors, failed tests); \
            2 a file could not be read; 64 bad command-line usage.
            """,
        version: CreditgateVersion.current,
        subcommands: [ServeCommand.self, PolicyCommand.self, MigrateCommand.self, KeysCommand.self]
    )
}

/// The release this binary was built from.
enum CreditgateVersion {
    static let current = "0.1.0"
}

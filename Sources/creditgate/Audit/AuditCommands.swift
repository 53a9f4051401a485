import ArgumentParser

/// The auditor commands, for the root command's `subcommands`.
enum AuditCommands {
    /// `audit`, `decision`.
    static let subcommands: [any ParsableCommand.Type] = [AuditCommand.self, DecisionCommand.self]
}

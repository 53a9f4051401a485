import ArgumentParser

extension AuditCommand {
    /// Checking the chain and signing checkpoints: `verify`, `checkpoint`, `init-key` go here.
    static let integritySubcommands: [any ParsableCommand.Type] = []
}

import ArgumentParser

/// `creditgate audit …`: read, page through and export the tamper-evident audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read and export the audit log: every change, decision and read, hash-chained.",
        discussion: """
            Every entry names who did what to which subject, carries its details (the payload) and \
            the hash that chains it to the entry before. Reading the log is itself recorded: each \
            page read, entry shown and export started becomes an entry (audit.read, \
            audit.exported). These commands need an auditor key.

              creditgate audit list --action application.decided --from 2026-11-01
              creditgate audit show 12
              creditgate audit export --format ndjson --output audit-2026-11.ndjson
            """,
        subcommands: readingSubcommands + integritySubcommands
    )

    /// Reading the log over the API.
    static let readingSubcommands: [any ParsableCommand.Type] = [
        AuditListCommand.self, AuditShowCommand.self, AuditExportCommand.self,
    ]
}

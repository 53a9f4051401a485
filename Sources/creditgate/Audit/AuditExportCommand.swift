import ArgumentParser
import CreditgateClient

/// `creditgate audit export --format ndjson|csv`
struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Stream matching audit entries as NDJSON or CSV, to stdout or a file.",
        discussion: """
            NDJSON: one entry per line, as 'audit show SEQ --json' prints it. CSV (RFC 4180, CRLF): \
            a header, then seq,time,actor,action,subject_type,subject_id,payload,prev_hash,hash \
            with the payload as JSON text. The entries stream through: nothing is held in memory. \
            With --output the file appears only once the export is complete (it is written next \
            to it under a temporary name, then renamed; readable by you only): a failed export \
            leaves no file, and an existing file is replaced only by a complete export. How many \
            lines and bytes were written goes to stderr.

              creditgate audit export --format ndjson --output audit.ndjson
              creditgate audit export --format csv --from 2026-11-01 -o november.csv
              creditgate audit export --format ndjson --after 5000 | gzip > new.ndjson.gz
            """
    )

    @OptionGroup var connection: OfficerOptions
    @OptionGroup var filters: AuditFilterOptions

    @Option(help: ArgumentHelp("ndjson or csv.", valueName: "format"))
    var format: String

    @Option(help: ArgumentHelp("Only entries after this seq (to continue an earlier export).", valueName: "seq"))
    var after: Int64?

    @Option(
        name: [.short, .long],
        help: ArgumentHelp("Write to this file instead of stdout (- for stdout).", valueName: "file"))
    var output: String?

    func validate() throws {
        if connection.json {
            throw ValidationError("--json does not apply to export: --format ndjson writes JSON, one entry per line")
        }
        guard AuditExportFormat(rawValue: format.lowercased()) != nil else {
            throw ValidationError("--format must be ndjson or csv")
        }
        if let after, after < 0 {
            throw ValidationError("--after must be a seq (0 or more)")
        }
        if let output, output.isEmpty {
            throw ValidationError("--output needs a file name")
        }
    }

    func run() async throws {
        let format = AuditExportFormat(rawValue: format.lowercased())!
        let destination: ExportDestination = output.flatMap { $0 == "-" ? nil : .file($0) } ?? .standardOutput
        let filter = filters.filter(after: after)
        let tally = try await connection.withClient { client in
            try await client.exportAudit(filter, format: format, to: destination)
        }
        let target = if case .file(let path) = destination { path } else { "standard output" }
        OfficerOutput.err("wrote \(tally.summary) to \(target)")
    }
}

import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate audit list`
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List audit entries, oldest first, a page at a time.",
        discussion: """
            One line per entry: SEQ, TIME (UTC), ACTOR, ACTION, SUBJECT (type:id) and a summary of \
            the payload, cut to the terminal's width ('audit show SEQ' has all of it). When more \
            entries match, the last line says how to get the next page: 'more: --after SEQ'. \
            --all follows the pages to the end (with --json: one entry per line, NDJSON); for the \
            whole log to a file, 'audit export' streams it.

              creditgate audit list
              creditgate audit list --subject-type application --subject-id app_3d9e
              creditgate audit list --action review.decided --from 2026-11-01 --all
              creditgate audit list --after 1200 --limit 500
              creditgate audit list --actor system --all --json | jq -r .action
            """
    )

    @OptionGroup var connection: OfficerOptions
    @OptionGroup var filters: AuditFilterOptions

    @Option(help: ArgumentHelp("Only entries after this seq (a 'more: --after' value).", valueName: "seq"))
    var after: Int64?

    @Option(
        help: ArgumentHelp(
            "Entries per page, 1–1000 (server default 100; with --all 1000, and at least 2).", valueName: "n"))
    var limit: Int?

    @Flag(help: "Follow the pages to the last one.")
    var all = false

    func validate() throws {
        if let after, after < 0 {
            throw ValidationError("--after must be a seq (0 or more)")
        }
        if let limit, !(1...OfficerRequest.maxAuditPage).contains(limit) {
            throw ValidationError("--limit must be 1–\(OfficerRequest.maxAuditPage)")
        }
        // Each page read is itself logged: pages of one entry would chase their own records.
        if all, let limit, limit < 2 {
            throw ValidationError("--limit with --all must be at least 2")
        }
    }

    func run() async throws {
        let filter = filters.filter(after: after)
        let style = connection.style
        guard all else {
            let answer = try await connection.withClient { client in try await client.auditPage(filter, limit: limit) }
            connection.print(answer) { page in
                AuditLogView.lines(
                    page.entries, nextCursor: page.nextCursor, width: TerminalWidth.detect(fd: 1), style: style)
            }
            return
        }
        let json = connection.json
        let entries = try await connection.withClient { client in
            var entries: [AuditLogEntry] = []
            try await client.everyAuditPage(filter, pageSize: limit ?? OfficerRequest.maxAuditPage) { (answer) throws(ClientError) in
                // NDJSON goes out page by page; only the table needs every entry at once.
                if json { try Self.printLines(answer) } else { entries += answer.value.entries }
            }
            return entries
        }
        if !json {
            for line in AuditLogView.lines(entries, nextCursor: nil, width: TerminalWidth.detect(fd: 1), style: style) {
                OfficerOutput.out(line)
            }
        }
    }

    /// A page's entries as NDJSON: each exactly as the server wrote it. A closed stdout
    /// (`| head`) stops the paging rather than reading (and logging) pages nobody reads.
    static func printLines(_ answer: Answer<AuditLogPage>) throws(ClientError) {
        var lines: [[UInt8]]
        if let elements = RawJSON.arrayElements(ofMember: "entries", in: answer.body) {
            lines = elements.map(Array.init)
        } else {
            // Not expected: the body decoded, so it is JSON; write the decoded entries instead.
            let encoder = WireDates.encoder()
            lines = answer.value.entries.compactMap { try? encoder.encode($0) }.map(Array.init)
        }
        var data = Data()
        for line in lines {
            data.append(contentsOf: line)
            data.append(UInt8(ascii: "\n"))
        }
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            throw ClientError(.configuration, "cannot write to standard output: \(Self.reason(error))")
        }
    }

    /// `Broken pipe` rather than Foundation's wrapping of it.
    static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlying.code))) }
        return error.localizedDescription
    }
}

import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate audit show SEQ`
struct AuditShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one audit entry: who, what, the whole payload and its hashes.",
        discussion: """
            The payload is printed as indented JSON with sorted keys; prev_hash is the hash of the \
            entry before, which is what chains the log.

              creditgate audit show 12
              creditgate audit show 12 --json | jq .payload
            """
    )

    @OptionGroup var connection: OfficerOptions

    @Argument(help: ArgumentHelp("The entry's seq (1 or more).", valueName: "seq"))
    var seq: Int64

    func validate() throws {
        guard seq >= 1 else { throw ValidationError("the seq must be 1 or more") }
    }

    func run() async throws {
        let answer = try await connection.withClient { client in try await client.auditEntry(seq: seq) }
        let now = answer.serverDate ?? Date()
        connection.print(answer) { AuditEntrySheet.lines($0, now: now, style: connection.style) }
    }
}

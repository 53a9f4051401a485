import ArgumentParser

/// `creditgate review …`: the referral queue and the officer's actions on it.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Work the referral queue: list, read, claim, approve, decline, ask for information, confirm.",
        discussion: """
            A review is opened when the engine refers an application. An officer claims it (or \
            decides straight away, which claims it), then approves, declines or asks the customer \
            for information. An approval above the policy's four-eyes limit waits for a second \
            officer: 'review confirm'. Every action needs --note, kept in the audit trail.

              creditgate review list --overdue
              creditgate review show rev_8f2c
              creditgate review approve rev_8f2c --limit 120000 --note "Filed accounts"
            """,
        subcommands: [
            ReviewListCommand.self, ReviewShowCommand.self, ReviewClaimCommand.self, ReviewApproveCommand.self,
            ReviewDeclineCommand.self, ReviewRequestInfoCommand.self, ReviewConfirmCommand.self,
        ]
    )
}

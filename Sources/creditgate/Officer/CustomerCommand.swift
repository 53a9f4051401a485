import ArgumentParser
import CreditgateClient

/// `creditgate customer …`: a customer's credit, and officer overrides of it.
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Show a customer's credit and applications; change limit or terms; hold or release credit.",
        discussion: """
            The changing commands need a --reason (kept in the audit trail) and guard against \
            concurrent changes: they send the customer's version as If-Match, so a change made \
            by someone else in between is refused (exit 4) instead of overwritten.

              creditgate customer show --crm-id CRM-1042
              creditgate customer set-terms cus_51ab --limit 20000 --reason "Late payments"
              creditgate customer hold cus_51ab --reason "Fraud check pending"
            """,
        subcommands: [
            CustomerShowCommand.self, CustomerSetTermsCommand.self, CustomerHoldCommand.self,
            CustomerReleaseCommand.self,
        ]
    )

    /// Reads the customer's version unless one is given, then sends the change with it as
    /// `If-Match`.
    static func change(
        _ officer: OfficerOptions, customerID: String, _ change: CreditProfileChange, ifVersion: Int?
    ) async throws {
        let answer = try await officer.withClient { client in
            var version = ifVersion
            if version == nil {
                let current = try await client.customer(id: customerID)
                version = current.version ?? current.value.version
            }
            return try await client.setCreditProfile(customerID: customerID, change, ifVersion: version!)
        }
        officer.print(answer, line: ActionSummary.creditChanged(answer.value, change: change))
    }
}

/// `--reason` and `--if-version`, shared by the changing customer commands.
struct CustomerChangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Why, for the audit trail (1–2,000 characters).", valueName: "text"))
    var reason: String

    @Option(
        name: .customLong("if-version"),
        help: ArgumentHelp(
            """
            Change only if the customer is still at this version (as 'customer show' printed it); \
            refused with exit 4 if it changed since. Without it the current version is read first, \
            which guards only the moment between that read and the write.
            """,
            valueName: "n"))
    var ifVersion: Int?

    func validate() throws {
        try OfficerValidation.text(reason, option: "--reason")
        if let ifVersion, ifVersion < 0 { throw ValidationError("--if-version must be 0 or more") }
    }
}

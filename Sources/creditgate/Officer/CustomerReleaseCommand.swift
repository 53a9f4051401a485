import ArgumentParser
import CreditgateClient

/// `creditgate customer release ID --reason …`
struct CustomerReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release a customer's credit from hold (active again).",
        discussion: """
            Only from on hold. Guards against concurrent changes as 'set-terms' does (see --if-version).

              creditgate customer release cus_51ab --reason "Cleared"
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The customer's id (cus_…).", valueName: "id"))
    var id: String

    @OptionGroup var change: CustomerChangeOptions

    func validate() throws {
        try OfficerValidation.id(id, kind: "customer")
    }

    func run() async throws {
        try await CustomerCommand.change(
            officer, customerID: id, CreditProfileChange(reason: change.reason, status: "active"),
            ifVersion: change.ifVersion)
    }
}

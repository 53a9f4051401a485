import ArgumentParser
import CreditgateClient

/// `creditgate customer hold ID --reason …`
struct CustomerHoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Put a customer's credit on hold.",
        discussion: """
            Guards against concurrent changes as 'set-terms' does (see --if-version).

              creditgate customer hold cus_51ab --reason "Fraud check pending"
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
            officer, customerID: id, CreditProfileChange(reason: change.reason, status: "on_hold"),
            ifVersion: change.ifVersion)
    }
}

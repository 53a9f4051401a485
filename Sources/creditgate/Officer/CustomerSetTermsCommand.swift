import ArgumentParser
import CreditgateClient

/// `creditgate customer set-terms ID [--limit A] [--terms CODE] --reason …`
struct CustomerSetTermsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-terms",
        abstract: "Set a customer's credit limit and/or payment terms.",
        discussion: """
            A limit above your authority is refused (exit 5). Without --if-version the customer \
            is read first and its version sent as If-Match: that guards against a change made \
            between the read and the write. With --if-version the change is made only if nobody \
            changed the customer since you looked (exit 4 otherwise).

              creditgate customer set-terms cus_51ab --limit 20000 --reason "Late payments"
              creditgate customer set-terms cus_51ab --terms NET15 --if-version 4 \\
                  --reason "New accounts"
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The customer's id (cus_…).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The new limit, in the policy's currency (e.g. 20000 or 20000.00).", valueName: "amount"))
    var limit: String?

    @Option(help: ArgumentHelp("The new payment terms code, e.g. NET15.", valueName: "code"))
    var terms: String?

    @OptionGroup var change: CustomerChangeOptions

    func validate() throws {
        try OfficerValidation.id(id, kind: "customer")
        guard limit != nil || terms != nil else { throw ValidationError("give --limit, --terms or both") }
        if let limit { _ = try OfficerValidation.amount(limit, option: "--limit") }
        if let terms, terms.isEmpty { throw ValidationError("--terms must name a terms code, e.g. NET15") }
    }

    func run() async throws {
        let amount = try limit.map { try OfficerValidation.amount($0, option: "--limit") }
        try await CustomerCommand.change(
            officer, customerID: id, CreditProfileChange(reason: change.reason, limit: amount, termsCode: terms),
            ifVersion: change.ifVersion)
    }
}

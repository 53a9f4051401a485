import ArgumentParser
import CreditgateClient
import Foundation

/// `creditgate customer show ID | --crm-id X`
struct CustomerShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a customer's credit profile and applications.",
        discussion: """
            By Creditgate id or by the CRM's id.

              creditgate customer show cus_51ab
              creditgate customer show --crm-id CRM-1042
            """
    )

    @OptionGroup var officer: OfficerOptions

    @Argument(help: ArgumentHelp("The customer's id (cus_…).", valueName: "id"))
    var id: String?

    @Option(name: .customLong("crm-id"), help: ArgumentHelp("Find the customer by CRM id instead.", valueName: "crm-id"))
    var crmID: String?

    func validate() throws {
        switch (id, crmID) {
        case (nil, nil): throw ValidationError("give a customer id (cus_…) or --crm-id")
        case (.some, .some): throw ValidationError("give a customer id or --crm-id, not both")
        case (let id?, nil): try OfficerValidation.id(id, kind: "customer")
        case (nil, let crmID?):
            if crmID.isEmpty { throw ValidationError("--crm-id must not be empty") }
        }
    }

    func run() async throws {
        let answer = try await officer.withClient { client in
            if let crmID { try await client.customer(crmID: crmID) } else { try await client.customer(id: id!) }
        }
        let now = answer.serverDate ?? Date()
        officer.print(answer) { CustomerSheet.lines($0, now: now, style: officer.style) }
    }
}

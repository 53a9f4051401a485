import CreditPolicy
import Foundation
import Store

/// Reads and checks the `customer` object of an application: the CRM record's facts.
enum CustomerFields {
    /// The customer facts; every problem is appended (the caller reports them with the
    /// policy's own input errors, all at once).
    static func read(_ document: JSONValue, required: Bool, problems: inout [FieldProblem]) -> CustomerFacts {
        guard let customer = document["customer"] else {
            if required {
                problems.append(FieldProblem(pointer: "/customer", message: "is required"))
            }
            return CustomerFacts(crmID: "", legalName: "")
        }
        guard case .object = customer else {
            problems.append(FieldProblem(pointer: "/customer", message: "must be an object, not \(customer.kindName)"))
            return CustomerFacts(crmID: "", legalName: "")
        }
        func text(_ key: String, required: Bool, maxLength: Int, check: ((String) -> String?)? = nil) -> String? {
            let pointer = "/customer/\(key)"
            guard let value = customer[key], value != .null else {
                if required { problems.append(FieldProblem(pointer: pointer, message: "is required")) }
                return nil
            }
            guard case .string(let string) = value else {
                problems.append(FieldProblem(pointer: pointer, message: "must be a string, not \(value.kindName)"))
                return nil
            }
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                problems.append(FieldProblem(pointer: pointer, message: "must not be empty"))
                return nil
            }
            if string.count > maxLength {
                problems.append(FieldProblem(pointer: pointer, message: "must be at most \(maxLength) characters"))
                return nil
            }
            if let complaint = check?(string) {
                problems.append(FieldProblem(pointer: pointer, message: complaint))
                return nil
            }
            return string
        }
        let crmID = text("crm_id", required: true, maxLength: 128)
        let legalName = text("legal_name", required: true, maxLength: 300)
        let registration = text("registration_number", required: false, maxLength: 64)
        let country = text("country", required: false, maxLength: 2) { value in
            value.count == 2 && value.allSatisfy { $0.isASCII && $0.isUppercase }
                ? nil : "must be an ISO 3166-1 alpha-2 code such as \"DE\""
        }
        let email = text("contact_email", required: false, maxLength: 254) { value in
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !value.contains(" ")
                ? nil : "must be an e-mail address"
        }
        return CustomerFacts(
            crmID: crmID ?? "", legalName: legalName ?? "", registrationNumber: registration, country: country,
            contactEmail: email)
    }
}

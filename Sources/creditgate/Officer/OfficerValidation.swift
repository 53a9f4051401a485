import ArgumentParser
import CreditgateClient

/// Checks of officer input the server would refuse anyway, said before a request is made.
enum OfficerValidation {
    /// A note or reason: 1–2,000 characters, not only blanks.
    static func text(_ text: String, option: String) throws {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw ValidationError("\(option) must not be empty: say why, for the audit trail")
        }
        guard text.count <= 2000 else {
            throw ValidationError("\(option) must be at most 2,000 characters (it has \(text.count))")
        }
    }

    /// An amount: digits with an optional fraction (`120000`, `120,000.00`).
    static func amount(_ text: String, option: String) throws -> String {
        guard let amount = MoneyText.parseAmount(text) else {
            throw ValidationError("\(option) must be an amount such as 120000 or 120000.00 (got '\(text)')")
        }
        return amount
    }

    /// An id the server made: not empty, no slash.
    static func id(_ id: String, kind: String) throws {
        guard !id.isEmpty, !id.contains("/") else {
            throw ValidationError("'\(id)' is not a \(kind) id")
        }
    }
}

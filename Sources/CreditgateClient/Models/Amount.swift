/// An amount of money as the API writes it: `{"amount": "26000.00", "currency": "EUR"}`.
///
/// The amount stays the server's exact decimal string; nothing here turns it into a binary
/// floating-point number.
public struct Amount: Codable, Hashable, Sendable {
    /// The exact decimal amount, e.g. `"26000.00"`.
    public var amount: String
    /// ISO 4217 currency code, e.g. `EUR`.
    public var currency: String

    /// Creates an amount.
    public init(amount: String, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

import Foundation

/// An exact decimal the server may write as a string (`"2.5"`) or as a JSON number (`2.5`).
///
/// The contract writes decimals such as `deposit_pct` as strings; engine decisions write them
/// as numbers. Either way the text is kept as sent.
public struct DecimalText: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The decimal as text, e.g. `"2.5"`.
    public var text: String

    /// Creates a decimal from its text.
    public init(_ text: String) {
        self.text = text
    }

    /// Decodes a JSON string or number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let whole = try? container.decode(Int64.self) {
            self.text = String(whole)
        } else {
            self.text = try container.decode(Decimal.self).description
        }
    }

    /// Encodes the text as a JSON string, as the contract writes decimals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// The text.
    public var description: String { text }
}

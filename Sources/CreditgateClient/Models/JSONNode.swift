import Foundation

/// Any JSON value, for the parts of an answer the client shows but does not model (the
/// application document, a trace step's values, history details).
public enum JSONNode: Codable, Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as text (`12`, `0.5`).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONNode])
    /// An object (member order is not kept: JSON objects are unordered).
    case object([String: JSONNode])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Decimal.self) {
            self = .number(value.description)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONNode].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONNode].self))
        }
    }

    /// Encodes the value back to JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let text): try container.encode(Decimal(string: text) ?? 0)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// The value written compactly for a person: strings unquoted at the top level, objects
    /// with their keys sorted.
    public var compactText: String {
        switch self {
        case .string(let value): value
        default: jsonText
        }
    }

    /// The value as compact JSON text with sorted keys.
    public var jsonText: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let text): text
        case .string(let value): "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let values): "[" + values.map(\.jsonText).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { "\($0): \(members[$0]!.jsonText)" }.joined(separator: ", ") + "}"
        }
    }

    /// Whether the value is `true`.
    public var isTrue: Bool { self == .bool(true) }
}

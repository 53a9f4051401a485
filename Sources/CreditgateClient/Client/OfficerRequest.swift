import Foundation

/// One request to the officer API, as plain values: method, path, query, body and the version
/// for `If-Match`. Building it does no I/O; ``CreditgateClient`` sends it.
public struct OfficerRequest: Hashable, Sendable {
    /// The HTTP method.
    public enum Method: String, Hashable, Sendable {
        /// A read.
        case get = "GET"
        /// An action.
        case post = "POST"
        /// A removal.
        case delete = "DELETE"
    }

    /// One `name=value` query parameter.
    public struct QueryItem: Hashable, Sendable {
        /// The parameter's name.
        public var name: String
        /// Its value (unencoded).
        public var value: String

        /// Creates a query parameter.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method.
    public var method: Method
    /// Path segments, unencoded: `["v1", "reviews", "rev_1"]`.
    public var path: [String]
    /// Query parameters in order; a name may repeat.
    public var query: [QueryItem]
    /// The JSON body of an action.
    public var body: [UInt8]?
    /// The version for `If-Match: "<version>"`.
    public var ifMatch: Int?

    /// Creates a request.
    public init(
        _ method: Method, _ path: [String], query: [QueryItem] = [], body: [UInt8]? = nil, ifMatch: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.ifMatch = ifMatch
    }

    /// Path and query, percent-encoded: `/v1/reviews?status=open&status=awaiting_info`.
    public var target: String {
        var target = "/" + path.map { Self.encode($0, allowed: Self.segmentAllowed) }.joined(separator: "/")
        if !query.isEmpty {
            target += "?"
            target += query.map {
                Self.encode($0.name, allowed: Self.queryAllowed) + "=" + Self.encode($0.value, allowed: Self.queryAllowed)
            }.joined(separator: "&")
        }
        return target
    }

    /// The `If-Match` header value: the version as a strong entity tag.
    public var ifMatchHeader: String? {
        ifMatch.map { "\"\($0)\"" }
    }

    /// Unreserved characters (RFC 3986): everything else in a segment or a value is encoded,
    /// so an id can never step into another path or add a parameter.
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    static let segmentAllowed = unreserved.union(CharacterSet(charactersIn: "@"))
    static let queryAllowed = unreserved.union(CharacterSet(charactersIn: ":@"))

    static func encode(_ text: String, allowed: CharacterSet) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

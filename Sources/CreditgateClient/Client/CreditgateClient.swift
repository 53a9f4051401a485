import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The officer API over HTTP: a base URL, a bearer key and an `HTTPClient`.
///
/// Every method answers with the decoded value and the raw bytes, or throws a ``ClientError``
/// (never anything else), whose sentence never contains the key.
public struct CreditgateClient: Sendable {
    /// How long to wait for a TCP connection.
    public static let connectTimeout = TimeAmount.seconds(5)
    /// How long to wait for the next bytes of an answer.
    public static let readTimeout = TimeAmount.seconds(30)
    /// A cap on one whole request, answer included.
    public static let requestDeadline = TimeAmount.seconds(60)
    /// The largest answer read (a customer with a long history stays far below it).
    public static let maxBodySize = 16 << 20
    /// Sent as `User-Agent`.
    public static let userAgent = "creditgate-cli"

    /// The server's base URL without a trailing slash, e.g. `http://127.0.0.1:8080`.
    public let baseURL: String
    private let token: String
    let http: HTTPClient

    /// Creates a client over an `HTTPClient` the caller owns (and shuts down).
    /// - Parameters:
    ///   - baseURL: `http://host:port`, optionally with a path prefix.
    ///   - token: The API key's secret, sent as `Authorization: Bearer …`.
    ///   - httpClient: Best made by ``makeHTTPClient()`` (timeouts, no redirects).
    public init(baseURL: String, token: String, httpClient: HTTPClient) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.token = token
        self.http = httpClient
    }

    /// An `HTTPClient` with the officer client's timeouts that follows no redirects (the key
    /// must not travel to another host).
    public static func makeHTTPClient() -> HTTPClient {
        var pool = HTTPClient.Configuration.ConnectionPool()
        // A refused connection is reported at once, not retried until the connect timeout:
        // a person is waiting, and a server that is not running will not start by itself.
        pool.retryConnectionEstablishment = false
        return HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: HTTPClient.Configuration.Timeout(connect: connectTimeout, read: readTimeout),
                connectionPool: pool))
    }

    /// Runs `body` with a client over its own `HTTPClient`, and shuts that down afterwards,
    /// whether `body` returns or throws.
    public static func withClient<Result: Sendable>(
        baseURL: String, token: String, _ body: (CreditgateClient) async throws -> Result
    ) async throws -> Result {
        let http = makeHTTPClient()
        let client = CreditgateClient(baseURL: baseURL, token: token, httpClient: http)
        let result: Result
        do {
            result = try await body(client)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try? await http.shutdown()
        return result
    }

    /// Sends a request and decodes a 2xx answer as `Value`.
    /// - Throws: ``ClientError`` only.
    public func send<Value: Decodable & Sendable>(_ request: OfficerRequest, as type: Value.Type) async throws(ClientError)
        -> Answer<Value>
    {
        let outgoing = prepare(request, accept: "application/json, application/problem+json")
        let status: Int
        let headers: HTTPHeaders
        let bytes: [UInt8]
        do {
            let response = try await http.execute(outgoing, timeout: Self.requestDeadline)
            status = Int(response.status.code)
            headers = response.headers
            var buffer = try await response.body.collect(upTo: Self.maxBodySize)
            bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw Self.transportError(error, baseURL: baseURL)
        }

        guard (200..<300).contains(status) else {
            throw ClientError.fromResponse(status: status, body: bytes, retryAfter: headers.first(name: "Retry-After"))
        }
        let value: Value
        do {
            // 202/204 without a body decode as an empty object (``NoContent``).
            value = try WireDates.decoder().decode(Value.self, from: bytes.isEmpty ? Data("{}".utf8) : Data(bytes))
        } catch {
            throw ClientError(
                .unavailable,
                "the server's answer to \(request.method.rawValue) \(request.path.joined(separator: "/")) could not be read (\(Self.decodingSummary(error))); is \(baseURL) a Creditgate server of this version?",
                status: status)
        }
        return Answer(
            value: value, body: bytes, version: headers.first(name: "ETag").flatMap(Self.version(fromETag:)),
            serverDate: headers.first(name: "Date").flatMap(WireDates.parseHTTPDate))
    }

    /// The request as AsyncHTTPClient sends it: URL, method, key, `Accept`, `If-Match`, body.
    func prepare(_ request: OfficerRequest, accept: String) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: baseURL + request.target)
        switch request.method {
        case .get: outgoing.method = .GET
        case .post: outgoing.method = .POST
        case .delete: outgoing.method = .DELETE
        }
        outgoing.headers.add(name: "Authorization", value: "Bearer \(token)")
        outgoing.headers.add(name: "Accept", value: accept)
        outgoing.headers.add(name: "User-Agent", value: Self.userAgent)
        if let ifMatch = request.ifMatchHeader {
            outgoing.headers.add(name: "If-Match", value: ifMatch)
        }
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        return outgoing
    }

    /// `"3"` (or `W/"3"`) → 3.
    static func version(fromETag etag: String) -> Int? {
        var text = Substring(etag.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        return Int(text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
    }

    /// Where decoding failed, without the values (they may be applicant data).
    static func decodingSummary(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "the body" : path
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "the body" ? "" : parent + ".")\(key.stringValue) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has another type"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\(path(context)) is malformed"
        @unknown default: return "unexpected shape"
        }
    }
}

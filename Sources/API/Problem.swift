import Foundation
import Hummingbird
import NIOCore

/// An RFC 9457 problem: `application/problem+json` with `type`, `title`, `status`, `detail`
/// and, for invalid input, `errors` — every bad field with its JSON pointer.
public struct Problem: HTTPResponseError, Sendable {
    /// One bad field.
    public struct FieldError: Sendable, Hashable {
        /// JSON pointer into the request body.
        public var pointer: String
        /// What is wrong.
        public var detail: String
    }

    /// HTTP status.
    public var status: HTTPResponse.Status
    /// A short slug; the `type` member is `urn:creditgate:problem:SLUG`.
    public var type: String
    /// Short summary for the status.
    public var title: String
    /// What happened and what to change.
    public var detail: String
    /// Every bad field, for 422.
    public var errors: [FieldError]
    /// Extra response headers (`Allow`, `Retry-After`).
    public var headers: HTTPFields

    /// Creates a problem.
    public init(
        status: HTTPResponse.Status, type: String, title: String, detail: String, errors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// Unknown, revoked or missing key: one answer for all (nothing to learn from it).
    static let unauthorized = Problem(
        status: .unauthorized, type: "unauthorized", title: "Unauthorized",
        detail: "send a valid API key as 'Authorization: Bearer KEY'",
        headers: [.wwwAuthenticate: "Bearer"])

    /// The JSON body.
    var json: String {
        var text = "{\"type\":\(Self.quote("urn:creditgate:problem:\(type)")),\"title\":\(Self.quote(title))"
        text += ",\"status\":\(status.code),\"detail\":\(Self.quote(detail))"
        if !errors.isEmpty {
            text += ",\"errors\":["
            text += errors.map { "{\"pointer\":\(Self.quote($0.pointer)),\"detail\":\(Self.quote($0.detail))}" }
                .joined(separator: ",")
            text += "]"
        }
        return text + "}"
    }

    /// The response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

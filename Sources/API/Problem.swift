import CreditPolicy
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
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.key("type")
        w.string("urn:creditgate:problem:\(type)")
        w.key("title")
        w.string(title)
        w.key("status")
        w.int(status.code)
        w.key("detail")
        w.string(detail)
        if !errors.isEmpty {
            w.key("errors")
            w.beginArray()
            for error in errors {
                w.beginObject()
                w.key("pointer")
                w.string(error.pointer)
                w.key("detail")
                w.string(error.detail)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        return w.string
    }

    /// The response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
    }
}

import Foundation

extension ClientError {
    /// The kind an HTTP error status maps to.
    public static func kind(forStatus status: Int) -> Kind {
        switch status {
        case 404: .notFound
        case 409, 412, 428: .conflict
        case 401, 403: .notAllowed
        case 429: .unavailable
        case 400..<500: .refused
        default: .unavailable
        }
    }

    /// Maps an error answer to one sentence and an exit code.
    ///
    /// Uses the problem's `detail` when the body is `application/problem+json` (or any JSON
    /// with a `detail`); otherwise a sentence made from the status alone.
    /// - Parameters:
    ///   - status: The HTTP status (400 or more).
    ///   - body: The answer's bytes.
    ///   - retryAfter: The `Retry-After` header, for 429 and 503.
    public static func fromResponse(status: Int, body: [UInt8], retryAfter: String? = nil) -> ClientError {
        let problem = try? JSONDecoder().decode(ProblemDetails.self, from: Data(body))
        let kind = kind(forStatus: status)
        let slug = problem?.slug
        var sentence = problem?.detail.map(Self.sentence) ?? Self.fallback(status: status)
        switch (status, slug) {
        case (401, _):
            sentence = "the server did not accept the API key: check --token, CREDITGATE_TOKEN or the config file"
        case (403, "four-eyes"):
            sentence = "four eyes: \(sentence)"
        case (403, "beyond-authority"):
            sentence = "beyond your authority: \(sentence)"
        case (412, _):
            sentence = "\(Self.trimmed(sentence)); read the customer again and retry with its current version"
        case (429, _), (503, _):
            if let retryAfter, !retryAfter.isEmpty {
                sentence = "\(Self.trimmed(sentence)); retry after \(retryAfter) s"
            }
        default:
            break
        }
        return ClientError(
            kind, Self.sentence(sentence), status: status, problemType: slug, fieldErrors: problem?.errors ?? [])
    }

    /// A sentence for a status without a problem body.
    static func fallback(status: Int) -> String {
        switch status {
        case 401: "no valid API key was sent"
        case 403: "this API key may not do that (it needs the officer role)"
        case 404: "not found"
        case 409: "the review changed meanwhile, or the action does not fit its status"
        case 412: "the version given is not the current one"
        case 428: "the server wants the current version (If-Match)"
        case 429: "too many requests"
        case 500..<600: "the server failed (HTTP \(status))"
        default: "the server refused the request (HTTP \(status))"
        }
    }

    /// Trims whitespace and a final full stop, so that text can be joined into one sentence.
    static func trimmed(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// One sentence: trimmed, ending without a full stop as the rest of Creditgate writes.
    static func sentence(_ text: String) -> String {
        trimmed(text)
    }
}

import Crypto
import Foundation

/// Signing and verification exactly as the Standard Webhooks specification
/// (<https://www.standardwebhooks.com>) defines them, so that a receiver's existing library
/// accepts what Creditgate sends.
///
/// Every delivery carries three headers:
/// - `webhook-id`: the event's id; the same on every retry, so a receiver de-duplicates on it;
/// - `webhook-timestamp`: seconds since the Unix epoch when this attempt was signed;
/// - `webhook-signature`: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per active
///   secret, separated by spaces (several during a secret rotation).
public enum StandardWebhooks {
    /// `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with `secret`.
    public static func signature(id: String, timestamp: Int64, body: [UInt8], secret: WebhookSecret) -> String {
        var message = Array("\(id).\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret.bytes))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The `webhook-signature` header for a delivery: one signature per secret, in order.
    public static func signatureHeader(id: String, timestamp: Int64, body: [UInt8], secrets: [WebhookSecret]) -> String {
        secrets.map { signature(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }

    /// Why a delivery was not accepted by ``verify(id:timestamp:signatures:body:secrets:now:tolerance:)``.
    public enum VerificationError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A header is absent or empty.
        case missingHeader(String)
        /// `webhook-timestamp` is not a whole number of seconds.
        case malformedTimestamp
        /// The timestamp is further from now than the tolerance (a replay, or a clock far off).
        case timestampOutOfTolerance(seconds: Int64)
        /// No `v1` signature in the header matches any of the secrets (tampered body, wrong secret).
        case noMatchingSignature

        public var description: String {
            switch self {
            case .missingHeader(let name): "the \(name) header is missing"
            case .malformedTimestamp: "webhook-timestamp is not a number of seconds"
            case .timestampOutOfTolerance(let seconds): "webhook-timestamp is \(seconds) s away from now (more than allowed)"
            case .noMatchingSignature: "no signature matches: the body was changed or the secret is wrong"
            }
        }
    }

    /// What a receiver does with a delivery: checks the timestamp is within `tolerance` of
    /// `now` (default 5 minutes) and that one of the `v1` signatures matches one of the
    /// receiver's secrets, comparing in constant time. Returns normally when it is genuine.
    public static func verify(
        id: String?, timestamp: String?, signatures: String?, body: [UInt8], secrets: [WebhookSecret], now: Int64,
        tolerance: Int64 = 300
    ) throws(VerificationError) {
        guard let id, !id.isEmpty else { throw .missingHeader("webhook-id") }
        guard let timestamp, !timestamp.isEmpty else { throw .missingHeader("webhook-timestamp") }
        guard let signatures, !signatures.isEmpty else { throw .missingHeader("webhook-signature") }
        guard let seconds = Int64(timestamp) else { throw .malformedTimestamp }
        let (distance, overflow) = now.subtractingReportingOverflow(seconds)
        guard !overflow, distance.magnitude <= tolerance.magnitude else {
            throw .timestampOutOfTolerance(seconds: overflow ? .max : distance)
        }
        for candidate in signatures.split(separator: " ") {
            let parts = candidate.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let given = Data(base64Encoded: String(parts[1])) else { continue }
            for secret in secrets {
                var message = Array("\(id).\(seconds).".utf8)
                message += body
                if HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: message, using: SymmetricKey(data: secret.bytes)) {
                    return
                }
            }
        }
        throw .noMatchingSignature
    }
}

/// A webhook signing secret: random bytes, written `whsec_<base64>` as Standard Webhooks does.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The key bytes.
    public let bytes: [UInt8]

    /// The fewest bytes a secret may have.
    public static let minimumBytes = 24

    /// A new secret of 32 random bytes from the system's secure generator.
    public static func generate() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        return WebhookSecret(unchecked: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Reads `whsec_<base64>` (the prefix is optional, as in the reference libraries); `nil`
    /// when it is not base64 or shorter than ``minimumBytes``.
    public init?(_ text: String) {
        let encoded = text.hasPrefix("whsec_") ? String(text.dropFirst(6)) : text
        guard let data = Data(base64Encoded: encoded), data.count >= Self.minimumBytes else { return nil }
        bytes = Array(data)
    }

    /// Reads a secret from raw bytes, at least ``minimumBytes``.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.minimumBytes else { return nil }
        self.bytes = bytes
    }

    /// `whsec_<base64>`.
    public var description: String { "whsec_" + Data(bytes).base64EncodedString() }
}

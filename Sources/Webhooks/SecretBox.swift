import Crypto
import Foundation

/// Seals webhook signing secrets for storage with a key kept outside the database
/// (AES-256-GCM), so that a database dump does not reveal them.
///
/// The key file holds 32 random bytes, base64, one line; `creditgate serve` creates it (mode
/// 0600) when it is missing. Losing it means re-issuing every webhook secret.
public struct SecretBox: Sendable {
    let key: SymmetricKey

    /// A box with this key (32 bytes).
    public init?(keyBytes: [UInt8]) {
        guard keyBytes.count == 32 else { return nil }
        key = SymmetricKey(data: keyBytes)
    }

    /// A box with a new random key, and the key's file text.
    public static func generate() -> (box: SecretBox, fileText: String) {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        return (SecretBox(keyBytes: bytes)!, Data(bytes).base64EncodedString() + "\n")
    }

    /// Reads a key file's text.
    public init?(fileText: String) {
        guard let data = Data(base64Encoded: fileText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return nil
        }
        self.init(keyBytes: Array(data))
    }

    /// Seals secrets (newest first) as `v1:<base64 nonce‖ciphertext‖tag>`.
    public func seal(_ secrets: [WebhookSecret]) throws -> String {
        let plain = Array(secrets.map(\.description).joined(separator: " ").utf8)
        let sealed = try AES.GCM.seal(plain, using: key)
        guard let combined = sealed.combined else { throw SecretBoxError.cannotSeal }
        return "v1:" + combined.base64EncodedString()
    }

    /// Opens what ``seal(_:)`` made; throws when the key is not the one it was sealed with.
    public func open(_ sealed: String) throws -> [WebhookSecret] {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw SecretBoxError.malformed
        }
        let plain: Data
        do {
            plain = try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key)
        } catch {
            throw SecretBoxError.wrongKey
        }
        return try String(decoding: plain, as: UTF8.self).split(separator: " ").map {
            guard let secret = WebhookSecret(String($0)) else { throw SecretBoxError.malformed }
            return secret
        }
    }
}

/// Why sealed secrets could not be sealed or opened.
public enum SecretBoxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Sealing failed.
    case cannotSeal
    /// The stored text is not a sealed box.
    case malformed
    /// The secrets key is not the one the secrets were sealed with.
    case wrongKey

    public var description: String {
        switch self {
        case .cannotSeal: "the webhook secrets could not be sealed"
        case .malformed: "a stored webhook secret is unreadable"
        case .wrongKey: "the webhook secrets were sealed with another secrets key (check --secrets-key)"
        }
    }
}

import Crypto

/// A checkpoint signing key's public half: what auditors are given, and what verification trusts.
///
/// Text form (``verifierKey``), the verifier key of C2SP signed-note and Go's `sumdb/note`:
///
/// ```text
/// creditgate/prod+ce6f9491+ARVrCf6e2hjQ9Y2OIEV/3ZqW2Dao2DK5NCix9AeotLJM
/// ```
///
/// `<name>+<key ID, 8 hex digits>+<base64(0x01 ‖ 32-byte Ed25519 public key)>`, where 0x01
/// says Ed25519 and the key ID is the first 4 bytes of SHA-256(name ‖ `\n` ‖ 0x01 ‖ public
/// key). The ID thus depends on the public key and on the name, so a key cannot be passed
/// off under another name; signature lines carry it so a verifier finds its key without trying each.
public struct CheckpointPublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The key's name, as in signature lines.
    public let name: String
    /// The key ID (see above).
    public let keyID: UInt32
    /// The 32-byte Ed25519 public key.
    public let rawRepresentation: [UInt8]
    private let key: Curve25519.Signing.PublicKey

    /// The signature-algorithm byte of Ed25519 in signed notes.
    static let ed25519Algorithm: UInt8 = 0x01

    /// The public key `key` under `name`.
    ///
    /// - Throws: ``CheckpointFormatError`` when the name is empty or has whitespace, `+` or
    ///   control characters.
    public init(name: String, key: Curve25519.Signing.PublicKey) throws(CheckpointFormatError) {
        guard NoteSignature.isValidKeyName(name) else {
            throw CheckpointFormatError(line: nil, reason: "a key name must be non-empty, without whitespace, '+' or control characters")
        }
        self.name = name
        self.key = key
        self.rawRepresentation = Array(key.rawRepresentation)
        self.keyID = Self.keyID(name: name, publicKey: rawRepresentation)
    }

    /// Parses a verifier key written by ``verifierKey`` (surrounding whitespace, such as the
    /// newline at the end of a file, is ignored).
    ///
    /// - Throws: ``CheckpointFormatError`` (line 1) saying which part is wrong.
    public init(verifierKey text: String) throws(CheckpointFormatError) {
        let trimmed = text.trimmingASCIIWhitespace()
        let parts = trimmed.split(separator: "+", omittingEmptySubsequences: false)
        // Base64 may itself contain '+': the name and the ID come first, the rest is the key.
        guard parts.count >= 3 else {
            throw CheckpointFormatError(line: 1, reason: "a verifier key is '<name>+<key ID>+<base64 key>'")
        }
        let name = String(parts[0])
        let idText = parts[1]
        let keyText = parts[2...].joined(separator: "+")
        guard let id = Hex.decode(idText, count: 4) else {
            throw CheckpointFormatError(line: 1, reason: "the key ID must be 8 lowercase hex digits")
        }
        guard let blob = Base64.decode(keyText), blob.count == 33, blob[0] == Self.ed25519Algorithm else {
            throw CheckpointFormatError(line: 1, reason: "the key must be base64 of 0x01 (Ed25519) and a 32-byte public key")
        }
        let key: Curve25519.Signing.PublicKey
        do {
            key = try Curve25519.Signing.PublicKey(rawRepresentation: blob[1...])
        } catch {
            throw CheckpointFormatError(line: 1, reason: "not a valid Ed25519 public key")
        }
        try self.init(name: name, key: key)
        guard keyID == UInt32(bigEndianBytes: id) else {
            throw CheckpointFormatError(line: 1, reason: "the key ID does not match the name and key (copied incompletely?)")
        }
    }

    /// `<name>+<key ID hex>+<base64(0x01 ‖ public key)>`, for auditors and for Go's `note.NewVerifier`.
    public var verifierKey: String {
        "\(name)+\(keyIDHex)+\(Base64.encode([Self.ed25519Algorithm] + rawRepresentation))"
    }

    /// The key ID as 8 lowercase hex digits.
    public var keyIDHex: String { Hex.encode(keyID.bigEndianBytes) }

    /// The verifier key.
    public var description: String { verifierKey }

    /// What the note's signatures say about this key.
    ///
    /// ``SignatureCheck/invalid`` when any line with this key's name and ID fails to verify
    /// (even if another such line verifies), ``SignatureCheck/valid`` when at least one does and
    /// none fails, ``SignatureCheck/absent`` when no line names this key.
    public func check(_ note: SignedNote) -> SignatureCheck {
        var found = false
        let message = Array(note.text.utf8)
        for signature in note.signatures where signature.keyName == name && signature.keyID == keyID {
            guard signature.signature.count == 64, key.isValidSignature(signature.signature, for: message) else { return .invalid }
            found = true
        }
        return found ? .valid : .absent
    }

    /// What a note's signatures say about one key.
    public enum SignatureCheck: Sendable, Hashable {
        /// Signed by this key, and every signature line naming it verifies.
        case valid
        /// A signature line names this key but does not verify over the note's text.
        case invalid
        /// No signature line names this key.
        case absent
    }

    /// The first 4 bytes of SHA-256(name ‖ `\n` ‖ 0x01 ‖ public key), big-endian.
    static func keyID(name: String, publicKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8) + [UInt8(ascii: "\n"), ed25519Algorithm] + publicKey)
        return UInt32(bigEndianBytes: Array(hasher.finalize().prefix(4)))
    }

    /// Equal when name and key are.
    public static func == (lhs: CheckpointPublicKey, rhs: CheckpointPublicKey) -> Bool {
        lhs.name == rhs.name && lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes name and key.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(rawRepresentation)
    }
}

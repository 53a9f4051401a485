import Crypto

/// Signs checkpoints with an Ed25519 key kept outside the database.
///
/// Key file: one line, the signer key of C2SP signed-note and Go's `sumdb/note`, then `\n`
/// (the secret is elided here: 44 base64 characters in a real file):
///
/// ```text
/// PRIVATE+KEY+creditgate/prod+ce6f9491+Aa…
/// ```
///
/// `PRIVATE+KEY+<name>+<key ID, 8 hex digits>+<base64(0x01 ‖ 32-byte Ed25519 seed)>`, with the
/// key ID of the public key (``CheckpointPublicKey``). The name, the algorithm (0x01 =
/// Ed25519) and the ID sit beside the secret so a wrong or damaged file is refused rather
/// than signing with something unexpected, and Go's `note.NewSigner` reads the same file.
/// Keeping the file private (mode 0600, refusing a readable one) is the caller's job.
///
/// `description` names the key, never the secret, so a signer in a log line leaks nothing.
public struct CheckpointSigner: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What auditors verify with.
    public let publicKey: CheckpointPublicKey
    private let privateKey: Curve25519.Signing.PrivateKey

    private static let keyFilePrefix = "PRIVATE+KEY+"

    /// A signer for `privateKey` under `name`.
    ///
    /// - Throws: ``CheckpointFormatError`` when the name is not a valid key name.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(CheckpointFormatError) {
        self.publicKey = try CheckpointPublicKey(name: name, key: privateKey.publicKey)
        self.privateKey = privateKey
    }

    /// A new key from the system's secure random generator.
    ///
    /// - Parameter name: the key's name; the log's origin (e.g. `creditgate/prod`) is a good choice.
    public static func generate(name: String) throws(CheckpointFormatError) -> CheckpointSigner {
        try CheckpointSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// Reads a key file's text (surrounding whitespace, such as the final newline, is ignored).
    ///
    /// - Throws: ``CheckpointFormatError`` (line 1) saying which part is wrong; never quoting it.
    public init(keyFile text: String) throws(CheckpointFormatError) {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.hasPrefix(Self.keyFilePrefix), !trimmed.contains("\n") else {
            throw CheckpointFormatError(line: 1, reason: "a checkpoint key file is one line starting with 'PRIVATE+KEY+'")
        }
        let parts = trimmed.dropFirst(Self.keyFilePrefix.count).split(separator: "+", omittingEmptySubsequences: false)
        guard parts.count >= 3 else {
            throw CheckpointFormatError(line: 1, reason: "a checkpoint key file is 'PRIVATE+KEY+<name>+<key ID>+<base64 key>'")
        }
        guard let id = Hex.decode(parts[1], count: 4) else {
            throw CheckpointFormatError(line: 1, reason: "the key ID must be 8 lowercase hex digits")
        }
        guard let blob = Base64.decode(parts[2...].joined(separator: "+")), blob.count == 33, blob[0] == CheckpointPublicKey.ed25519Algorithm else {
            throw CheckpointFormatError(line: 1, reason: "the key must be base64 of 0x01 (Ed25519) and a 32-byte seed")
        }
        let privateKey: Curve25519.Signing.PrivateKey
        do {
            privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: blob[1...])
        } catch {
            throw CheckpointFormatError(line: 1, reason: "not a valid Ed25519 private key")
        }
        try self.init(name: String(parts[0]), privateKey: privateKey)
        guard publicKey.keyID == UInt32(bigEndianBytes: id) else {
            throw CheckpointFormatError(line: 1, reason: "the key ID does not match the name and key (damaged or edited file?)")
        }
    }

    /// The key file's text (see above), ending in a newline. Secret: write it only to a private file.
    public var keyFileText: String {
        let seed = [CheckpointPublicKey.ed25519Algorithm] + Array(privateKey.rawRepresentation)
        return "\(Self.keyFilePrefix)\(publicKey.name)+\(publicKey.keyIDHex)+\(Base64.encode(seed))\n"
    }

    /// Signs `checkpoint`: a note whose text is ``Checkpoint/text`` with this key's signature.
    public func sign(_ checkpoint: Checkpoint) throws -> SignedCheckpoint {
        let text = checkpoint.text
        let note = try SignedNote(text: text, signatures: [try signature(over: text)])
        return try SignedCheckpoint(checkpoint: checkpoint, note: note)
    }

    /// This key's signature line over a note's `text` (to build or cosign any note).
    public func signature(over text: String) throws -> NoteSignature {
        let signature = try privateKey.signature(for: Array(text.utf8))
        return NoteSignature(keyName: publicKey.name, keyID: publicKey.keyID, signature: Array(signature))
    }

    /// `CheckpointSigner(<name>+<key ID>)`: names the key, never shows the secret.
    public var description: String { "CheckpointSigner(\(publicKey.name)+\(publicKey.keyIDHex))" }

    /// Same as ``description``.
    public var debugDescription: String { description }
}

/// One signature line of a signed note: `— <key name> <base64(key ID ‖ signature)>`.
public struct NoteSignature: Sendable, Hashable {
    /// The signing key's name (e.g. `creditgate/prod`).
    public let keyName: String
    /// The key's 4-byte ID, big-endian (see ``CheckpointPublicKey/keyID``).
    public let keyID: UInt32
    /// The signature bytes (64 for Ed25519; other algorithms may differ).
    public let signature: [UInt8]

    /// Creates a signature line's contents.
    public init(keyName: String, keyID: UInt32, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The line as written in a note, ending in `\n`.
    public var line: String {
        "\(SignedNote.signaturePrefix)\(keyName) \(Base64.encode(keyID.bigEndianBytes + signature))\n"
    }

    /// True when `name` can name a key: not empty, no whitespace, no `+`, no control characters
    /// (the rule of C2SP signed-note and Go's `sumdb/note`).
    public static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar != "+" && !scalar.properties.isWhitespace && scalar.value >= 0x20 && scalar.value != 0x7F
            }
    }
}

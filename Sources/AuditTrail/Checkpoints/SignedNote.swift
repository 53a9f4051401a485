/// A C2SP signed note (<https://c2sp.org/signed-note>): text, a blank line, signature lines.
///
/// ```text
/// <text, one or more lines, each ending in \n>
///
/// — <key name> <base64(4-byte key ID ‖ signature)>
/// — <another key name> <…>
/// ```
///
/// The signatures cover the text's bytes exactly, final newline included. The layout is that
/// of Go's `golang.org/x/mod/sumdb/note`, so a note written here opens there and vice versa.
/// Parsing follows its rules, stricter where it costs nothing: valid UTF-8 with no control
/// characters but `\n`, the text ends at the last blank line, every signature line starts
/// with an em dash and a space, base64 is canonical, at most 100 signatures.
public struct SignedNote: Sendable, Hashable {
    /// What is signed: one or more lines, each ending in `\n`.
    public let text: String
    /// The signature lines, in order.
    public let signatures: [NoteSignature]

    /// `— ` (U+2014 EM DASH, space): how every signature line starts.
    public static let signaturePrefix = "\u{2014} "
    /// The most signature lines a note may have.
    public static let maxSignatures = 100

    /// Creates a note.
    ///
    /// - Throws: ``CheckpointFormatError`` when the text is empty, does not end in a newline or
    ///   has a control character, or a signature's key name is not valid.
    public init(text: String, signatures: [NoteSignature]) throws(CheckpointFormatError) {
        if let problem = Self.textProblem(text) { throw problem }
        if signatures.contains(where: { !NoteSignature.isValidKeyName($0.keyName) }) {
            throw CheckpointFormatError(line: nil, reason: "a key name must be non-empty, without whitespace, '+' or control characters")
        }
        guard signatures.count <= Self.maxSignatures else {
            throw CheckpointFormatError(line: nil, reason: "a note has at most \(Self.maxSignatures) signatures")
        }
        self.text = text
        self.signatures = signatures
    }

    /// The note as exported: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Parses a note as written by ``serialized``.
    ///
    /// - Throws: ``CheckpointFormatError`` with the 1-based line of the first problem.
    public static func parse(_ message: String) throws(CheckpointFormatError) -> SignedNote {
        var line = 1
        for scalar in message.unicodeScalars {
            if scalar == "\n" {
                line += 1
            } else if scalar == "\r" {
                throw CheckpointFormatError(line: line, reason: "carriage return: the file must use LF line endings, not CRLF")
            } else if scalar.value < 0x20 {
                throw CheckpointFormatError(line: line, reason: "control character U+\(Hex.encode([UInt8(scalar.value)]).uppercased()) is not allowed")
            }
        }
        let bytes = Array(message.utf8)
        let lineCount = bytes.count(where: { $0 == UInt8(ascii: "\n") })
        guard bytes.last == UInt8(ascii: "\n") else {
            throw CheckpointFormatError(line: lineCount + 1, reason: "the note must end with a newline")
        }
        // The text ends at the last blank line, as in Go's note.Open.
        guard let split = stride(from: bytes.count - 2, through: 0, by: -1).first(where: { bytes[$0] == 10 && bytes[$0 + 1] == 10 }) else {
            if bytes.first == UInt8(ascii: "\n") {
                throw CheckpointFormatError(line: 1, reason: "the note has no text before its blank line")
            }
            throw CheckpointFormatError(
                line: lineCount, reason: "no signatures: a signed note is its text, a blank line, then lines '— <key name> <signature>'")
        }
        let text = String(decoding: bytes[...split], as: UTF8.self)
        if let problem = textProblem(text) { throw problem }
        let textLines = text.utf8.count(where: { $0 == UInt8(ascii: "\n") })
        let block = bytes[(split + 2)...]
        guard !block.isEmpty else {
            throw CheckpointFormatError(line: textLines + 1, reason: "no signature lines after the blank line")
        }
        var signatures: [NoteSignature] = []
        let prefix = Array(signaturePrefix.utf8)
        for (k, raw) in block.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = textLines + 2 + k
            guard raw.starts(with: prefix) else {
                throw CheckpointFormatError(line: number, reason: "a signature line must start with '— ' (em dash U+2014, space)")
            }
            let rest = raw.dropFirst(prefix.count).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard rest.count == 2 else {
                throw CheckpointFormatError(line: number, reason: "a signature line is '— <key name> <base64 signature>', with single spaces")
            }
            let name = String(decoding: rest[0], as: UTF8.self)
            guard NoteSignature.isValidKeyName(name) else {
                throw CheckpointFormatError(line: number, reason: "the key name must be non-empty, without whitespace, '+' or control characters")
            }
            guard let blob = Base64.decode(String(decoding: rest[1], as: UTF8.self)), blob.count >= 5 else {
                throw CheckpointFormatError(line: number, reason: "the signature must be padded standard base64 of a 4-byte key ID and the signature")
            }
            guard signatures.count < maxSignatures else {
                throw CheckpointFormatError(line: number, reason: "a note has at most \(maxSignatures) signatures")
            }
            signatures.append(NoteSignature(keyName: name, keyID: UInt32(bigEndianBytes: Array(blob[..<4])), signature: Array(blob[4...])))
        }
        return try SignedNote(text: text, signatures: signatures)
    }

    /// Why `text` cannot be a note's text, or nil.
    private static func textProblem(_ text: String) -> CheckpointFormatError? {
        guard !text.isEmpty, text.utf8.last == UInt8(ascii: "\n") else {
            return CheckpointFormatError(line: nil, reason: "a note's text must be one or more lines, each ending in a newline")
        }
        if text.unicodeScalars.contains(where: { $0 != "\n" && $0.value < 0x20 }) {
            return CheckpointFormatError(line: nil, reason: "control characters are not allowed in a note's text")
        }
        return nil
    }
}

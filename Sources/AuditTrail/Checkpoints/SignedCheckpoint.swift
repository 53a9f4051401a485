/// A checkpoint with its signatures: a ``SignedNote`` whose text is a ``Checkpoint``'s text.
///
/// The exported form (``text``), e.g. signed by the key of ``CheckpointPublicKey``'s example:
///
/// ```text
/// creditgate/prod
/// 300
/// gDLqvW0RmEWX/N3IkH22nQo+H+e18EpJHfrZUuMBAUM=
/// time 2026-01-01T00:07:30.000000Z
/// previous 250 yVrZLNgNXCrHvFS9sQvTtgXfN18MCV3PD75/+G8iLc0=
///
/// — creditgate/prod zm+UkcaN2AQqxGzEMqTXFsBIAoiWLG5T+VFkSlyKccWaE4XicXYadnhMrv6qDoFqH7yFopkSat0LmQ2N2mL/9fPmrAA=
/// ```
///
/// Parsing checks the form only; whether a trusted key signed it is
/// ``CheckpointPublicKey/check(_:)``'s question, and ``CheckpointedChainVerifier``'s.
public struct SignedCheckpoint: Sendable, Hashable {
    /// What is claimed.
    public let checkpoint: Checkpoint
    /// The note: ``Checkpoint/text`` and the signature lines.
    public let note: SignedNote

    /// Pairs a checkpoint with a note over its text.
    ///
    /// - Throws: ``CheckpointFormatError`` when the note's text is not exactly the checkpoint's.
    public init(checkpoint: Checkpoint, note: SignedNote) throws(CheckpointFormatError) {
        guard note.text == checkpoint.text else {
            throw CheckpointFormatError(line: nil, reason: "the note's text is not the checkpoint's text")
        }
        self.checkpoint = checkpoint
        self.note = note
    }

    /// The text to export: the checkpoint, a blank line, the signature lines.
    public var text: String { note.serialized }

    /// Parses an exported checkpoint.
    ///
    /// - Throws: ``CheckpointFormatError`` with the 1-based line of the first problem, in the
    ///   checkpoint or in its signature lines.
    public static func parse(_ text: String) throws(CheckpointFormatError) -> SignedCheckpoint {
        let note = try SignedNote.parse(text)
        let checkpoint = try Checkpoint.parse(note.text)
        return try SignedCheckpoint(checkpoint: checkpoint, note: note)
    }
}

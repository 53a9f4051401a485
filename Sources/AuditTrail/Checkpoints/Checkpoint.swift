/// A statement about the log at one moment: "log `origin` had `size` entries, the last with hash
/// `headHash`, at `timeMicros`; the checkpoint before this one was `previous`". Signed, it lets
/// anyone holding a copy detect a later rewrite or truncation of the first `size` entries.
///
/// ## Text
///
/// The body of a C2SP `tlog-checkpoint` (<https://c2sp.org/tlog-checkpoint>), five lines, each
/// ending in `\n`:
///
/// ```text
/// creditgate/prod
/// 300
/// gDLqvW0RmEWX/N3IkH22nQo+H+e18EpJHfrZUuMBAUM=
/// time 2026-01-01T00:07:30.000000Z
/// previous 250 yVrZLNgNXCrHvFS9sQvTtgXfN18MCV3PD75/+G8iLc0=
/// ```
///
/// 1. the origin: names the log, e.g. `creditgate/<deployment>`; visible ASCII, no spaces;
/// 2. the size: the head's seq, in decimal without leading zeros;
/// 3. the head hash: the 32 bytes of the chain hash of entry `size` in standard, padded base64
///    (``AuditChain/genesisHash`` for size 0);
/// 4. extension line `time <RFC 3339>`: when it was made, always UTC with six fraction digits;
/// 5. extension line `previous <size> <base64 hash>`: the head of the checkpoint made before
///    this one (`previous 0` and the genesis hash for the first), so whether a checkpoint
///    extends the one before can be checked offline, from the checkpoints alone.
///
/// Why this and not canonical JSON: the body is what gets signed, as a C2SP signed note
/// (``SignedNote``), the format of Go's `sumdb/note` and of the transparency-log ecosystem.
/// Auditors can check signatures with existing tools (`note.Open` with the key from
/// ``CheckpointPublicKey/verifierKey``) rather than trusting a format of ours, the text is
/// readable in a terminal, and it has one form per value with no escaping rules to get
/// wrong. The head hash is a hash chain's head, not a Merkle tree root, so tools can parse
/// the checkpoint and check its signature but not ask for inclusion or consistency proofs.
///
/// Parsing is strict: exactly these five lines, in this order, each value in its one
/// canonical form; anything else is a ``CheckpointFormatError`` naming the line.
public struct Checkpoint: Sendable, Hashable {
    /// Names the log; checkpoints of another log never verify against this one.
    public let origin: String
    /// The number of entries, i.e. the seq of the head (0 for an empty log).
    public let size: Int64
    /// The hash of entry ``size`` in lowercase hex (``AuditChain/genesisHash`` for size 0).
    public let headHash: String
    /// When the checkpoint was made: microseconds since 1970-01-01T00:00:00Z.
    public let timeMicros: Int64
    /// The head of the checkpoint made before this one; ``ChainHead/genesis`` for the first.
    public let previous: ChainHead

    /// Creates a checkpoint, checking each field can be written in the text form.
    ///
    /// - Throws: ``CheckpointFormatError`` (with no line) when the origin is empty or has
    ///   characters other than visible ASCII, a size is negative, a hash is not 64 lowercase
    ///   hex digits, or the time is outside 1970…9999.
    public init(origin: String, head: ChainHead, timeMicros: Int64, previous: ChainHead) throws(CheckpointFormatError) {
        if let problem = Self.originProblem(origin) { throw CheckpointFormatError(line: nil, reason: problem) }
        guard head.seq >= 0, previous.seq >= 0 else { throw CheckpointFormatError(line: nil, reason: "sizes cannot be negative") }
        guard Hex.decode(head.hash, count: 32) != nil, Hex.decode(previous.hash, count: 32) != nil else {
            throw CheckpointFormatError(line: nil, reason: "hashes must be 64 lowercase hex digits")
        }
        guard RFC3339Time.format(timeMicros) != nil else {
            throw CheckpointFormatError(line: nil, reason: "the time must be within 1970-01-01 … 9999-12-31 UTC")
        }
        self.origin = origin
        self.size = head.seq
        self.headHash = head.hash
        self.timeMicros = timeMicros
        self.previous = previous
    }

    /// The checkpoint of `head` that follows `last` (the latest checkpoint made, nil for none).
    public init(origin: String, head: ChainHead, timeMicros: Int64, following last: Checkpoint?) throws(CheckpointFormatError) {
        try self.init(origin: origin, head: head, timeMicros: timeMicros, previous: last?.head ?? .genesis)
    }

    /// The log's head as this checkpoint records it.
    public var head: ChainHead { ChainHead(seq: size, hash: headHash) }

    /// The five-line body described above, the text a signature covers.
    public var text: String {
        // Every field was checked in init, so each conversion succeeds.
        let hash = Base64.encode(Hex.decode(headHash, count: 32)!)
        let previousHash = Base64.encode(Hex.decode(previous.hash, count: 32)!)
        return "\(origin)\n\(size)\n\(hash)\ntime \(RFC3339Time.format(timeMicros)!)\nprevious \(previous.seq) \(previousHash)\n"
    }

    /// Parses a body written by ``text``.
    ///
    /// - Parameter firstLine: the line number of the body's first line in the input, for errors.
    /// - Throws: ``CheckpointFormatError`` naming the first line that is not as described above.
    public static func parse(_ text: String, firstLine: Int = 1) throws(CheckpointFormatError) -> Checkpoint {
        func fail(_ index: Int, _ reason: String) -> CheckpointFormatError {
            CheckpointFormatError(line: firstLine + index, reason: reason)
        }
        guard text.utf8.last == UInt8(ascii: "\n") else {
            throw fail(max(0, text.utf8.count(where: { $0 == UInt8(ascii: "\n") })), "the checkpoint must end with a newline")
        }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
        let roles = ["the origin", "the size", "the head hash", "the time line", "the previous line"]
        if let blank = lines.firstIndex(where: \.isEmpty), blank < roles.count {
            throw fail(blank, "\(roles[blank]) is missing (blank line)")
        }
        guard lines.count >= roles.count else {
            throw fail(lines.count, "\(roles[lines.count]) is missing: a checkpoint has five lines (origin, size, head hash, time, previous)")
        }
        guard lines.count == roles.count else {
            throw fail(roles.count, "unexpected extra line: a checkpoint has five lines (origin, size, head hash, time, previous)")
        }
        if let problem = originProblem(lines[0]) { throw fail(0, problem) }
        guard let size = decimal(lines[1]) else { throw fail(1, "the size must be a decimal number without sign or leading zeros") }
        guard let headHash = hash(lines[2]) else { throw fail(2, "the head hash must be 32 bytes in padded standard base64") }

        let time = lines[3].split(separator: " ", omittingEmptySubsequences: false)
        guard time.count == 2, time[0] == "time" else { throw fail(3, "expected 'time <YYYY-MM-DDTHH:MM:SS.ffffffZ>'") }
        let timeMicros: Int64
        switch RFC3339Time.parse(time[1]) {
        case .success(let micros): timeMicros = micros
        case .failure(.shape): throw fail(3, "the time must be written YYYY-MM-DDTHH:MM:SS.ffffffZ (UTC, six fraction digits)")
        case .failure(.outOfRange): throw fail(3, "the time is not a valid date and time from 1970 on")
        }

        let previous = lines[4].split(separator: " ", omittingEmptySubsequences: false)
        guard previous.count == 3, previous[0] == "previous" else { throw fail(4, "expected 'previous <size> <base64 head hash>'") }
        guard let previousSize = decimal(previous[1]) else {
            throw fail(4, "the previous size must be a decimal number without sign or leading zeros")
        }
        guard let previousHash = hash(previous[2]) else { throw fail(4, "the previous head hash must be 32 bytes in padded standard base64") }

        return try Checkpoint(
            origin: lines[0], head: ChainHead(seq: size, hash: headHash), timeMicros: timeMicros,
            previous: ChainHead(seq: previousSize, hash: previousHash))
    }

    /// Why `origin` cannot be an origin line, or nil.
    static func originProblem(_ origin: String) -> String? {
        if origin.isEmpty { return "the origin is empty" }
        if !origin.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) {
            return "the origin must be visible ASCII without spaces (e.g. creditgate/production)"
        }
        return nil
    }

    /// A non-negative Int64 in plain decimal (no sign, no leading zeros), or nil.
    static func decimal(_ text: some StringProtocol) -> Int64? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= 19, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        guard digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }

    /// The lowercase hex of a base64 32-byte hash, or nil.
    private static func hash(_ text: some StringProtocol) -> String? {
        guard let bytes = Base64.decode(text), bytes.count == 32 else { return nil }
        return Hex.encode(bytes)
    }
}

import Testing

@testable import AuditTrail

@Suite("Checkpoint text")
struct CheckpointFormatTests {
    static let hash = "5858104a2289c50f673280e760faeb608c5e708552cbad1f4f6cee771d7f5be2"
    /// Base64 of ``hash`` (and of 32 zero bytes), computed independently with Python's base64 module.
    static let hashBase64 = "WFgQSiKJxQ9nMoDnYPrrYIxecIVSy60fT2zudx1/W+I="
    static let genesisBase64 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    static let sample = try! Checkpoint(
        origin: "creditgate/prod", head: ChainHead(seq: 1, hash: hash), timeMicros: 1_767_225_600_123_456, previous: .genesis)
    static let sampleText = """
        creditgate/prod
        1
        \(hashBase64)
        time 2026-01-01T00:00:00.123456Z
        previous 0 \(genesisBase64)

        """

    @Test("a checkpoint is written as five documented lines, and read back")
    func text() throws {
        #expect(Self.sample.text == Self.sampleText)
        #expect(try Checkpoint.parse(Self.sampleText) == Self.sample)
        #expect(Self.sample.head == ChainHead(seq: 1, hash: Self.hash))
    }

    @Test("the following checkpoint records the one before it as previous")
    func following() throws {
        let next = try Checkpoint(origin: "creditgate/prod", head: ChainHead(seq: 50, hash: Self.hash), timeMicros: 0, following: Self.sample)
        #expect(next.previous == Self.sample.head)
        #expect(next.text.hasSuffix("time 1970-01-01T00:00:00.000000Z\nprevious 1 \(Self.hashBase64)\n"))
        #expect(try Checkpoint(origin: "o", head: .genesis, timeMicros: 0, following: nil).previous == .genesis)
    }

    @Test(
        "times are RFC 3339 in UTC with six fraction digits (known answers from Python's datetime)",
        arguments: [
            (Int64(0), "1970-01-01T00:00:00.000000Z"), (1_709_251_199_999_999, "2024-02-29T23:59:59.999999Z"),
            (1_767_225_600_123_456, "2026-01-01T00:00:00.123456Z"), (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
        ])
    func times(_ micros: Int64, _ text: String) throws {
        #expect(RFC3339Time.format(micros) == text)
        #expect(try RFC3339Time.parse(text).get() == micros)
    }

    @Test(
        "times that do not exist or are not in the one form are refused",
        arguments: [
            "2023-02-29T00:00:00.000000Z", "2024-04-31T00:00:00.000000Z", "2024-13-01T00:00:00.000000Z", "2024-01-01T24:00:00.000000Z",
            "2024-01-01T00:00:60.000000Z", "1969-12-31T23:59:59.999999Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000000+00:00",
            "2024-01-01t00:00:00.000000Z", "2024-01-01T00:00:00.00000aZ",
        ])
    func badTimes(_ text: String) {
        #expect((try? RFC3339Time.parse(text).get()) == nil)
    }

    @Test("values that cannot be written are refused when the checkpoint is made")
    func badValues() {
        let head = ChainHead(seq: 1, hash: Self.hash)
        #expect(throws: CheckpointFormatError.self) { try Checkpoint(origin: "", head: head, timeMicros: 0, previous: .genesis) }
        #expect(throws: CheckpointFormatError.self) { try Checkpoint(origin: "credit gate", head: head, timeMicros: 0, previous: .genesis) }
        #expect(throws: CheckpointFormatError.self) {
            try Checkpoint(origin: "o", head: ChainHead(seq: 1, hash: Self.hash.uppercased()), timeMicros: 0, previous: .genesis)
        }
        #expect(throws: CheckpointFormatError.self) {
            try Checkpoint(origin: "o", head: ChainHead(seq: -1, hash: Self.hash), timeMicros: 0, previous: .genesis)
        }
        #expect(throws: CheckpointFormatError.self) { try Checkpoint(origin: "o", head: head, timeMicros: -1, previous: .genesis) }
    }

    /// A change to ``sampleText`` and the error it must give.
    struct Malformed: Sendable, CustomStringConvertible {
        var description: String
        var text: String
        var line: Int
        var reason: String
    }

    static func replacing(_ line: Int, with replacement: String) -> String {
        var lines = sampleText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[line - 1] = replacement
        return lines.joined(separator: "\n")
    }

    static let malformed: [Malformed] = [
        Malformed(description: "empty origin", text: replacing(1, with: ""), line: 1, reason: "the origin is missing (blank line)"),
        Malformed(
            description: "origin with a space", text: replacing(1, with: "credit gate"), line: 1,
            reason: "the origin must be visible ASCII without spaces (e.g. creditgate/production)"),
        Malformed(
            description: "size with a leading zero", text: replacing(2, with: "01"), line: 2,
            reason: "the size must be a decimal number without sign or leading zeros"),
        Malformed(
            description: "negative size", text: replacing(2, with: "-1"), line: 2, reason: "the size must be a decimal number without sign or leading zeros"),
        Malformed(
            description: "hash in hex", text: replacing(3, with: hash), line: 3, reason: "the head hash must be 32 bytes in padded standard base64"),
        Malformed(
            description: "hash without padding", text: replacing(3, with: String(hashBase64.dropLast())), line: 3,
            reason: "the head hash must be 32 bytes in padded standard base64"),
        Malformed(
            description: "time in another form", text: replacing(4, with: "time 2026-01-01T00:00:00Z"), line: 4,
            reason: "the time must be written YYYY-MM-DDTHH:MM:SS.ffffffZ (UTC, six fraction digits)"),
        Malformed(
            description: "time that does not exist", text: replacing(4, with: "time 2026-02-30T00:00:00.000000Z"), line: 4,
            reason: "the time is not a valid date and time from 1970 on"),
        Malformed(description: "unknown line", text: replacing(4, with: "timestamp 1"), line: 4, reason: "expected 'time <YYYY-MM-DDTHH:MM:SS.ffffffZ>'"),
        Malformed(
            description: "previous without a hash", text: replacing(5, with: "previous 0"), line: 5, reason: "expected 'previous <size> <base64 head hash>'"),
        Malformed(
            description: "previous with a bad size", text: replacing(5, with: "previous x \(genesisBase64)"), line: 5,
            reason: "the previous size must be a decimal number without sign or leading zeros"),
        Malformed(
            description: "a sixth line", text: sampleText + "extra\n", line: 6,
            reason: "unexpected extra line: a checkpoint has five lines (origin, size, head hash, time, previous)"),
        Malformed(
            description: "only four lines", text: String(replacing(5, with: "").dropLast()), line: 5,
            reason: "the previous line is missing: a checkpoint has five lines (origin, size, head hash, time, previous)"),
        Malformed(description: "no final newline", text: String(sampleText.dropLast()), line: 5, reason: "the checkpoint must end with a newline"),
    ]

    @Test("parsing names the line and what is wrong", arguments: malformed)
    func parseErrors(_ malformed: Malformed) {
        #expect(throws: CheckpointFormatError(line: malformed.line, reason: malformed.reason)) { try Checkpoint.parse(malformed.text) }
    }

    @Test("base64 is strict: only the canonical padded form decodes")
    func base64() {
        #expect(Base64.encode(Array("any carnal pleas".utf8)) == "YW55IGNhcm5hbCBwbGVhcw==")
        #expect(Base64.decode("YW55IGNhcm5hbCBwbGVhcw==") == Array("any carnal pleas".utf8))
        #expect(Base64.decode("YW55IGNhcm5hbCBwbGVhcw=") == nil)
        #expect(Base64.decode("YW55IGNhcm5hbCBwbGVhcx==") == nil)  // unused bits set
        #expect(Base64.decode("YW55 IGNhcm5hbCBwbGVhcw==") == nil)
        #expect(Base64.decode("YW55IGNhcm5hbCBwbGVhc-==") == nil)
        for n in 0...7 {
            let bytes = (0..<n).map { UInt8(200 + $0) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }
}

import NIOCore

/// How much an export wrote: bytes and lines (NDJSON: one entry per line; CSV: the header and
/// one line per entry).
public struct ExportTally: Hashable, Sendable {
    /// Bytes written.
    public var bytes: Int
    /// Line ends (`\n`) written.
    public var lines: Int

    /// Creates a tally.
    public init(bytes: Int = 0, lines: Int = 0) {
        self.bytes = bytes
        self.lines = lines
    }

    /// Counts one chunk.
    public mutating func add(_ buffer: ByteBuffer) {
        bytes += buffer.readableBytes
        lines += buffer.readableBytesView.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// `12 lines, 8,345 bytes`.
    public var summary: String {
        "\(MoneyText.count(lines)) line\(lines == 1 ? "" : "s"), \(MoneyText.count(bytes)) byte\(bytes == 1 ? "" : "s")"
    }
}

/// Where `audit export` writes.
public enum ExportDestination: Hashable, Sendable {
    /// Standard output, as the bytes arrive.
    case standardOutput
    /// A file, written whole or not at all (see ``PendingFile``).
    case file(String)
}

/// When to make the next checkpoint: every N entries or every T microseconds, whichever comes
/// first, and never for a log that has not grown. Pure: the caller passes the clock's reading.
public struct CheckpointSchedule: Sendable, Hashable {
    /// Entries appended since the last checkpoint that make a new one due (≥ 1).
    public var everyEntries: Int64
    /// Microseconds since the last checkpoint that make a new one due, if the log grew (≥ 1).
    public var everyMicros: Int64

    /// Creates a schedule; values below 1 count as 1.
    public init(everyEntries: Int64, everyMicros: Int64) {
        self.everyEntries = max(1, everyEntries)
        self.everyMicros = max(1, everyMicros)
    }

    /// True when a checkpoint of `head` should be made now.
    ///
    /// - Parameters:
    ///   - head: the log's head now.
    ///   - last: the latest checkpoint made, nil when there is none (then any entry makes one due).
    ///   - nowMicros: the clock's reading, microseconds since the epoch.
    public func isDue(head: ChainHead, last: Checkpoint?, nowMicros: Int64) -> Bool {
        guard let last else { return head.seq > 0 }
        guard head.seq > last.size else { return false }
        // A clock that went back makes nothing due by time; checkpoint times are ≥ 0, so no overflow.
        return head.seq - last.size >= everyEntries || (nowMicros >= last.timeMicros && nowMicros - last.timeMicros >= everyMicros)
    }
}

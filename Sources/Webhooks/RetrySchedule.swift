/// When to try a failed delivery again: exponential backoff with full jitter, up to a
/// maximum age after which the event is dead-lettered.
public struct RetrySchedule: Sendable, Hashable {
    /// The wait before the first retry, before jitter.
    public var base: Duration
    /// The longest wait between two attempts, before jitter.
    public var cap: Duration
    /// How long after the event was first due it is still tried; then it is dead-lettered.
    public var maxAge: Duration

    /// Creates a schedule; the default retries after ~1 s, 2 s, 4 s … up to every 10 minutes,
    /// for 3 days.
    public init(base: Duration = .seconds(1), cap: Duration = .seconds(600), maxAge: Duration = .seconds(3 * 86_400)) {
        self.base = base
        self.cap = cap
        self.maxAge = maxAge
    }

    /// The wait in microseconds after failed attempt number `attempt` (1 for the first
    /// failure): uniformly random in [backoff / 2, backoff], backoff = min(cap, base · 2^(attempt−1)).
    public func delayMicros(afterAttempt attempt: Int, random: inout some RandomNumberGenerator) -> Int64 {
        let base = Self.micros(self.base)
        let cap = Self.micros(self.cap)
        let exponent = min(max(attempt - 1, 0), 40)
        let (scaled, overflow) = base.multipliedReportingOverflow(by: Int64(1) << exponent)
        let backoff = overflow ? cap : min(cap, scaled)
        guard backoff > 1 else { return max(backoff, 0) }
        return Int64.random(in: (backoff / 2)...backoff, using: &random)
    }

    /// Whether an event first due at `firstDueMicros` is still tried at `nowMicros`.
    public func stillTried(firstDueMicros: Int64, nowMicros: Int64) -> Bool {
        nowMicros - firstDueMicros < Self.micros(maxAge)
    }

    /// A duration in whole microseconds.
    public static func micros(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}

import Store

/// One conformance check: a name and what it does to a fresh harness.
public struct ConformanceCheck: Sendable, CustomStringConvertible {
    /// What it proves, for test output.
    public let name: String
    /// Runs it.
    public let run: @Sendable (any StoreHarness) async throws -> Void

    /// The name.
    public var description: String { name }

    /// Every check, in the order they are listed in the README.
    public static let all: [ConformanceCheck] = [
        ConformanceCheck(name: "every record type round-trips", run: ConformanceSuite.recordsRoundTrip),
        ConformanceCheck(name: "a known customer is updated, not duplicated", run: ConformanceSuite.customerUpsert),
        ConformanceCheck(name: "API keys: hash only, revoke once", run: ConformanceSuite.apiKeys),
        ConformanceCheck(name: "idempotency: replay, different body, retention", run: ConformanceSuite.idempotency),
        ConformanceCheck(
            name: "64 concurrent submissions form one chain without gaps", run: ConformanceSuite.concurrentChain),
        ConformanceCheck(
            name: "one idempotency key sent 50 times at once gives one application",
            run: ConformanceSuite.concurrentIdempotency),
        ConformanceCheck(
            name: "two store instances on one database keep one chain and one application per key",
            run: ConformanceSuite.twoInstances),
        ConformanceCheck(
            name: "a failing write fails alone and leaves nothing behind", run: ConformanceSuite.failingWriteIsolated),
        ConformanceCheck(name: "a tampered audit entry is named by verify", run: ConformanceSuite.tamperDetected),
    ]
}

import Testing

@testable import AuditTrail

@Suite("CheckpointSchedule")
struct CheckpointScheduleTests {
    static let schedule = CheckpointSchedule(everyEntries: 50, everyMicros: 600_000_000)
    static let last = try! Checkpoint(origin: "o", head: ChainHead(seq: 100, hash: AuditChain.genesisHash), timeMicros: 1_000_000_000, previous: .genesis)

    static func head(_ seq: Int64) -> ChainHead { ChainHead(seq: seq, hash: AuditChain.genesisHash) }

    @Test("due every N entries or T microseconds, whichever first, and never without growth")
    func due() {
        let s = Self.schedule
        #expect(!s.isDue(head: Self.head(149), last: Self.last, nowMicros: 1_000_000_001))
        #expect(s.isDue(head: Self.head(150), last: Self.last, nowMicros: 1_000_000_001))
        #expect(!s.isDue(head: Self.head(101), last: Self.last, nowMicros: 1_599_999_999))
        #expect(s.isDue(head: Self.head(101), last: Self.last, nowMicros: 1_600_000_000))
        #expect(!s.isDue(head: Self.head(100), last: Self.last, nowMicros: 9_000_000_000))
        // A clock that went back makes nothing due by time.
        #expect(!s.isDue(head: Self.head(101), last: Self.last, nowMicros: 0))
    }

    @Test("the first checkpoint is due as soon as the log has an entry")
    func first() {
        #expect(!Self.schedule.isDue(head: .genesis, last: nil, nowMicros: 0))
        #expect(Self.schedule.isDue(head: Self.head(1), last: nil, nowMicros: 0))
    }
}

import Foundation
import Store
import StoreFactory
import StoreFixtures
import StoreTestSupport
import Testing

/// The SQLite write-ahead log must be copied back and restarted as the store writes, or it
/// grows without end (a background checkpointer tried once made it 2.8 GB in 100 s).
@Suite("SQLite WAL")
struct SQLiteWALTests {
    @Test("the WAL stays small while 16 writers write 3,000 decisions without a pause")
    func walStaysBounded() async throws {
        let path = try TestDatabases.freshSQLitePath()
        let store = try await StoreFactory.open(
            path, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        try await store.recordPolicyVersion(Fixtures.policy, actor: "system")
        let watcher = Task {
            var largest: Int64 = 0
            while !Task.isCancelled {
                let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size]) as? Int64 ?? 0
                largest = max(largest, size)
                try? await Task.sleep(for: .milliseconds(10))
            }
            return largest
        }
        // Continuous writing: a checkpoint that waits for a quiet moment to restart the log never gets one.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    for n in 0..<(3_000 / 16) {
                        _ = try await store.submit(Fixtures.submission(index: writer * 1_000 + n))
                    }
                }
            }
            try await group.waitForAll()
        }
        watcher.cancel()
        let largest = await watcher.value
        try await store.shutdown()
        // SQLite checkpoints every 1,000 pages (4 MiB) and then reuses the file from the start.
        #expect(largest > 0)
        #expect(largest < 16 << 20, "the WAL reached \(largest) bytes")
    }
}

import SQLKit
import Store
import StoreFactory
import StoreFixtures
import StoreTestSupport
import Testing

/// On a new PostgreSQL database, foreign-key checks must not scan whole tables until
/// autovacuum gets round to them: the store refreshes the statistics itself as the log grows.
@Suite("PostgreSQL planner statistics")
struct PlannerStatisticsTests {
    @Test(
        "past 200 audit entries the store analyses the tables, and cached foreign-key plans become index lookups",
        .enabled(if: !TestDatabases.skipPostgres))
    func analysedAsTheLogGrows() async throws {
        let setting = try await TestDatabases.freshPostgresURL()
        let store = try await StoreFactory.open(
            setting, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        try await store.recordPolicyVersion(Fixtures.policy, actor: "system")
        let observer = try await StoreFactory.backend(for: setting, logger: TestDatabases.logger)
        // One connection keeps a generic plan of the query PostgreSQL's foreign-key trigger runs
        // for `outbox_events.audit_seq`, made while the database is young, as every pooled
        // connection does for its own checks. Only new statistics make it plan again.
        let (young, grown) = try await observer.withWriter { db -> (String, String) in
            func plan() async throws -> String {
                try await db.raw("EXPLAIN EXECUTE fk_check(1)").all()
                    .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
            }
            try await db.raw("SET plan_cache_mode = force_generic_plan").run()
            try await db.raw(
                "PREPARE fk_check(bigint) AS SELECT 1 FROM ONLY audit_entries x WHERE seq = $1 FOR KEY SHARE OF x"
            ).run()
            let young = try await plan()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<220 {
                    group.addTask { _ = try await store.submit(Fixtures.submission(index: index)) }
                }
                try await group.waitForAll()
            }
            // The ANALYZE runs in the background after the commit that passed 200 entries.
            var grown = try await plan()
            for _ in 0..<100 where grown.contains("Seq Scan") {
                try await Task.sleep(for: .milliseconds(50))
                grown = try await plan()
            }
            return (young, grown)
        }
        try await observer.shutdown()
        try await store.shutdown()
        // Young: the migrations' indexes recorded a table of a few rows, so the check scans it.
        #expect(young.contains("Seq Scan on audit_entries"), "\(young)")
        #expect(grown.contains("Index"), "\(grown)")
        #expect(!grown.contains("Seq Scan"), "\(grown)")
    }
}

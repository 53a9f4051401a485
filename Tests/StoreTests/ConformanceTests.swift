import Store
import StoreConformance
import StoreTestSupport
import Testing

/// The one conformance suite, unchanged, against both databases.
@Suite("Store conformance")
struct ConformanceTests {
    @Test("SQLite", arguments: ConformanceCheck.all)
    func sqlite(_ check: ConformanceCheck) async throws {
        try await check.run(try await Harness.fresh(.sqlite))
    }

    @Test("PostgreSQL", .enabled(if: !TestDatabases.skipPostgres), arguments: ConformanceCheck.all)
    func postgres(_ check: ConformanceCheck) async throws {
        try await check.run(try await Harness.fresh(.postgres))
    }
}

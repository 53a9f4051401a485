import Store

/// What a store implementation hands the conformance suite: stores on one fresh database.
public protocol StoreHarness: Sendable {
    /// A name for test output, e.g. `sqlite`.
    var name: String { get }
    /// Opens a store on this harness's database (call twice for two instances on one database).
    func makeStore() async throws -> any CreditStore
    /// Runs one SQL statement directly, outside Creditgate and past foreign keys (to tamper
    /// with rows, as an attacker with database access would).
    func execute(_ sql: String) async throws
}

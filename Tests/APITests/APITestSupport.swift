import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Onboarding
import Store
import StoreFactory
import StoreTestSupport
import Testing

/// A running router on a fresh database of one kind, with one key per role.
struct APIHarness {
    let onboarding: Onboarding
    let store: SQLCreditStore
    /// Secrets by role name (`signup`, `signup2`, `officer`, `auditor`, `admin`, `revoked`).
    let keys: [String: String]
    let policiesDirectory: String

    static func make(
        _ kind: DatabaseKind, policies: String? = nil,
        clock: @escaping @Sendable () -> Int64 = SQLCreditStore.systemClock
    ) async throws -> APIHarness {
        let setting = try await TestDatabases.freshDatabase(kind)
        let store = try await StoreFactory.open(
            setting, migrations: .apply(directory: TestDatabases.migrationsDirectory), logger: TestDatabases.logger)
        let directory = try policies ?? copyOfPolicies()
        let registry = try PolicyRegistry(directory: directory)
        let onboarding = Onboarding(store: store, policies: registry, clock: clock)
        try await onboarding.recordPolicies(actor: "system")
        var keys: [String: String] = [:]
        for (name, role) in [
            ("signup", APIKeyRecord.Role.signup), ("signup2", .signup), ("officer", .officer), ("auditor", .auditor),
            ("admin", .admin), ("revoked", .signup),
        ] {
            let secret = "cg_test_\(name)_\(UUID().uuidString)"
            try await store.createAPIKey(
                APIKeyRecord(
                    id: "key_\(name)", name: name, role: role, secretSHA256: SHA256Hex.of(secret),
                    createdAtMicros: 1),
                actor: "test")
            keys[name] = secret
        }
        try await store.revokeAPIKey(id: "key_revoked", atMicros: 2, actor: "test")
        // Officers with authority (the key's name is the officer).
        for (name, authority) in [("alice", "500000"), ("bob", "50000"), ("carol", "300000")] {
            let secret = "cg_test_\(name)_\(UUID().uuidString)"
            try await store.createAPIKey(
                APIKeyRecord(
                    id: "key_\(name)", name: name, role: .officer, secretSHA256: SHA256Hex.of(secret), createdAtMicros: 1,
                    authorityLimit: authority),
                actor: "test")
            keys[name] = secret
        }
        return APIHarness(onboarding: onboarding, store: store, keys: keys, policiesDirectory: directory)
    }

    /// A private copy of policies/ that a test may change.
    static func copyOfPolicies() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "creditgate-policies-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let source = TestDatabases.repositoryRoot.appendingPathComponent("policies")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return directory.path
    }

    /// Runs `body` against the real router.
    func test(
        settings: ServerSettings = ServerSettings(), _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = Application(
            router: buildRouter(onboarding: onboarding, settings: settings), logger: TestDatabases.logger)
        do {
            try await app.test(.router) { client in try await body(client) }
        } catch {
            try? await store.shutdown()
            throw error
        }
        try await store.shutdown()
    }

    func headers(_ role: String?, idempotencyKey: String? = nil, ifMatch: String? = nil) -> HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let ifMatch { fields[.ifMatch] = ifMatch }
        if let role, let secret = keys[role] { fields[.authorization] = "Bearer \(secret)" }
        if let idempotencyKey { fields[HTTPField.Name("Idempotency-Key")!] = idempotencyKey }
        return fields
    }
}

/// Applications from examples/applications.jsonl (line 3 is an approval, and so on).
enum Examples {
    static let lines: [String] = {
        let url = TestDatabases.repositoryRoot.appendingPathComponent("examples/applications.jsonl")
        return (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }()

    /// An application that validates, with its customer object.
    static func valid(_ index: Int = 0, crmID: String = "CRM-API-1") -> String {
        var line = lines[index]
        if let range = line.range(of: #""crm_id":"[^"]*""#, options: .regularExpression) {
            line.replaceSubrange(range, with: "\"crm_id\":\"\(crmID)\"")
        }
        return line
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

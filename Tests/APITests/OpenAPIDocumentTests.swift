import Foundation
import Testing
import Yams

@testable import API

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// The served document, parsed.
    static func document() throws -> [String: Any] {
        try #require(try Yams.load(yaml: openAPIDocument) as? [String: Any])
    }

    @Test("it is OpenAPI 3.1 and documents every route the server has, and no other")
    func everyRoute() throws {
        let document = try Self.document()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: Any])
        var documented: Set<String> = []
        for (path, item) in paths {
            let operations = try #require(item as? [String: Any])
            for method in ["get", "post", "put", "patch", "delete"] where operations[method] != nil {
                // OpenAPI writes /v1/applications/{id}; the router writes /v1/applications/:id.
                let pattern = path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
                documented.insert("\(method.uppercased()) \(pattern)")
            }
        }
        let served = Set(Routes.table.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == served, "documented only: \(documented.subtracting(served)); served only: \(served.subtracting(documented))")
    }

    @Test("the route table (405, Allow, metrics labels, this document) is the router's own list")
    func routeTableMatchesRouter() async throws {
        let harness = try await APIHarness.make(.sqlite)
        let router = buildRouter(onboarding: harness.onboarding)
        let registered = Set(
            router.routes.map { route in
                "\(route.method.rawValue) /"
                    + route.path.description.split(separator: "/").map {
                        $0.hasPrefix("{") ? ":" + $0.dropFirst().dropLast() : $0
                    }.joined(separator: "/")
            })
        let table = Set(Routes.table.map { "\($0.method.rawValue) \($0.path)" })
        #expect(registered == table, "router only: \(registered.subtracting(table)); table only: \(table.subtracting(registered))")
        try await harness.store.shutdown()
    }
}

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
}

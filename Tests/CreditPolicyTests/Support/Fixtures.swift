import Foundation
import Testing

@testable import CreditPolicy

/// Paths, files and small helpers shared by the suites.
enum Fixtures {
    /// The package root, found from this file's path (`Tests/CreditPolicyTests/Support/Fixtures.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // CreditPolicyTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/CreditPolicyTests/Cases` as copied into the test bundle.
    static var cases: URL {
        get throws {
            guard let url = Bundle.module.url(forResource: "Cases", withExtension: nil) else {
                throw FixtureError("the Cases folder is not in the test bundle")
            }
            return url
        }
    }

    /// The bytes of `policies/standard.yaml`.
    static func standardPolicyBytes() throws -> [UInt8] {
        Array(try Data(contentsOf: packageRoot.appending(path: "policies/standard.yaml")))
    }

    /// The text of `policies/standard.yaml`.
    static func standardPolicyText() throws -> String {
        String(decoding: try standardPolicyBytes(), as: UTF8.self)
    }

    /// The standard policy, compiled fresh.
    static func standardPolicy() throws -> Policy {
        try PolicyCompiler.compile(source: try standardPolicyText(), file: "policies/standard.yaml")
    }

    private static let sharedStandard: Result<Policy, FixtureError> = {
        do { return .success(try standardPolicy()) } catch { return .failure(FixtureError("\(error)")) }
    }()

    /// The standard policy, compiled once for the whole run.
    static func sharedStandardPolicy() throws -> Policy {
        try sharedStandard.get()
    }

    /// A policy file from `Cases/policies`, compiled.
    static func casePolicy(_ name: String) throws -> Policy {
        let url = try cases.appending(path: "policies/\(name)")
        return try PolicyCompiler.compile(source: try String(contentsOf: url, encoding: .utf8), file: name)
    }

    /// The standard policy's own test base application.
    static let baseApplication = """
        {"applicant": {"country": "IE", "industry": "5045", "years_in_business": 4, "annual_revenue": 2000000,
                       "sanctions_hit": false, "bankruptcy": false},
         "bureau": {"score": 720, "paydex": 75, "derogatory_marks": 0},
         "trade_references": [{"on_time_pct": 0.97}, {"on_time_pct": 0.93}],
         "requested": {"credit_limit": 20000}}
        """

    /// A fixed clock inside the standard policy's effective period.
    static let clock = Timestamp("2026-03-15T09:30:00Z")!
}

/// A problem with the test fixtures themselves.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension JSONValue {
    /// The value at a dotted path of object members, for assertions.
    subscript(path path: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in path.split(separator: ".") {
            if let index = Int(part), case .array(let items)? = current {
                current = index < items.count ? items[index] : nil
            } else {
                current = current?[String(part)]
            }
        }
        return current
    }

    /// The object's member names, in order.
    var keys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.key)
    }
}

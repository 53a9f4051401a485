import Foundation
import TestSupport
import Testing

@testable import CreditPolicy

extension PolicyTestCase: CustomTestStringConvertible {
    /// The case name, shown by the test runner.
    public var testDescription: String { name }
}

@Suite("The standard policy")
struct StandardPolicyTests {
    /// The standard policy's own test cases, one test argument each.
    static func cases() throws -> [PolicyTestCase] {
        try Fixtures.sharedStandardPolicy().tests
    }

    @Test("compiles with no diagnostics")
    func compiles() throws {
        do {
            let policy = try Fixtures.standardPolicy()
            #expect(policy.id == "standard")
            #expect(policy.version == 1)
            #expect(policy.currency == Currency(code: "EUR", minorUnits: 2))
            #expect(policy.effectiveFrom == Timestamp("2026-01-01T00:00:00Z"))
            #expect(policy.tierNames == ["A", "B", "C", "D"])
            #expect(policy.file == "policies/standard.yaml")
        } catch {
            Issue.record("standard.yaml has diagnostics:\n\(error)")
        }
    }

    @Test("has test cases, with unique names")
    func hasCases() throws {
        let names = try Self.cases().map(\.name)
        #expect(names.count >= 50)
        #expect(Set(names).count == names.count)
    }

    @Test("passes its own test case", arguments: try cases())
    func ownCase(_ testCase: PolicyTestCase) throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let result = policy.run(testCase)
        #expect(result.name == testCase.name)
        #expect(result.passed, "\(result.location): \(result.failures.joined(separator: "; "))")
    }

    @Test("runTests runs every case and all pass")
    func runTests() throws {
        let policy = try Fixtures.standardPolicy()
        let results = policy.runTests()
        #expect(results.count == policy.tests.count)
        #expect(results.filter { !$0.passed }.map(\.name) == [])
    }

    @Test("a case that expects the wrong thing fails with a message naming the difference")
    func failingCaseIsReported() throws {
        let policy = try Fixtures.standardPolicy()
        var testCase = try #require(policy.tests.first { $0.name == "base approves in tier B" })
        testCase.expect.tier = .some("A")
        testCase.expect.points = .some(99)
        let result = policy.run(testCase)
        #expect(!result.passed)
        #expect(result.failures == ["tier: expected A, got B", "points: expected 99, got 100"])
    }

    @Test("sha256 is the SHA-256 of the file's bytes")
    func sha256() throws {
        let bytes = try Fixtures.standardPolicyBytes()
        let policy = try Fixtures.standardPolicy()
        #expect(policy.sha256 == ReferenceSHA256.hex(bytes))
        #expect(policy.sha256.count == 64)
        #expect(policy.reference == PolicyReference(id: "standard", version: 1, sha256: ReferenceSHA256.hex(bytes)))
    }

    @Test(
        "the reference SHA-256 agrees with the library and with published vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ])
    func referenceDigest(_ text: String, _ digest: String) {
        #expect(ReferenceSHA256.hex(Array(text.utf8)) == digest)
        #expect(PolicyCompiler.sha256(text) == digest)
    }

    @Test("changing one byte of the file changes its sha256")
    func sha256Changes() throws {
        let text = try Fixtures.standardPolicyText()
        let a = try PolicyCompiler.compile(source: text, file: "a.yaml")
        let b = try PolicyCompiler.compile(source: text + "\n", file: "a.yaml")
        #expect(a.sha256 != b.sha256)
    }
}

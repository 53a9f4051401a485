import CreditPolicy
import Testing

/// `applies_to`: the condition and priority by which a policy claims applications.
@Suite("Policy selection (applies_to)")
struct PolicySelectionTests {
    static func policy(appending extra: String) throws -> Policy {
        try PolicyCompiler.compile(source: try Fixtures.standardPolicyText() + "\n" + extra, file: "large.yaml")
    }

    static let application = #"""
        {"applicant":{"country":"IE","industry":"5045","years_in_business":4,"annual_revenue":2000000,"sanctions_hit":false,"bankruptcy":false},
         "bureau":{"score":720,"paydex":75,"derogatory_marks":0},"requested":{"credit_limit":REQUEST}}
        """#

    static func bound(_ policy: Policy, requested: String) throws -> BoundApplication {
        let document = try JSONParser.parse(application.replacingOccurrences(of: "REQUEST", with: requested))
        guard case .success(let bound) = policy.bind(document) else {
            Issue.record("the fixture application does not bind")
            throw PolicyErrors([])
        }
        return bound
    }

    @Test("the condition is compiled against the policy's inputs and decides exactly")
    func condition() throws {
        let policy = try Self.policy(
            appending: """
                applies_to:
                  when: requested.credit_limit > 100000
                  priority: 10
                """)
        #expect(policy.selectionPriority == 10)
        #expect(policy.selectionCondition == "requested.credit_limit > 100000")
        #expect(try policy.applies(to: Self.bound(policy, requested: "100000.01")) == true)
        #expect(try policy.applies(to: Self.bound(policy, requested: "100000")) == false)
    }

    @Test("without applies_to a policy claims nothing")
    func none() throws {
        let policy = try Fixtures.standardPolicy()
        #expect(policy.selectionPriority == nil)
        #expect(try policy.applies(to: Self.bound(policy, requested: "5000")) == false)
    }

    @Test(
        "mistakes in applies_to are reported with their code",
        arguments: [
            ("applies_to:\n  when: requested.credit_limit\n  priority: 1", DiagnosticCode.typeMismatch),
            ("applies_to:\n  when: requested.credit_limit > 1", DiagnosticCode.missingKey),
            ("applies_to:\n  when: nonsense.field > 1\n  priority: 1", DiagnosticCode.unknownField),
            ("applies_to:\n  when: requested.credit_limit > 1\n  priority: 0", DiagnosticCode.invalidValue),
        ])
    func mistakes(_ text: String, _ code: DiagnosticCode) throws {
        let error = #expect(throws: PolicyErrors.self) { try Self.policy(appending: text) }
        #expect(error?.diagnostics.map(\.code).contains(code) == true, "\(String(describing: error))")
    }
}

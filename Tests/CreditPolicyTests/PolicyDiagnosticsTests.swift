import Foundation
import Testing

@testable import CreditPolicy

/// One policy file from `Cases/mistakes` with the diagnostics its header comment expects.
///
/// Header lines: `# expect: LINE:COL CODE` (one per expected diagnostic) and
/// `# message: LINE:COL TEXT` (the diagnostic there must mention TEXT).
struct MistakeCase: Sendable, CustomTestStringConvertible {
    struct Expected: Hashable, Sendable, CustomStringConvertible {
        var line: Int
        var column: Int
        var code: String
        var description: String { "\(line):\(column) \(code)" }
    }

    var file: String
    var source: String
    var expected: Set<Expected>
    var messages: [(line: Int, column: Int, text: String)]

    var testDescription: String { file }

    static func load() throws -> [MistakeCase] {
        let folder = try Fixtures.cases.appending(path: "mistakes")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { name in
            let source = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
            return try MistakeCase(file: name, source: source)
        }
    }

    init(file: String, source: String) throws {
        self.file = file
        self.source = source
        expected = []
        messages = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            for (prefix, isMessage) in [("# expect: ", false), ("# message: ", true)] where line.hasPrefix(prefix) {
                let rest = line.dropFirst(prefix.count)
                guard let space = rest.firstIndex(of: " ") else { throw FixtureError("\(file): bad header line '\(line)'") }
                let position = rest[..<space].split(separator: ":").compactMap { Int($0) }
                guard position.count == 2 else { throw FixtureError("\(file): bad position in '\(line)'") }
                let text = String(rest[rest.index(after: space)...])
                if isMessage {
                    messages.append((position[0], position[1], text))
                } else {
                    expected.insert(Expected(line: position[0], column: position[1], code: text))
                }
            }
        }
        if expected.isEmpty { throw FixtureError("\(file) expects no diagnostics; every mistakes file needs '# expect:' lines") }
    }
}

@Suite("Policy diagnostics")
struct PolicyDiagnosticsTests {
    static func diagnostics(_ source: String, file: String) -> [Diagnostic] {
        do {
            _ = try PolicyCompiler.compile(source: source, file: file)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("the baseline the mistake files are derived from compiles cleanly and passes its tests")
    func baselineIsValid() throws {
        let policy = try Fixtures.casePolicy("baseline.yaml")
        let results = policy.runTests()
        #expect(!results.isEmpty)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures)") }
    }

    @Test("a mistakes file reports exactly the expected diagnostics, all at once", arguments: try MistakeCase.load())
    func mistakes(_ mistake: MistakeCase) {
        let found = Self.diagnostics(mistake.source, file: mistake.file)
        let actual = Set(found.map { MistakeCase.Expected(line: $0.location.line, column: $0.location.column, code: $0.code.rawValue) })
        let missing = mistake.expected.subtracting(actual).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        let unexpected = found.filter {
            !mistake.expected.contains(MistakeCase.Expected(line: $0.location.line, column: $0.location.column, code: $0.code.rawValue))
        }
        #expect(missing.isEmpty, "not reported: \(missing)")
        #expect(unexpected.isEmpty, "not expected:\n\(unexpected.map(\.description).joined(separator: "\n"))")
        for d in found {
            #expect(d.location.file == mistake.file)
        }
        for (line, column, text) in mistake.messages {
            let at = found.filter { $0.location.line == line && $0.location.column == column }
            #expect(at.contains { $0.message.contains(text) }, "no diagnostic at \(line):\(column) says \"\(text)\"; found \(at.map(\.message))")
        }
    }

    @Test("the mistake files cover every diagnostic code, in at least 18 files")
    func coverage() throws {
        let all = try MistakeCase.load()
        #expect(all.count >= 18)
        let covered = Set(all.flatMap { $0.expected.map(\.code) })
        let codes = Set(DiagnosticCode.allCases.map(\.rawValue))
        #expect(codes.subtracting(covered).isEmpty, "no mistakes file covers \(codes.subtracting(covered).sorted())")
        #expect(covered.subtracting(codes).isEmpty, "unknown codes in headers: \(covered.subtracting(codes).sorted())")
    }

    @Test("diagnostics are thrown sorted by location, and describe themselves as file:line:col: code: message")
    func descriptionFormat() throws {
        let source = try String(contentsOf: Fixtures.cases.appending(path: "mistakes/multiple.yaml"), encoding: .utf8)
        do {
            _ = try PolicyCompiler.compile(source: source, file: "policies/multiple.yaml")
            Issue.record("multiple.yaml compiled")
        } catch {
            let d = error.diagnostics
            #expect(d.count == 11)
            #expect(d == d.sorted { $0.location < $1.location })
            for diagnostic in d {
                let l = diagnostic.location
                #expect(diagnostic.description == "policies/multiple.yaml:\(l.line):\(l.column): \(diagnostic.code.rawValue): \(diagnostic.message)")
            }
            #expect(error.description == d.map(\.description).joined(separator: "\n"))
            #expect(d.first?.description == "policies/multiple.yaml:14:10: invalid_value: version must be from 1 to 1000000, found 0")
        }
        let one = Diagnostic(.unknownField, "'x' is not a declared input", at: CreditPolicy.SourceLocation(file: "p.yaml", line: 12, column: 9))
        #expect(one.description == "p.yaml:12:9: unknown_field: 'x' is not a declared input")
    }

    @Test("PolicyErrors sorts diagnostics by file, line, then column")
    func sorting() {
        func at(_ file: String, _ line: Int, _ column: Int) -> Diagnostic {
            Diagnostic(.bandGap, "m", at: CreditPolicy.SourceLocation(file: file, line: line, column: column))
        }
        let errors = PolicyErrors([at("b", 1, 1), at("a", 9, 2), at("a", 9, 1), at("a", 2, 30)])
        #expect(errors.diagnostics.map(\.location.description) == ["a:2:30", "a:9:1", "a:9:2", "b:1:1"])
    }

    @Test("an empty file is a missing-key error at 1:1")
    func emptyFile() {
        let d = Self.diagnostics("", file: "empty.yaml")
        #expect(d.map(\.code) == [.missingKey])
        #expect(d.first?.location.description == "empty.yaml:1:1")
    }

    // MARK: Regressions: locations and duplicate keys that review found wrong, now fixed.

    static let quotedPolicy = """
        id: mini
        version: 1
        effective_from: 2026-01-01
        currency: EUR
        description: Diagnostics test.
        inputs:
          bureau.score: {type: integer, min: 300, max: 850}
        knockouts:
          - code: K1
            when: "bureau.score > 1 and \\"a\\" == \\"a\\" and bureau.scroe > 1"
          - code: K2
            when: 'bureau.score > 1 and ''a'' == ''a'' and bureau.scroe > 1'
        tiers:
          - name: A
            terms: {code: NET30, net_days: 30, deposit_pct: 0}
            limit: 1000
        limit_rounding: {mode: down, unit: 0.01}
        reasons:
          K1: {officer: a, customer: a}
          K2: {officer: a, customer: a}
        """

    @Test("a path after an escaped quote inside a quoted scalar is located at the path")
    func locationAfterEscapes() throws {
        // Line 10: `    when: "bureau.score > 1 and \"a\" == \"a\" and bureau.scroe > 1"`;
        // line 12 the same with '' escapes. `bureau.scroe` starts at column 52 on both.
        let lines = Self.quotedPolicy.split(separator: "\n", omittingEmptySubsequences: false)
        for line in [10, 12] {
            let text = lines[line - 1]
            let column = text.distance(from: text.startIndex, to: try #require(text.range(of: "bureau.scroe")).lowerBound) + 1
            #expect(column == 52)
        }
        let found = Self.diagnostics(Self.quotedPolicy, file: "q.yaml").map(\.location.description)
        #expect(found == ["q.yaml:10:52", "q.yaml:12:52"])
    }

    @Test("an error at the end of an expression is located on the expression's line")
    func locationAtEnd() {
        let source = """
            id: mini
            version: 1
            effective_from: 2026-01-01
            currency: EUR
            description: Diagnostics test.
            inputs:
              bureau.score: {type: integer, min: 300, max: 850}
            knockouts:
              - code: K1
                when: (bureau.score > 1
              - code: K2
                when: bureau.score > 1
            tiers:
              - name: A
                terms: {code: NET30, net_days: 30, deposit_pct: 0}
                limit: 1000
            limit_rounding: {mode: down, unit: 0.01}
            reasons:
              K1: {officer: a, customer: a}
              K2: {officer: a, customer: a}
            """
        let found = Self.diagnostics(source, file: "end.yaml")
        #expect(found.map(\.code) == [.expressionSyntax])
        // `    when: (bureau.score > 1` spans columns 11...27 of line 10; the error ("expected ')'")
        // is at its end, column 28 — on the expression's line, not on the next rule.
        let location = found.first?.location
        #expect(location?.line == 10)
        #expect(location?.column == 28, "located at \(String(describing: location))")
    }

    @Test("a duplicate key does not hide the file's other mistakes")
    func duplicateKeyWithOthers() {
        let source = """
            id: mini
            version: 1
            effective_from: 2026-01-01
            currency: EUR
            description: Diagnostics test.
            inputs:
              bureau.score: {type: integer, min: 300, max: 850, min: 200}
            tiers:
              - name: A
                terms: {code: NET30, net_days: 30, deposit_pct: 0}
                limit: 1000
                limt: 2000
            limit_rounding: {mode: down, unit: 0.01}
            reasons: {}
            """
        let codes = Set(Self.diagnostics(source, file: "dup.yaml").map(\.code))
        #expect(codes == [.duplicateKey, .unknownKey])
    }
}

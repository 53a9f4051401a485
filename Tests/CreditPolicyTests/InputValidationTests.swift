import Testing

@testable import CreditPolicy

@Suite("Input validation")
struct InputValidationTests {
    static func errors(_ json: String) throws -> [InputError] {
        switch try Fixtures.sharedStandardPolicy().bind(try JSONParser.parse(json)) {
        case .success: return []
        case .failure(let e): return e.errors
        }
    }

    static func with(_ replacements: [(String, String)]) -> String {
        replacements.reduce(Fixtures.baseApplication) { $0.replacing($1.0, with: $1.1) }
    }

    @Test("the base application is valid")
    func valid() throws {
        #expect(try Self.errors(Fixtures.baseApplication).isEmpty)
    }

    @Test("every bad field is reported at once, in declaration order, with pointer, path and code")
    func everyError() throws {
        let json = """
            {"trade_references": [{"on_time_pct": 0.5}, {"on_time_pct": 1.5}, {"on_time_pct": 0.9755}],
             "bureau": {"derogatory_marks": -1, "score": 299},
             "requested": {"credit_limit": "lots"},
             "applicant": {"country": 5, "industry": "5045", "years_in_business": 4, "annual_revenue": 1000.5,
                           "sanctions_hit": "no", "bankruptcy": null}}
            """
        let errors = try Self.errors(json)
        #expect(
            errors.map(\.pointer) == [
                "/applicant/country", "/applicant/annual_revenue", "/applicant/sanctions_hit", "/applicant/bankruptcy",
                "/bureau/score", "/bureau/paydex", "/bureau/derogatory_marks",
                "/trade_references/1/on_time_pct", "/trade_references/2/on_time_pct", "/requested/credit_limit",
            ])
        #expect(
            errors.map(\.path) == [
                "$.applicant.country", "$.applicant.annual_revenue", "$.applicant.sanctions_hit", "$.applicant.bankruptcy",
                "$.bureau.score", "$.bureau.paydex", "$.bureau.derogatory_marks",
                "$.trade_references[1].on_time_pct", "$.trade_references[2].on_time_pct", "$.requested.credit_limit",
            ])
        #expect(errors.map(\.code) == [.type, .precision, .type, .required, .minimum, .required, .minimum, .maximum, .precision, .type])
        #expect(errors.first { $0.pointer == "/applicant/bankruptcy" }?.message == "is required and must not be null")
        #expect(errors.first { $0.pointer == "/bureau/paydex" }?.message == "is required")
        #expect(errors.first { $0.pointer == "/bureau/score" }?.message == "must be at least 300")
    }

    @Test("deciding an invalid application throws every input error")
    func decideThrows() throws {
        let policy = try Fixtures.sharedStandardPolicy()
        let application = try JSONParser.parse(Self.with([(#""score": 720"#, #""score": 900"#), (#""paydex": 75"#, #""paydex": 7.5"#)]))
        do {
            _ = try policy.decide(application, at: Fixtures.clock)
            Issue.record("decided an invalid application")
        } catch {
            guard case .invalidInput(let e) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(e.errors.map(\.pointer) == ["/bureau/score", "/bureau/paydex"])
            #expect(e.errors.map(\.code) == [.maximum, .precision])
            #expect(e.description == "$.bureau.score: must be at most 850; $.bureau.paydex: must be a whole number")
            var w = JSONWriter()
            e.write(to: &w)
            let written = try JSONParser.parse(w.bytes)
            #expect(written[path: "0.pointer"] == .string("/bureau/score"))
            #expect(written[path: "1.path"] == .string("$.bureau.paydex"))
            #expect(written[path: "1.code"] == .string("precision"))
        }
    }

    @Test(
        "decimal strings are accepted for numbers",
        arguments: [
            (#""5000.00""#, "5000"), (#""0.5""#, "0.5"), (#""20000""#, "20000"), ("5000.00", "5000"),
        ])
    func decimalStrings(_ written: String, _ limit: String) throws {
        let json = Self.with([(#""credit_limit": 20000"#, "\"credit_limit\": \(written)")])
        #expect(try Self.errors(json).isEmpty)
        let decision = try Fixtures.sharedStandardPolicy().decide(try JSONParser.parse(json), at: Fixtures.clock)
        #expect(decision.limit.amount == ExactDecimal(limit)!)
    }

    @Test("strings that are not plain decimals are refused for numbers", arguments: [#""1e3""#, #""12,50""#, #""""#, #"" 5""#, #""1_000""#, #""five""#])
    func badDecimalStrings(_ written: String) throws {
        let errors = try Self.errors(Self.with([(#""credit_limit": 20000"#, "\"credit_limit\": \(written)")]))
        #expect(errors.map(\.pointer) == ["/requested/credit_limit"])
        #expect(errors.map(\.code) == [.type])
    }

    @Test("a list element that is not an object is reported with its index")
    func listItems() throws {
        let errors = try Self.errors(
            Self.with([
                (#"[{"on_time_pct": 0.97}, {"on_time_pct": 0.93}]"#, #"[{"on_time_pct": 0.97}, 0.93, {}]"#)
            ]))
        #expect(errors.map(\.pointer) == ["/trade_references/1", "/trade_references/2/on_time_pct"])
        #expect(errors.map(\.path) == ["$.trade_references[1]", "$.trade_references[2].on_time_pct"])
        #expect(errors.map(\.code) == [.type, .required])
    }

    @Test("lists are bounded")
    func listBound() throws {
        // The standard policy allows up to 1,000 trade references.
        let items = Array(repeating: #"{"on_time_pct": 1}"#, count: 1001).joined(separator: ", ")
        let errors = try Self.errors(Self.with([(#"[{"on_time_pct": 0.97}, {"on_time_pct": 0.93}]"#, "[\(items)]")]))
        #expect(errors.map(\.pointer) == ["/trade_references"])
        #expect(errors.map(\.code) == [.length])
    }

    @Test("an optional list may be null or absent, but not another kind")
    func optionalList() throws {
        #expect(try Self.errors(Self.with([(#"[{"on_time_pct": 0.97}, {"on_time_pct": 0.93}]"#, "null")])).isEmpty)
        let errors = try Self.errors(Self.with([(#"[{"on_time_pct": 0.97}, {"on_time_pct": 0.93}]"#, #"{"on_time_pct": 1}"#)]))
        #expect(errors.map(\.code) == [.type])
        #expect(errors.first?.message == "must be an array, not an object")
    }

    @Test("an object of the wrong kind is one error, not one per field inside it")
    func wrongObject() throws {
        let errors = try Self.errors(Self.with([(#""bureau": {"score": 720, "paydex": 75, "derogatory_marks": 0}"#, #""bureau": [720]"#)]))
        #expect(errors.map(\.pointer) == ["/bureau"])
        #expect(errors.map(\.path) == ["$.bureau"])
        #expect(errors.first?.message == "must be an object, not an array")
    }

    @Test("a missing object reports each required field under it")
    func missingObject() throws {
        let errors = try Self.errors(Self.with([(#""bureau": {"score": 720, "paydex": 75, "derogatory_marks": 0},"#, "")]))
        #expect(errors.map(\.pointer) == ["/bureau/score", "/bureau/paydex", "/bureau/derogatory_marks"])
        #expect(errors.allSatisfy { $0.code == .required })
    }

    @Test("an application that is not an object is one error at the root", arguments: ["[]", "\"text\"", "null", "42", "true"])
    func notAnObject(_ json: String) throws {
        let errors = try Self.errors(json)
        #expect(errors == [InputError(pointer: "", path: "$", code: .type, message: "the application must be a JSON object")])
    }

    @Test("error messages never echo the submitted value")
    func noEcho() throws {
        // Past the default bound on text inputs (1,000 characters).
        let secret = "SECRET-\(String(repeating: "x", count: 1000))"
        let json = Self.with([(#""country": "IE""#, "\"country\": \"\(secret)\""), (#""score": 720"#, #""score": "S3CR3T""#)])
        let errors = try Self.errors(json)
        #expect(errors.map(\.code) == [.length, .type])
        for e in errors {
            #expect(!e.description.contains("SECRET"))
            #expect(!e.description.contains("S3CR3T"))
        }
    }

    @Test("unknown members of the application are ignored")
    func extraMembers() throws {
        let json = Self.with([(#""bureau": {"#, #""extra": {"anything": [1, 2]}, "bureau": {"note": "x", "#)])
        #expect(try Self.errors(json).isEmpty)
    }
}

import Testing

@testable import CreditPolicy

@Suite("Decision shape")
struct DecisionShapeTests {
    static func decide(_ replacements: [(String, String)] = [], trace: Bool = false) throws -> Decision {
        let json = replacements.reduce(Fixtures.baseApplication) { $0.replacing($1.0, with: $1.1) }
        return try Fixtures.sharedStandardPolicy().decide(try JSONParser.parse(json), at: Fixtures.clock, trace: trace)
    }

    static func written(_ decision: Decision) throws -> JSONValue {
        try JSONParser.parse(decision.json)
    }

    @Test("an approval: decision.json has every member, in a fixed order")
    func approval() throws {
        let decision = try Self.decide()
        let json = try Self.written(decision)
        #expect(json.keys == ["outcome", "tier", "points", "terms", "limit", "deposit_pct", "reasons", "adverse_action", "policy", "evaluated_at"])
        #expect(json["outcome"] == .string("approve"))
        #expect(json["tier"] == .string("B"))
        #expect(json["points"] == .number(100))
        #expect(json["terms"] == .object([.init("code", .string("NET30")), .init("net_days", .number(30)), .init("deposit_pct", .number(0))]))
        #expect(json["limit"] == .object([.init("amount", .string("20000.00")), .init("currency", .string("EUR"))]))
        #expect(json["deposit_pct"] == .number(0))
        #expect(json["reasons"] == .array([]))
        #expect(json["adverse_action"] == .null)
        let policy = try Fixtures.sharedStandardPolicy()
        #expect(json["policy"] == .object([.init("id", .string("standard")), .init("version", .number(1)), .init("sha256", .string(policy.sha256))]))
        #expect(json["evaluated_at"] == .string("2026-03-15T09:30:00Z"))
    }

    @Test("a knockout decline has no tier, points or terms, a zero limit, and its reasons in file order")
    func knockoutDecline() throws {
        // Set in the document in the opposite order to the policy's knockouts.
        let decision = try Self.decide([
            (#""years_in_business": 4"#, #""years_in_business": 0.1"#), (#""country": "IE""#, #""country": "XX""#),
            (#""bankruptcy": false"#, #""bankruptcy": true"#), (#""sanctions_hit": false"#, #""sanctions_hit": true"#),
        ])
        #expect(decision.outcome == .decline)
        #expect(decision.tier == nil)
        #expect(decision.points == nil)
        #expect(decision.terms == nil)
        #expect(decision.limit.amount == .zero)
        #expect(decision.limit.amountText == "0.00")
        #expect(decision.depositPct == .zero)
        #expect(decision.reasons.map(\.code) == ["SANCTIONS", "BANKRUPTCY", "COUNTRY", "TOO_NEW"])
        #expect(decision.adverseAction?.kind == .decline)
        #expect(decision.adverseAction?.factors.map(\.reason.code) == ["SANCTIONS", "BANKRUPTCY", "COUNTRY", "TOO_NEW"])
        #expect(decision.adverseAction?.factors.allSatisfy { $0.pointsLost == nil } == true)
        let json = try Self.written(decision)
        #expect(json["tier"] == .null)
        #expect(json["points"] == .null)
        #expect(json["terms"] == .null)
        #expect(json[path: "limit.amount"] == .string("0.00"))
        #expect(json["deposit_pct"] == .number(0))
        let texts = try #require(try Fixtures.sharedStandardPolicy().reasons["SANCTIONS"])
        #expect(
            json[path: "reasons.0"]
                == .object([
                    .init("code", .string("SANCTIONS")), .init("officer_text", .string(texts.officer)), .init("customer_text", .string(texts.customer)),
                ]))
        #expect(decision.reasons.first == Reason(code: "SANCTIONS", officerText: texts.officer, customerText: texts.customer))
        #expect(json[path: "adverse_action.kind"] == .string("decline"))
    }

    @Test("a decline lists at most four adverse-action factors, though every reason is kept")
    func fiveKnockouts() throws {
        let source = """
            id: five
            version: 1
            effective_from: 2026-01-01
            currency: EUR
            description: Five knockouts that all fire.
            inputs:
              x: {type: integer}
            knockouts:
              - {code: K1, when: x > 0}
              - {code: K2, when: x > 1}
              - {code: K3, when: x > 2}
              - {code: K4, when: x > 3}
              - {code: K5, when: x > 4}
            tiers:
              - name: A
                terms: {code: NET30, net_days: 30, deposit_pct: 0}
                limit: 100
            limit_rounding: {mode: down, unit: 0.01}
            reasons:
              K1: {officer: o1, customer: c1}
              K2: {officer: o2, customer: c2}
              K3: {officer: o3, customer: c3}
              K4: {officer: o4, customer: c4}
              K5: {officer: o5, customer: c5}
            """
        let policy = try PolicyCompiler.compile(source: source, file: "five.yaml")
        let decision = try policy.decide(try JSONParser.parse(#"{"x": 9}"#), at: Fixtures.clock)
        #expect(decision.reasons.map(\.code) == ["K1", "K2", "K3", "K4", "K5"])
        #expect(decision.adverseAction?.factors.map(\.reason.code) == ["K1", "K2", "K3", "K4"])
        let two = try policy.decide(try JSONParser.parse(#"{"x": 2}"#), at: Fixtures.clock)
        #expect(two.reasons.map(\.code) == ["K1", "K2"])
        let none = try policy.decide(try JSONParser.parse(#"{"x": 0}"#), at: Fixtures.clock)
        #expect(none.outcome == .approve)
        #expect(none.limit.amountText == "100.00")
    }

    @Test("a counteroffer lists the characteristics that cost most points, then the limit reason, at most four")
    func counteroffer() throws {
        let decision = try Self.decide([
            (#""years_in_business": 4"#, #""years_in_business": 0.5"#), (#""score": 720"#, #""score": 600"#),
            (#""paydex": 75"#, #""paydex": 50"#), (#""derogatory_marks": 0"#, #""derogatory_marks": 1"#),
            (#"[{"on_time_pct": 0.97}, {"on_time_pct": 0.93}]"#, #"[{"on_time_pct": 0.96}]"#),
        ])
        #expect(decision.outcome == .approve)
        #expect(decision.tier == "D")
        #expect(decision.points == 45)
        let factors = try #require(decision.adverseAction?.factors)
        #expect(decision.adverseAction?.kind == .counteroffer)
        #expect(factors.map(\.reason.code) == ["SHORT_TRADING_HISTORY", "LOW_BUREAU_SCORE", "LOW_PAYDEX", "LIMIT_CAPPED"])
        #expect(factors.map(\.pointsLost) == [30, 30, 20, nil])
        let json = try Self.written(decision)
        #expect(json[path: "adverse_action.factors.0.points_lost"] == .number(30))
        #expect(json[path: "adverse_action.factors.3"]?.keys == ["code", "officer_text", "customer_text"])
    }

    @Test("a referral keeps the tier, terms and limit the engine proposes, with no adverse action")
    func referral() throws {
        let decision = try Self.decide([
            (#""score": 720"#, #""score": 750"#), (#""annual_revenue": 2000000"#, #""annual_revenue": 5000000"#),
            (#""credit_limit": 20000"#, #""credit_limit": 400000"#),
        ])
        #expect(decision.outcome == .refer)
        #expect(decision.tier == "A")
        #expect(decision.points == 110)
        #expect(decision.terms == PaymentTerms(code: "NET60", netDays: 60, depositPct: .zero))
        #expect(decision.limit.amountText == "250000.00")
        #expect(decision.reasons.map(\.code) == ["LARGE_LIMIT"])
        #expect(decision.adverseAction == nil)
        let json = try Self.written(decision)
        #expect(json["outcome"] == .string("refer"))
        #expect(json[path: "terms.code"] == .string("NET60"))
        #expect(json[path: "limit.amount"] == .string("250000.00"))
    }

    @Test("the trace has one step per knockout and characteristic, then tier, limit and the referrals evaluated")
    func trace() throws {
        let decision = try Self.decide(trace: true)
        let steps = try #require(decision.trace)
        #expect(
            steps.map(\.kind) == [
                .knockout, .knockout, .knockout, .knockout,
                .characteristic, .characteristic, .characteristic, .characteristic, .characteristic, .characteristic,
                .tier, .limit, .referral, .referral,
            ])
        #expect(
            steps.map(\.name) == [
                "SANCTIONS", "BANKRUPTCY", "COUNTRY", "TOO_NEW",
                "years_in_business", "bureau_score", "paydex", "derogatory_marks", "trade_payment", "industry_risk",
                "B", "B", "LARGE_LIMIT", "LIMIT_SHORTFALL",
            ])
        #expect(steps[0].read == [.init("applicant.sanctions_hit", .bool(false))])
        #expect(steps[0].result == .bool(false))
        #expect(steps[2].expression == #"applicant.country not in ["IE", "GB", "DE", "FR", "NL", "BE", "ES", "IT", "US", "CA"]"#)
        #expect(steps[2].read == [.init("applicant.country", .string("IE"))])
        let years = steps[4]
        #expect(years.read == [.init("applicant.years_in_business", .number(4))])
        #expect(years.result == .number(4))
        #expect(years.points == 20)
        #expect(years.maxPoints == 30)
        let trade = steps[8]
        #expect(trade.expression == "avg(trade_references[].on_time_pct)")
        #expect(trade.read == [.init("trade_references[].on_time_pct", .array([.number(ExactDecimal("0.97")!), .number(ExactDecimal("0.93")!)]))])
        #expect(trade.result == .number(ExactDecimal("0.95")!))
        #expect(trade.points == 10)
        #expect(trade.maxPoints == 20)
        #expect(steps[10].points == 100)
        #expect(steps[10].read == [.init("points", .number(100))])
        #expect(steps[10].result == .string("B"))
        #expect(steps[11].result == .string("20000.00"))
        #expect(steps[11].read.map(\.key) == ["requested.credit_limit", "applicant.annual_revenue"])
        #expect(
            steps[13].read == [
                .init("tier", .string("B")), .init("limit", .number(20000)), .init("requested.credit_limit", .number(20000)),
            ])
        #expect(steps[13].result == .bool(false))
        // Points in the trace add up to the decision's points.
        #expect(steps.filter { $0.kind == .characteristic }.compactMap(\.points).reduce(0, +) == decision.points)
        let json = try Self.written(decision)
        #expect(json.keys.last == "trace")
        #expect(json[path: "trace.8.read"]?["trade_references[].on_time_pct"] == .array([.number(ExactDecimal("0.97")!), .number(ExactDecimal("0.93")!)]))
        #expect(json[path: "trace.8.max_points"] == .number(20))
    }

    @Test("the trace stops at the first referral that fires")
    func traceStopsAtReferral() throws {
        let decision = try Self.decide([(#""credit_limit": 20000"#, #""credit_limit": 200000"#)], trace: true)
        #expect(decision.outcome == .refer)
        #expect(decision.trace?.filter { $0.kind == .referral }.map(\.name) == ["LARGE_LIMIT"])
        #expect(decision.trace?.last?.result == .bool(true))
    }

    @Test("a knockout decline traces every knockout and nothing after")
    func traceOfDecline() throws {
        let decision = try Self.decide([(#""bankruptcy": false"#, #""bankruptcy": true"#)], trace: true)
        #expect(decision.trace?.map(\.kind) == [.knockout, .knockout, .knockout, .knockout])
        #expect(decision.trace?.map(\.result) == [.bool(false), .bool(true), .bool(false), .bool(false)])
    }

    @Test("without trace: nothing is traced and decision.json has no trace member")
    func noTrace() throws {
        let decision = try Self.decide()
        #expect(decision.trace == nil)
        #expect(try Self.written(decision)["trace"] == nil)
        // The decision itself does not depend on tracing.
        var traced = try Self.decide(trace: true)
        traced.trace = nil
        #expect(traced == decision)
    }
}

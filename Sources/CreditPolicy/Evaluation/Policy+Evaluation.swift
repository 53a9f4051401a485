/// Why an application could not be decided.
public enum EvaluationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The application does not match the policy's declared inputs.
    case invalidInput(InputErrors)
    /// The clock is before the policy's `effective_from`.
    case notInEffect(effectiveFrom: Timestamp)
    /// Arithmetic failed (overflow, division by zero) in a rule.
    case arithmetic(EvaluationError)

    /// One sentence.
    public var description: String {
        switch self {
        case .invalidInput(let e): "invalid application: \(e)"
        case .notInEffect(let t): "the policy is not in effect before \(t)"
        case .arithmetic(let e): "evaluation failed in \(e)"
        }
    }
}

extension Policy {
    /// Validates an application against the declared inputs, reporting every bad field.
    public func bind(_ application: JSONValue) -> Result<BoundApplication, InputErrors> {
        InputBinder.bind(application, to: inputs)
    }

    /// Decides an application: validation, then evaluation.
    ///
    /// A pure function: the same policy, application and clock always give the same decision.
    /// - Parameters:
    ///   - application: The application document.
    ///   - clock: The time the decision is made at (recorded on the decision).
    ///   - trace: Whether to record each step; off by default so the fast path pays nothing.
    public func decide(_ application: JSONValue, at clock: Timestamp, trace: Bool = false) throws(EvaluationFailure) -> Decision {
        switch bind(application) {
        case .success(let bound): return try decide(bound, at: clock, trace: trace)
        case .failure(let errors): throw .invalidInput(errors)
        }
    }

    /// Decides an already validated application.
    public func decide(_ application: BoundApplication, at clock: Timestamp, trace: Bool = false) throws(EvaluationFailure) -> Decision {
        if clock < effectiveFrom { throw .notInEffect(effectiveFrom: effectiveFrom) }
        var steps: [TraceStep]? = trace ? [] : nil
        var evaluator = Evaluator(slots: application.slots)
        var step = ""
        do throws(ExactDecimal.ArithmeticError) {
            // 1. Knockouts: every one that fires is reported, in file order.
            var fired: [Rule] = []
            for rule in knockouts {
                step = rule.code
                let hit = try evaluator.condition(rule.condition)
                if hit { fired.append(rule) }
                if steps != nil {
                    steps!.append(TraceStep(kind: .knockout, name: rule.code, expression: rule.source, read: read(rule.reads, evaluator), result: .bool(hit)))
                }
            }
            if !fired.isEmpty {
                let reasons = fired.map(reason(for:))
                return Decision(
                    outcome: .decline, tier: nil, points: nil, terms: nil, limit: money(.zero), depositPct: .zero, reasons: reasons,
                    adverseAction: AdverseAction(kind: .decline, factors: reasons.prefix(adverseAction.maxFactors).map { AdverseAction.Factor(reason: $0, pointsLost: nil) }),
                    policy: reference, evaluatedAt: clock, trace: steps)
            }

            // 2. Scorecard.
            var points = 0
            var lost: [(index: Int, points: Int)] = []
            for (index, characteristic) in scorecard.enumerated() {
                step = characteristic.name
                let value = try evaluator.value(characteristic.value)
                var given = characteristic.missingPoints ?? 0
                var label = "missing"
                if value != .null {
                    for band in characteristic.bands where band.matches(value) {
                        given = band.points
                        if steps != nil { label = band.label }
                        break
                    }
                }
                points += given
                if given < characteristic.maxPoints { lost.append((index, characteristic.maxPoints - given)) }
                if steps != nil {
                    steps!.append(TraceStep(kind: .characteristic, name: characteristic.name, expression: characteristic.source,
                                            read: read(characteristic.reads, evaluator), result: value.json, band: label, points: given, maxPoints: characteristic.maxPoints))
                }
            }

            // 3. Tier by points: the first (best) tier whose minimum is met.
            var tier = tiers[tiers.count - 1]
            for t in tiers {
                if let min = t.minPoints, points < min { continue }
                tier = t
                break
            }
            evaluator.points = ExactDecimal(points)
            evaluator.tier = tier.name
            evaluator.termsCode = tier.terms.code
            evaluator.netDays = ExactDecimal(tier.terms.netDays)
            evaluator.depositPct = tier.terms.depositPct
            if steps != nil {
                steps!.append(TraceStep(kind: .tier, name: tier.name, expression: tier.minPoints.map { "points >= \($0)" } ?? "any points",
                                        read: [JSONValue.Member("points", .number(ExactDecimal(points)))], result: .string(tier.name), points: points))
            }

            // 4. Limit, rounded by the tier's rule; never negative.
            step = "limit of tier \(tier.name)"
            var limit = ExactDecimal.zero
            if case .number(let raw) = try evaluator.value(tier.limit) {
                limit = try raw.rounded(toMultipleOf: tier.roundingUnit, tier.rounding)
                if limit.isNegative { limit = .zero }
            }
            evaluator.limit = limit
            if steps != nil {
                steps!.append(TraceStep(kind: .limit, name: tier.name, expression: tier.limitSource, read: read(tier.limitReads, evaluator),
                                        result: .string(limit.formatted(fractionDigits: currency.minorUnits))))
            }

            // 5. Referrals: the first that fires decides.
            var referral: Rule?
            for rule in referrals {
                step = rule.code
                let hit = try evaluator.condition(rule.condition)
                if steps != nil {
                    steps!.append(TraceStep(kind: .referral, name: rule.code, expression: rule.source, read: read(rule.reads, evaluator), result: .bool(hit)))
                }
                if hit {
                    referral = rule
                    break
                }
            }

            // 6. Adverse action for an approval below the request or on deposit terms.
            var adverse: AdverseAction?
            if referral == nil {
                var lowerLimit = false
                if let requested = adverseAction.requestedLimit, case .number(let asked) = try evaluator.value(requested) {
                    lowerLimit = limit < asked
                }
                if lowerLimit || tier.terms.depositPct > .zero {
                    adverse = counteroffer(lost: lost, limitBelowRequest: lowerLimit)
                }
            }
            return Decision(
                outcome: referral == nil ? .approve : .refer, tier: tier.name, points: points, terms: tier.terms, limit: money(limit),
                depositPct: tier.terms.depositPct, reasons: referral.map { [reason(for: $0)] } ?? [], adverseAction: adverse,
                policy: reference, evaluatedAt: clock, trace: steps)
        } catch {
            throw .arithmetic(EvaluationError(problem: error == .overflow ? "arithmetic overflow" : "division by zero", rule: step))
        }
    }

    func money(_ amount: ExactDecimal) -> Money {
        Money(amount: amount, currency: currency.code, minorUnits: currency.minorUnits)
    }

    func reason(for rule: Rule) -> Reason {
        reason(code: rule.code)
    }

    func reason(code: String) -> Reason {
        let text = reasons[code]
        return Reason(code: code, officerText: text?.officer ?? code, customerText: text?.customer ?? code)
    }

    /// Principal factors: the characteristics that cost the most points (ties in file order),
    /// and the limit reason when the limit is below the request.
    func counteroffer(lost: [(index: Int, points: Int)], limitBelowRequest: Bool) -> AdverseAction {
        let ranked = lost.sorted { $0.points != $1.points ? $0.points > $1.points : $0.index < $1.index }
        var factors: [AdverseAction.Factor] = []
        var codes: Set<String> = []
        let room = adverseAction.maxFactors - (limitBelowRequest && adverseAction.limitReason != nil ? 1 : 0)
        for entry in ranked where factors.count < room {
            let c = scorecard[entry.index]
            guard codes.insert(c.reason).inserted else { continue }
            factors.append(AdverseAction.Factor(reason: reason(code: c.reason), pointsLost: entry.points))
        }
        if limitBelowRequest, let code = adverseAction.limitReason, codes.insert(code).inserted {
            factors.append(AdverseAction.Factor(reason: reason(code: code), pointsLost: nil))
        }
        return AdverseAction(kind: .counteroffer, factors: factors)
    }

    func read(_ reads: [ExpressionCompiler.Read], _ evaluator: Evaluator) -> [JSONValue.Member] {
        reads.map { read in
            let value: Value
            switch read {
            case .input(_, let slot): value = evaluator.slots[slot]
            case .each(_, let list, let field): value = (try? evaluator.value(.each(list: list, field: field))) ?? .null
            case .computed(let c): value = (try? evaluator.value(.computed(c))) ?? .null
            }
            return JSONValue.Member(read.name, value.json)
        }
    }
}

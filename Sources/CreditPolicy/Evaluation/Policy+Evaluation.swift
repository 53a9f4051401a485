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

/// The part of the policy being evaluated, for an error message.
enum Step {
    case knockout(Int)
    case characteristic(Int)
    case limit(Int)
    case referral(Int)
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

    /// Whether this policy's `applies_to` condition holds for an application it bound (false
    /// when the policy has none).
    /// - Precondition: `application` was bound by this policy.
    public func applies(to application: BoundApplication) throws(EvaluationFailure) -> Bool {
        precondition(application.schema == ObjectIdentifier(inputs.root), "a BoundApplication can only be judged by the policy that bound it")
        guard let selector else { return false }
        do throws(ExactDecimal.ArithmeticError) {
            return try Context.with(application.slots, tiers: tiers) { (evaluator: inout Context) throws(ExactDecimal.ArithmeticError) -> Bool in
                try selector.condition.condition(evaluator)
            }
        } catch {
            throw .arithmetic(EvaluationError(problem: error == .overflow ? "arithmetic overflow" : "division by zero", rule: "applies_to"))
        }
    }

    /// Decides an already validated application.
    /// - Precondition: `application` was bound by this policy (``bind(_:)`` or ``bind(json:)``).
    public func decide(_ application: BoundApplication, at clock: Timestamp, trace: Bool = false) throws(EvaluationFailure) -> Decision {
        var steps: [TraceStep]? = trace ? [] : nil
        let verdict = try self.verdict(application, at: clock, steps: &steps)
        return decision(verdict, at: clock, trace: steps)
    }

    /// Works out the decision as plain data (see ``Verdict``), recording the trace in `steps`
    /// when it is not `nil`.
    func verdict(_ application: BoundApplication, at clock: Timestamp, steps: inout [TraceStep]?) throws(EvaluationFailure) -> Verdict {
        // Slots are read without bounds checks: another policy's inputs must never get here.
        precondition(application.schema == ObjectIdentifier(inputs.root), "a BoundApplication can only be decided by the policy that bound it")
        if clock < effectiveFrom { throw .notInEffect(effectiveFrom: effectiveFrom) }
        // Where evaluation is, named only if arithmetic fails (no string work on the fast path).
        var step = Step.knockout(0)
        do throws(ExactDecimal.ArithmeticError) {
            return try Context.with(application.slots, tiers: tiers) { (evaluator: inout Context) throws(ExactDecimal.ArithmeticError) -> Verdict in
                // 1. Knockouts: every one that fires is reported, in file order.
                var fired = Verdict.Fired()
                for (index, rule) in knockouts.enumerated() {
                    step = .knockout(index)
                    let hit = try rule.condition.condition(evaluator)
                    if hit { fired.insert(index) }
                    if steps != nil {
                        steps!.append(
                            TraceStep(kind: .knockout, name: rule.code, expression: rule.source, read: read(rule.reads, evaluator), result: .bool(hit)))
                    }
                }
                if !fired.isEmpty { return Verdict(knockouts: fired) }

                // 2. Scorecard.
                var points = 0
                // Points per characteristic, on the stack: needed only for adverse-action factors.
                return try withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, scorecard.count)) {
                    (given: UnsafeMutableBufferPointer<Int>) throws(ExactDecimal.ArithmeticError) -> Verdict in
                    for index in scorecard.indices {
                        let characteristic = scorecard[index]
                        step = .characteristic(index)
                        let (got, band, value) = try characteristic.score(evaluator, keepValue: steps != nil)
                        points += got
                        given[index] = got
                        if steps != nil {
                            steps!.append(
                                TraceStep(
                                    kind: .characteristic, name: characteristic.name, expression: characteristic.source,
                                    read: read(characteristic.reads, evaluator), result: value.json,
                                    band: band.map { characteristic.bands[$0].label } ?? "missing", points: got, maxPoints: characteristic.maxPoints))
                        }
                    }

                    // 3. Tier by points: the first (best) tier whose minimum is met.
                    var tierIndex = tiers.count - 1
                    for (i, t) in tiers.enumerated() {
                        if let min = t.minPoints, points < min { continue }
                        tierIndex = i
                        break
                    }
                    let tier = tiers[tierIndex]
                    evaluator.points = ExactDecimal(points)
                    evaluator.tierIndex = tierIndex
                    if steps != nil {
                        steps!.append(
                            TraceStep(
                                kind: .tier, name: tier.name, expression: tier.minPoints.map { "points >= \($0)" } ?? "any points",
                                read: [JSONValue.Member("points", .number(ExactDecimal(points)))], result: .string(tier.name), points: points))
                    }

                    // 4. Limit, rounded by the tier's rule; never negative.
                    step = .limit(tierIndex)
                    var limit = ExactDecimal.zero
                    if let raw = try tier.limit.number(evaluator) {
                        limit = try raw.rounded(toMultipleOf: tier.roundingUnit, tier.rounding)
                        if limit.isNegative { limit = .zero }
                    }
                    evaluator.limit = limit
                    if steps != nil {
                        steps!.append(
                            TraceStep(
                                kind: .limit, name: tier.name, expression: tier.limitSource, read: read(tier.limitReads, evaluator),
                                result: .string(limit.formatted(fractionDigits: currency.minorUnits))))
                    }

                    // 5. Referrals: the first that fires decides.
                    var referral = -1
                    for (index, rule) in referrals.enumerated() {
                        step = .referral(index)
                        let hit = try rule.condition.condition(evaluator)
                        if steps != nil {
                            steps!.append(
                                TraceStep(kind: .referral, name: rule.code, expression: rule.source, read: read(rule.reads, evaluator), result: .bool(hit)))
                        }
                        if hit {
                            referral = index
                            break
                        }
                    }

                    // 6. Adverse action for an approval below the request or on deposit terms.
                    var verdict = Verdict(outcome: referral < 0 ? .approve : .refer, tier: tierIndex, points: points, limit: limit, referral: referral)
                    if referral < 0 {
                        var lowerLimit = false
                        if let requested = adverseAction.requestedLimit, let asked = try requested.number(evaluator) {
                            lowerLimit = limit < asked
                        }
                        if lowerLimit || tier.terms.depositPct > .zero {
                            verdict.counteroffer = true
                            verdict.factors = counteroffer(given: UnsafeBufferPointer(given), limitBelowRequest: lowerLimit)
                        }
                    }
                    return verdict
                }
            }
        } catch {
            let rule: String
            switch step {
            case .knockout(let i): rule = knockouts[i].code
            case .characteristic(let i): rule = scorecard[i].name
            case .limit(let i): rule = "limit of tier \(tiers[i].name)"
            case .referral(let i): rule = referrals[i].code
            }
            throw .arithmetic(EvaluationError(problem: error == .overflow ? "arithmetic overflow" : "division by zero", rule: rule))
        }
    }

    func money(_ amount: ExactDecimal) -> Money {
        Money(amount: amount, currency: currency.code, minorUnits: currency.minorUnits)
    }

    /// Principal factors: the characteristics that cost the most points (ties in file order),
    /// then the limit reason when the limit is below the request.
    func counteroffer(given: UnsafeBufferPointer<Int>, limitBelowRequest: Bool) -> Verdict.Factors {
        let table = factorTable
        let hasLimitReason = limitBelowRequest && table.limitReasonID >= 0
        let room = adverseAction.maxFactors - (hasLimitReason ? 1 : 0)
        var factors = Verdict.Factors()
        // Selection by repeated maximum: a handful of characteristics, at most four picks.
        // `taken` marks picked characteristics (a bit each; past 64 a characteristic is
        // considered at most once per pick anyway, by the strict "more points lost" test).
        var taken: UInt64 = 0
        var takenBeyond: Set<Int> = []
        func isTaken(_ k: Int) -> Bool { k < 64 ? taken & (1 << UInt64(k)) != 0 : takenBeyond.contains(k) }
        table.maxPoints.withUnsafeBufferPointer { maxPoints in
            while factors.count < room {
                var best = -1
                var bestLost = 0
                for k in 0..<maxPoints.count where !isTaken(k) {
                    let lost = maxPoints[k] - given[k]
                    if lost > bestLost {
                        best = k
                        bestLost = lost
                    }
                }
                guard best >= 0 else { break }
                if best < 64 { taken |= 1 << UInt64(best) } else { takenBeyond.insert(best) }
                if factors.contains(reasonID: table.reasonIDs[best], in: table) { continue }
                factors.append(.init(source: best, pointsLost: bestLost))
            }
        }
        if hasLimitReason, !factors.contains(reasonID: table.limitReasonID, in: table) {
            factors.append(.init(source: Verdict.Factor.limitReason, pointsLost: nil))
        }
        // Deposit terms with no characteristic to blame still get a specific reason (the
        // compiler requires `terms_reason` whenever a tier asks for a deposit).
        if factors.count == 0, table.termsReasonID >= 0 {
            factors.append(.init(source: Verdict.Factor.termsReason, pointsLost: nil))
        }
        return factors
    }

    func read(_ reads: [ExpressionCompiler.Read], _ evaluator: Context) -> [JSONValue.Member] {
        reads.map { read in
            let value: Value
            switch read {
            case .input(_, let slot): value = evaluator.slots[slot]
            case .each(_, let list, let field): value = EachNode(list: list, field: field).value(evaluator)
            case .computed(let c): value = ComputedNode(c).value(evaluator)
            }
            return JSONValue.Member(read.name, value.json)
        }
    }
}

/// What a policy change would do to a set of applications: counts, rates and changed cases.
public struct PolicyComparison: Sendable {
    /// One application decided under both policies.
    public struct Case: Sendable {
        /// 1-based line in the applications file.
        public var line: Int
        /// Decision under the old policy (nil when the application was invalid for it).
        public var before: Decision?
        /// Decision under the new policy.
        public var after: Decision?
        /// Validation or evaluation error text under the old policy.
        public var beforeError: String?
        /// Validation or evaluation error text under the new policy.
        public var afterError: String?

        /// Whether outcome, tier, terms, limit or validity differ.
        public var changed: Bool {
            outcomeChanged || tierChanged || termsChanged || limitChanged || (beforeError == nil) != (afterError == nil)
        }
        /// Outcome differs.
        public var outcomeChanged: Bool { before?.outcome != after?.outcome }
        /// Tier differs.
        public var tierChanged: Bool { before?.tier != after?.tier }
        /// Terms differ.
        public var termsChanged: Bool { before?.terms != after?.terms }
        /// Limit differs.
        public var limitChanged: Bool { before?.limit.amount != after?.limit.amount }
    }

    /// Totals for one side of the comparison.
    public struct Side: Sendable {
        /// Decisions by outcome.
        public var outcomes: [Outcome: Int] = [:]
        /// Applications the policy could not decide (invalid input, arithmetic).
        public var errors = 0
        /// Sum of approved limits.
        public var grantedLimit = ExactDecimal.zero
        /// Number of decided applications.
        public var decided: Int { outcomes.values.reduce(0, +) }

        /// Share of decided applications with `outcome`, 0–1.
        public func rate(_ outcome: Outcome) -> Double {
            decided == 0 ? 0 : Double(outcomes[outcome, default: 0]) / Double(decided)
        }

        mutating func add(_ d: Decision?) {
            guard let d else {
                errors += 1
                return
            }
            outcomes[d.outcome, default: 0] += 1
            if d.outcome == .approve {
                // A total beyond ExactDecimal's range (10^18 with cents) cannot come from real limits.
                grantedLimit = (try? grantedLimit.adding(d.limit.amount)) ?? grantedLimit
            }
        }
    }

    /// Old policy reference.
    public var old: PolicyReference
    /// New policy reference.
    public var new: PolicyReference
    /// Totals under the old policy.
    public var before = Side()
    /// Totals under the new policy.
    public var after = Side()
    /// Applications compared.
    public var total = 0
    /// Changed cases, in file order.
    public var changes: [Case] = []
    /// Count of changed outcomes.
    public var outcomeChanges = 0
    /// Count of changed tiers.
    public var tierChanges = 0
    /// Count of changed terms.
    public var termsChanges = 0
    /// Count of changed limits.
    public var limitChanges = 0
    /// Outcome transitions, such as approve → refer, with counts.
    public var transitions: [String: Int] = [:]

    /// Starts an empty comparison.
    public init(old: Policy, new: Policy) {
        self.old = old.reference
        self.new = new.reference
    }

    /// Adds one application, decided under both policies at `clock`.
    public mutating func add(line: Int, application: JSONValue, old: Policy, new: Policy, at clock: Timestamp) {
        var c = Case(line: line)
        do { c.before = try old.decide(application, at: clock) } catch { c.beforeError = "\(error)" }
        do { c.after = try new.decide(application, at: clock) } catch { c.afterError = "\(error)" }
        add(c)
    }

    /// Adds a case whose decisions are already known.
    public mutating func add(_ c: Case) {
        total += 1
        before.add(c.before)
        after.add(c.after)
        guard c.changed else { return }
        if c.outcomeChanged {
            outcomeChanges += 1
            transitions["\(c.before?.outcome.rawValue ?? "invalid") → \(c.after?.outcome.rawValue ?? "invalid")", default: 0] += 1
        }
        if c.tierChanged { tierChanges += 1 }
        if c.termsChanged { termsChanges += 1 }
        if c.limitChanged { limitChanges += 1 }
        changes.append(c)
    }
}

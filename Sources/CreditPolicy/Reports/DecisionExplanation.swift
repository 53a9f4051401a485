/// A decision explained for a person: each rule and characteristic, the values read, the
/// points, why this outcome, and what would have changed it.
public struct DecisionExplanation: Sendable {
    /// The decision explained (with its trace).
    public let decision: Decision
    /// Plain-text lines, ready to print.
    public let lines: [String]

    /// Explains `application` under `policy` at `clock`.
    public init(policy: Policy, application: JSONValue, at clock: Timestamp) throws(EvaluationFailure) {
        let decision = try policy.decide(application, at: clock, trace: true)
        self.decision = decision
        self.lines = Self.render(policy: policy, decision: decision)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func reads(_ members: [JSONValue.Member]) -> String {
        members.map { "\($0.key) = \($0.value.displayText)" }.joined(separator: ", ")
    }

    static func render(policy: Policy, decision d: Decision) -> [String] {
        var out: [String] = []
        let steps = d.trace ?? []
        let money = "\(d.limit.amountText) \(d.limit.currency)"
        var headline = "Decision: \(d.outcome.rawValue.uppercased())"
        if let tier = d.tier, let points = d.points, let terms = d.terms {
            headline += " — tier \(tier), \(points) points, \(terms.code) (net \(terms.netDays) days"
            headline += terms.depositPct > .zero ? ", \(terms.depositPct)% deposit)" : ")"
            headline += ", limit \(money)"
        } else {
            headline += " — limit \(money)"
        }
        out.append(headline)
        out.append("Policy:   \(d.policy.id) v\(d.policy.version) (sha256 \(d.policy.sha256.prefix(12))…), clock \(d.evaluatedAt)")
        out.append("")

        let knockouts = steps.filter { $0.kind == .knockout }
        let fired = knockouts.filter { $0.result == .bool(true) }
        out.append("Knockouts (\(fired.isEmpty ? "none fired" : "\(fired.count) fired"))")
        let nameWidth = max(16, (steps.map(\.name.count).max() ?? 0) + 2)
        for s in knockouts {
            out.append("  \(s.result == .bool(true) ? "✗" : "✓") \(pad(s.name, nameWidth))\(s.expression)")
            out.append("    \(pad("", nameWidth))read: \(reads(s.read))")
        }

        let characteristics = steps.filter { $0.kind == .characteristic }
        if !characteristics.isEmpty {
            out.append("")
            out.append("Scorecard")
            let valueWidth = max(8, characteristics.map { $0.result.displayText.count }.max()! + 2)
            let bandWidth = max(8, characteristics.map { ($0.band ?? "").count }.max()! + 2)
            out.append("  \(pad("characteristic", nameWidth))\(pad("value", valueWidth))\(pad("band", bandWidth))points")
            for s in characteristics {
                out.append(
                    "  \(pad(s.name, nameWidth))\(pad(s.result.displayText, valueWidth))\(pad(s.band ?? "", bandWidth))\(s.points ?? 0) of \(s.maxPoints ?? 0)")
            }
            out.append("  \(pad("total", nameWidth + valueWidth + bandWidth))\(d.points ?? 0)")
        } else if !fired.isEmpty {
            out.append("")
            out.append("Scorecard: not evaluated, a knockout declined the application.")
        }

        if let tierStep = steps.first(where: { $0.kind == .tier }), let points = d.points {
            out.append("")
            let tiers = policy.tiers
            let index = tiers.firstIndex { $0.name == tierStep.name } ?? 0
            var line = "Tier \(tierStep.name): \(points) points"
            if let min = tiers[index].minPoints { line += " ≥ \(min)" } else { line += " (below every other tier)" }
            out.append(line)
            if let limitStep = steps.first(where: { $0.kind == .limit }) {
                out.append("Limit:  \(limitStep.expression) = \(limitStep.result.displayText.replacingOccurrences("\"", ""))")
                if !limitStep.read.isEmpty { out.append("        read: \(reads(limitStep.read))") }
            }
        }

        let referrals = steps.filter { $0.kind == .referral }
        if !referrals.isEmpty {
            out.append("")
            out.append("Referral rules (first that fires refers)")
            for s in referrals {
                out.append("  \(s.result == .bool(true) ? "→" : "✓") \(pad(s.name, nameWidth))\(s.expression)")
                out.append("    \(pad("", nameWidth))read: \(reads(s.read))")
            }
        }

        out.append("")
        out.append("Why")
        switch d.outcome {
        case .decline:
            out.append("  Declined: knockout rule\(fired.count == 1 ? "" : "s") \(fired.map(\.name).joined(separator: ", ")) fired; any knockout declines.")
        case .refer:
            let code = d.reasons.first?.code ?? ""
            out.append("  Referred to a credit officer by \(code): \(d.reasons.first?.officerText ?? "")")
            out.append("  The engine proposes tier \(d.tier ?? "-"), \(d.terms?.code ?? "-"), limit \(money).")
        case .approve:
            out.append("  Approved: no knockout fired, \(d.points ?? 0) points gives tier \(d.tier ?? "-"), and no referral rule fired.")
        }
        if let adverse = d.adverseAction {
            out.append("  Adverse action (\(adverse.kind.rawValue)), principal factors:")
            for (i, f) in adverse.factors.enumerated() {
                let lost = f.pointsLost.map { " (−\($0) points)" } ?? ""
                out.append("    \(i + 1). \(f.reason.code)\(lost): \(f.reason.customerText)")
            }
        }

        out.append("")
        out.append("What would change it")
        out.append(contentsOf: whatIf(policy: policy, decision: d, steps: steps).map { $0.hasPrefix(" ") ? "  " + $0 : "  - " + $0 })
        return out
    }

    static func whatIf(policy: Policy, decision d: Decision, steps: [TraceStep]) -> [String] {
        var out: [String] = []
        switch d.outcome {
        case .decline:
            for s in steps where s.kind == .knockout && s.result == .bool(true) {
                out.append("\(s.name) would have to stop firing: \(s.expression) (read \(reads(s.read)))")
            }
            out.append("Only then is the scorecard evaluated.")
            return out
        case .refer:
            if let s = steps.last(where: { $0.kind == .referral }) {
                out.append("Without \(s.name) (\(s.expression); read \(reads(s.read))) the engine would decide alone.")
            }
        case .approve:
            break
        }
        guard let points = d.points, let tier = d.tier, let index = policy.tiers.firstIndex(where: { $0.name == tier }) else { return out }
        if index > 0, let needed = policy.tiers[index - 1].minPoints {
            let better = policy.tiers[index - 1]
            out.append("\(needed - points) more points would reach tier \(better.name) (\(better.terms.code)). Ways to gain points:")
            for (c, s) in zip(policy.scorecard, steps.filter { $0.kind == .characteristic }) {
                let given = s.points ?? 0
                guard let band = c.bands.filter({ $0.points > given }).min(by: { $0.points < $1.points }) else { continue }
                out.append("    \(c.name) \(band.label) gives \(band.points) (+\(band.points - given))")
            }
        } else if index == 0 {
            out.append("Tier \(tier) is the best tier.")
        }
        if let min = policy.tiers[index].minPoints {
            out.append("Losing more than \(points - min) points would drop the application below tier \(tier).")
        }
        return out
    }
}

extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        replacing(target, with: replacement)
    }
}

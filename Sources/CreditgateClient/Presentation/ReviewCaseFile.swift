import Foundation

/// One review written like a case file: who, what was asked, what the engine proposed and
/// why, the facts that mattered, what waits, and what happened so far.
public enum ReviewCaseFile {
    /// The case file's lines.
    public static func lines(_ detail: ReviewDetail, now: Date, style: TerminalStyle) -> [String] {
        let review = detail.review
        var out: [String] = []

        out.append(style.bold("Review \(review.reviewID) · \(review.customer.legalName) (\(review.customer.crmID))"))
        var status = [StatusLabel.review(review.status, outcome: review.outcome, style: style)]
        status.append(review.assignee.map { "assigned to \($0)" } ?? "unassigned")
        if review.status != .decided {
            status.append("\(ReviewQueueView.due(review, now: now, style: style)) (\(RelativeTime.stamp(review.dueAt)))")
        }
        var facts = TextTable([.init(""), .init("")], showsHeader: false, indent: "  ")
        facts.append(["status", status.joined(separator: " · ")])
        facts.append(["reason", review.reasonCode])
        var ids = "\(review.customerID) · application \(review.applicationID)"
        if let received = detail.application?.receivedAt {
            ids += " · received \(RelativeTime.stamp(received)) (\(RelativeTime.since(received, now: now)))"
        }
        facts.append(["customer", ids])
        facts.append(["version", String(review.version)])
        out += facts.lines()

        out += section("Asked for", style: style)
        out.append("  " + (review.requestedLimit.map(MoneyText.format) ?? "no limit named"))

        out += section("Engine proposed", style: style)
        if let proposal = review.proposal {
            out.append("  " + proposalText(proposal, style: style))
        } else {
            out.append("  no proposal")
        }
        if let policy = detail.evaluation?.policy {
            out.append("  " + style.dim("policy \(policy.id)\(policy.version.map { " v\($0)" } ?? "")"))
        }

        out += section("Why", style: style)
        let reasons = detail.reasons.isEmpty ? [ReviewReason(code: review.reasonCode, officerText: review.reason)] : detail.reasons
        var why = TextTable([.init(""), .init("")], showsHeader: false, indent: "  ")
        for reason in reasons { why.append([reason.code, reason.officerText ?? ""]) }
        out += why.lines()

        let trace = detail.evaluation?.trace ?? []
        if !trace.isEmpty {
            out += section("Facts that mattered", style: style)
            let shown = trace.filter(mattered)
            var table = TextTable(
                [.init(""), .init(""), .init("", .right), .init("")], showsHeader: false, indent: "  ")
            for step in shown { table.append(factRow(step, style: style)) }
            out += table.lines()
            let hidden = trace.count - shown.count
            if hidden > 0 {
                out.append(
                    "  " + style.dim("\(hidden) other step\(hidden == 1 ? "" : "s") did not fire or score (--json has the full trace)"))
            }
        }

        if let pending = review.pendingApproval {
            out += section("Pending approval", style: style)
            var text = "\(pending.approvedBy) approved \(MoneyText.format(pending.limit))"
            if let terms = pending.terms { text += " on \(terms.code)" }
            text += " \(RelativeTime.since(pending.approvedAt, now: now))"
            out.append("  " + style.yellow(text) + "; waits for a second officer to confirm")
            if let note = pending.note, !note.isEmpty { out.append("  note: \(note)") }
        }
        if let request = review.infoRequest {
            out += section("Information requested", style: style)
            out.append(
                "  \(request.requestedBy) asked the customer \(RelativeTime.since(request.requestedAt, now: now)): \(request.message)")
        }
        if let information = detail.application?.information, !information.isEmpty {
            out += section("Information received", style: style)
            for item in information {
                var text = "  \(RelativeTime.stamp(item.receivedAt))"
                if let message = item.message, !message.isEmpty { text += "  \(message)" }
                out.append(text)
                if let changes = item.changes, changes != .null {
                    out.append("    changes: \(changes.jsonText)")
                }
            }
        }

        out += section("Four eyes above", style: style)
        if let limit = detail.fourEyesAbove {
            out.append("  \(MoneyText.format(limit)): an approval above it waits for a second officer")
        } else {
            out.append("  no four-eyes rule in this policy")
        }

        if !detail.termsOptions.isEmpty || !detail.decisionReasons.isEmpty {
            out += section("Options", style: style)
            var options = TextTable([.init(""), .init("")], showsHeader: false, indent: "  ")
            if !detail.termsOptions.isEmpty {
                options.append(["terms (--terms)", detail.termsOptions.map(termsOptionText).joined(separator: ", ")])
            }
            if !detail.decisionReasons.isEmpty {
                options.append(["decline (--reason)", detail.decisionReasons.map(\.code).joined(separator: ", ")])
            }
            out += options.lines()
        }

        out += section("History", style: style)
        if detail.history.isEmpty {
            out.append("  nothing yet")
        } else {
            var history = TextTable([.init("TIME"), .init("ACTOR"), .init("ACTION"), .init("NOTE")], indent: "  ")
            for entry in detail.history {
                var note = entry.note ?? ""
                if let details = entry.details, details != .null, details != .object([:]) {
                    note += (note.isEmpty ? "" : "  ") + style.dim(details.jsonText)
                }
                history.append([RelativeTime.stamp(entry.at), entry.actor, StatusLabel.words(entry.action), note])
            }
            out += history.lines(header: style.bold)
        }
        return out
    }

    /// `refer · tier A · 120 points · NET60 (60 days) · 150,000.00 EUR`.
    public static func proposalText(_ proposal: Review.Proposal, style: TerminalStyle) -> String {
        var parts = [StatusLabel.outcome(proposal.outcome, style: style)]
        if let tier = proposal.tier { parts.append("tier \(tier)") }
        if let points = proposal.points { parts.append("\(points) points") }
        if let terms = proposal.terms { parts.append(termsText(terms)) }
        if let limit = proposal.limit { parts.append(MoneyText.format(limit)) }
        return parts.joined(separator: " · ")
    }

    /// `NET60 (60 days)`, `NET30 (30 days, 10% deposit)`.
    public static func termsText(_ terms: Terms) -> String {
        termsText(code: terms.code, netDays: terms.netDays, depositPct: terms.depositPct)
    }

    static func termsText(code: String, netDays: Int?, depositPct: DecimalText?) -> String {
        var details: [String] = []
        if let netDays { details.append("\(netDays) days") }
        if let deposit = depositPct, !isZero(deposit.text) { details.append("\(deposit.text)% deposit") }
        return details.isEmpty ? code : "\(code) (\(details.joined(separator: ", ")))"
    }

    static func termsOptionText(_ option: ReviewDetail.TermsOption) -> String {
        var text = option.code
        if let tier = option.tier { text += " (tier \(tier))" }
        return text
    }

    /// Whether a trace step belongs in "Facts that mattered": rules that fired, characteristics
    /// that scored, the tier and the limit.
    public static func mattered(_ step: TraceEntry) -> Bool {
        switch step.kind {
        case "knockout", "referral": step.result.isTrue
        case "characteristic": (step.points ?? 0) != 0
        case "tier", "limit": true
        default: step.result.isTrue
        }
    }

    /// KIND, NAME, RESULT, VALUES READ.
    static func factRow(_ step: TraceEntry, style: TerminalStyle) -> [String] {
        let result: String
        switch step.kind {
        case "knockout": result = style.red("fired")
        case "referral": result = style.yellow("fired")
        case "characteristic":
            let points = step.points ?? 0
            result = (points > 0 ? "+\(points)" : "\(points)") + (step.maxPoints.map { "/\($0)" } ?? "")
        case "tier": result = step.points.map { "\($0) points" } ?? step.result.compactText
        default: result = step.result.compactText
        }
        var read = step.read.keys.sorted().map { "\($0) = \(DisplayWidth.truncate(step.read[$0]!.compactText, to: 40))" }
        if let band = step.band { read.insert("band \(band)", at: 0) }
        return [step.kind, step.name, result, read.joined(separator: ", ")]
    }

    static func section(_ title: String, style: TerminalStyle) -> [String] {
        ["", style.bold(title)]
    }

    static func isZero(_ decimal: String) -> Bool {
        decimal.allSatisfy { $0 == "0" || $0 == "." || $0 == "-" || $0 == "+" }
    }
}

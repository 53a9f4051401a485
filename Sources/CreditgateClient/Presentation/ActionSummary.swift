import Foundation

/// One line saying what an action did and where things stand now.
public enum ActionSummary {
    /// `claimed rev_1 — assigned to alice; open, due in 2h 5m`.
    public static func claimed(_ review: Review, now: Date) -> String {
        "claimed \(review.reviewID) — assigned to \(review.assignee ?? "you"); \(state(review, now: now))"
    }

    /// `approved rev_1 — 120,000.00 EUR on NET30; decided` or, above the four-eyes limit,
    /// `…; waits for a second officer to confirm (four eyes above 100,000.00 EUR)`.
    /// - Parameters:
    ///   - limit: The limit sent, if any (else the proposal's).
    ///   - termsCode: The terms sent, if any (else the proposal's).
    ///   - fourEyesAbove: The policy's four-eyes limit, when known.
    public static func approved(_ review: Review, limit: String?, termsCode: String?, fourEyesAbove: Amount?) -> String {
        let approvedLimit: Amount? =
            review.pendingApproval?.limit
            ?? limit.map { Amount(amount: $0, currency: review.proposal?.limit?.currency ?? "") }
            ?? review.proposal?.limit
        let terms = review.pendingApproval?.terms?.code ?? termsCode ?? review.proposal?.terms?.code
        var text = "approved \(review.reviewID) — \(approvedLimit.map(MoneyText.format) ?? "the proposed limit")"
            .trimmingCharacters(in: .whitespaces)
        if let terms { text += " on \(terms)" }
        if review.status == .pendingConfirmation {
            text += "; waits for a second officer to confirm"
            if let fourEyesAbove { text += " (four eyes above \(MoneyText.format(fourEyesAbove)))" }
        } else {
            text += "; \(state(review, now: nil))"
        }
        return text
    }

    /// `declined rev_1 (LOW_BUREAU_SCORE); decided`.
    public static func declined(_ review: Review, reasonCodes: [String]) -> String {
        "declined \(review.reviewID) (\(reasonCodes.joined(separator: ", "))); \(state(review, now: nil))"
    }

    /// `asked the customer of rev_1 for information; awaiting info until they answer`.
    public static func requestedInfo(_ review: Review) -> String {
        "asked the customer of \(review.reviewID) for information; \(state(review, now: nil)) until they answer"
    }

    /// `confirmed rev_1 — 120,000.00 EUR on NET30 approved by alice; decided`.
    /// - Parameter approval: The approval as read before confirming, when known.
    public static func confirmed(_ review: Review, approval: Review.PendingApproval?) -> String {
        var text = "confirmed \(review.reviewID)"
        if let approval {
            var what: [String] = []
            if let limit = approval.limit { what.append(MoneyText.format(limit)) }
            if let terms = approval.terms { what.append("on \(terms.code)") }
            text += " — " + (what.isEmpty ? "" : what.joined(separator: " ") + " ") + "approved by \(approval.approvedBy)"
        }
        return text + "; \(state(review, now: nil))"
    }

    /// `updated cus_1 — limit 20,000.00 EUR, terms NET15; version 5`.
    public static func creditChanged(_ customer: Customer, change: CreditProfileChange) -> String {
        let credit = customer.creditProfile
        let verb: String
        switch change.status {
        case "on_hold": verb = "put \(customer.customerID) on hold"
        case "active": verb = "released \(customer.customerID)"
        default:
            var parts: [String] = []
            if change.limit != nil { parts.append("limit \(MoneyText.format(credit.limit))") }
            if change.termsCode != nil { parts.append("terms \(credit.termsCode ?? "-")") }
            verb = "updated \(customer.customerID) — \(parts.joined(separator: ", "))"
        }
        return "\(verb); credit \(StatusLabel.words(credit.status)), version \(customer.version)"
    }

    /// `decided: approve`, `open, due in 2h` …
    static func state(_ review: Review, now: Date?) -> String {
        switch review.status {
        case .decided: return review.outcome.map { "decided (\($0))" } ?? "decided"
        case .open:
            guard let now else { return "status open" }
            return "status open, \(RelativeTime.due(review.dueAt, now: now))"
        default: return "status \(StatusLabel.words(review.status.rawValue))"
        }
    }
}

import Foundation

/// The review queue as a table: ID, STATUS, REASON, CUSTOMER, PROPOSED, ASSIGNEE, DUE.
public enum ReviewQueueView {
    /// The table's lines, or one line saying the queue is empty.
    /// - Parameter now: The server's clock when known (the list's `now`), else the local one.
    public static func lines(_ list: ReviewList, now: Date, style: TerminalStyle) -> [String] {
        guard !list.reviews.isEmpty else { return ["no reviews match"] }
        var table = TextTable([
            .init("ID"), .init("STATUS"), .init("REASON"), .init("CUSTOMER"), .init("PROPOSED", .right),
            .init("ASSIGNEE"), .init("DUE"),
        ])
        for review in list.reviews {
            table.append([
                review.reviewID,
                StatusLabel.review(review.status, outcome: review.outcome, style: style),
                review.reasonCode,
                DisplayWidth.truncate(review.customer.legalName, to: 32),
                MoneyText.format(review.proposal?.limit),
                review.assignee ?? "-",
                due(review, now: now, style: style),
            ])
        }
        return table.lines(header: style.bold)
    }

    /// `due in 2h 5m`, or `overdue 35m` in red; `-` once decided.
    public static func due(_ review: Review, now: Date, style: TerminalStyle) -> String {
        guard review.status != .decided else { return "-" }
        let text = RelativeTime.due(review.dueAt, now: now)
        return review.overdue || review.dueAt < now ? style.red(text) : text
    }
}

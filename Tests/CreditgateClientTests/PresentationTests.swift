import CreditgateClient
import Foundation
import Testing

@Suite struct PresentationTests {
    static let now = WireDates.parse("2026-11-22T15:55:00Z")!

    @Test func queueShowsDueRelativeToTheServersClock() throws {
        let list = try DecodingTests.decode(ReviewList.self, Samples.reviewList)
        let lines = ReviewQueueView.lines(list, now: list.now!, style: .plain)
        #expect(
            lines == [
                "ID     STATUS  REASON       CUSTOMER        PROPOSED  ASSIGNEE  DUE",
                "rev_1  open    LARGE_LIMIT  Acme Ltd  150,000.00 EUR  alice     due in 2h 5m",
            ])
    }

    @Test func overdueIsRedOnlyWithColour() throws {
        var review = try DecodingTests.decode(Review.self, Samples.review)
        review.overdue = true
        let late = Self.now.addingTimeInterval(35 * 60 + 10)
        review.dueAt = Self.now
        #expect(ReviewQueueView.due(review, now: late, style: .plain) == "overdue 35m")
        #expect(ReviewQueueView.due(review, now: late, style: TerminalStyle(enabled: true)) == "\u{1B}[31moverdue 35m\u{1B}[0m")
    }

    @Test func caseFileHasEverySection() throws {
        let detail = try DecodingTests.decode(ReviewDetail.self, Samples.reviewDetail)
        let lines = ReviewCaseFile.lines(detail, now: Self.now, style: .plain)
        let text = lines.joined(separator: "\n")
        for heading in [
            "Asked for", "Engine proposed", "Why", "Facts that mattered", "Information requested",
            "Information received", "Four eyes above", "Options", "History",
        ] {
            #expect(lines.contains(heading), "missing \(heading)")
        }
        #expect(text.contains("Review rev_1 · Acme Ltd (CRM-1)"))
        #expect(text.contains("200,000.00 EUR"))
        #expect(text.contains("refer · tier A · 120 points · NET60 (60 days) · 150,000.00 EUR"))
        #expect(text.contains("100,000.00 EUR: an approval above it waits for a second officer"))
        #expect(text.contains("NET30 (tier B)"))
    }

    @Test func factsShowWhatFiredOrScored() throws {
        let detail = try DecodingTests.decode(ReviewDetail.self, Samples.reviewDetail)
        let trace = try #require(detail.evaluation?.trace)
        #expect(trace.filter(ReviewCaseFile.mattered).map(\.name) == ["years_trading", "A", "A", "LARGE_LIMIT"])
        let text = ReviewCaseFile.lines(detail, now: Self.now, style: .plain).joined(separator: "\n")
        #expect(text.contains("characteristic  years_trading      +30/40  band 5-10, years_trading = 7"))
        #expect(text.contains("referral        LARGE_LIMIT         fired  requested_limit.amount = 200000"))
        #expect(text.contains("2 other steps did not fire or score"))
    }

    @Test func approvalLines() throws {
        let pending = try DecodingTests.decode(Review.self, Samples.pendingReview)
        #expect(
            ActionSummary.approved(
                pending, limit: "120000", termsCode: "NET30",
                fourEyesAbove: Amount(amount: "100000.00", currency: "EUR"))
                == "approved rev_1 — 120,000.00 EUR on NET30; waits for a second officer to confirm (four eyes above 100,000.00 EUR)")
        var decided = try DecodingTests.decode(Review.self, Samples.review)
        decided.status = .decided
        decided.outcome = "approve"
        #expect(
            ActionSummary.approved(decided, limit: nil, termsCode: nil, fourEyesAbove: nil)
                == "approved rev_1 — 150,000.00 EUR on NET60; decided (approve)")
        #expect(
            ActionSummary.confirmed(decided, approval: pending.pendingApproval)
                == "confirmed rev_1 — 120,000.00 EUR on NET30 approved by alice; decided (approve)")
    }

    @Test func customerAndReport() throws {
        let customer = try DecodingTests.decode(Customer.self, Samples.customer)
        let sheet = CustomerSheet.lines(customer, now: Self.now, style: .plain)
        #expect(sheet.contains("  limit        26,000.00 EUR"))
        #expect(sheet.contains("  terms        NET30 (30 days)"))
        #expect(sheet.contains("  version      4"))
        let report = try DecodingTests.decode(SummaryReport.self, Samples.report)
        let lines = SummaryReportSheet.lines(report, style: .plain)
        #expect(lines.contains("  approve     80  66.7%"))
        #expect(lines.contains("  officer        16  1h 30m  3h 53m"))
        #expect(lines.contains("  A            12  1,200,000.00 EUR"))
    }
}

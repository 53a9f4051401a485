import CreditgateClient
import Foundation
import Testing

@Suite struct DecodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try WireDates.decoder().decode(type, from: Data(json.utf8))
    }

    @Test func reviewObject() throws {
        let review = try Self.decode(Review.self, Samples.review)
        #expect(review.reviewID == "rev_1" && review.applicationID == "app_1" && review.customerID == "cus_1")
        #expect(review.customer.crmID == "CRM-1" && review.customer.legalName == "Acme Ltd")
        #expect(review.status == .open && review.reasonCode == "LARGE_LIMIT" && review.assignee == "alice")
        #expect(review.dueAt == WireDates.parse("2026-11-22T18:00:00Z") && !review.overdue)
        #expect(review.requestedLimit == Amount(amount: "200000.00", currency: "EUR"))
        #expect(review.proposal?.terms == Terms(code: "NET60", netDays: 60, depositPct: DecimalText("0")))
        #expect(review.proposal?.points == 120 && review.proposal?.tier == "A")
        #expect(review.pendingApproval == nil && review.infoRequest == nil && review.outcome == nil)
        #expect(review.version == 3)
        #expect(review.updatedAt == Date(timeIntervalSince1970: WireDates.parse("2026-11-22T14:10:00Z")!.timeIntervalSince1970 + 0.25))
    }

    @Test func reviewList() throws {
        let list = try Self.decode(ReviewList.self, Samples.reviewList)
        #expect(list.reviews.count == 1)
        #expect(list.now == WireDates.parse("2026-11-22T15:55:00Z"))
    }

    @Test func pendingApproval() throws {
        let review = try Self.decode(Review.self, Samples.pendingReview)
        #expect(review.status == .pendingConfirmation)
        #expect(review.pendingApproval?.approvedBy == "alice")
        #expect(review.pendingApproval?.limit == Amount(amount: "120000.00", currency: "EUR"))
        #expect(review.pendingApproval?.terms?.code == "NET30")
    }

    @Test func reviewDetailWithTraceAndHistory() throws {
        let detail = try Self.decode(ReviewDetail.self, Samples.reviewDetail)
        #expect(detail.review.status == .awaitingInfo && detail.review.overdue)
        #expect(detail.review.infoRequest?.message == "Please send your 2025 accounts")
        #expect(detail.application?.information.first?.changes == .object(["years_trading": .number("8")]))
        #expect(detail.evaluation?.terms?.depositPct == DecimalText("0"))
        #expect(detail.evaluation?.policy?.version == 3)
        #expect(detail.evaluation?.trace?.count == 6)
        let characteristic = try #require(detail.evaluation?.trace?[1])
        #expect(characteristic.band == "5-10" && characteristic.points == 30 && characteristic.maxPoints == 40)
        #expect(characteristic.read == ["years_trading": .number("7")])
        #expect(detail.fourEyesAbove == Amount(amount: "100000.00", currency: "EUR"))
        #expect(detail.decisionReasons.map(\.code) == ["LOW_BUREAU_SCORE"])
        #expect(detail.termsOptions.map(\.code) == ["NET60", "NET30"])
        #expect(detail.history.map(\.action) == ["opened", "claimed", "info_requested"])
        #expect(detail.history[0].note == nil)
    }

    @Test func customer() throws {
        let customer = try Self.decode(Customer.self, Samples.customer)
        #expect(customer.crmID == "CRM-1" && customer.version == 4 && customer.contactEmail == nil)
        #expect(customer.creditProfile.status == "active")
        #expect(customer.creditProfile.limit == Amount(amount: "26000.00", currency: "EUR"))
        #expect(customer.creditProfile.nextReviewDate == "2027-05-22")
        let application = try #require(customer.applications.first)
        #expect(application.decisions.map(\.madeBy) == ["engine", "alice"])
        #expect(application.decisions[1].points == nil && application.decisions[1].reasonCodes.isEmpty)
        #expect(application.review?.status == .decided)
    }

    @Test func summaryReport() throws {
        let report = try Self.decode(SummaryReport.self, Samples.report)
        #expect(report.applications == 120)
        #expect(report.engine.approve == 80 && report.engine.approvalRate == 0.6667)
        #expect(report.final.pending == 4)
        #expect(report.timeToFinalDecision.officer.medianSeconds == 5400)
        #expect(report.reviews.awaitingInfo == 1 && report.reviews.overdue == 2)
        #expect(report.overrides.byRule.first?.reasonCode == "LARGE_LIMIT")
        #expect(report.overrides.byOfficer.first?.officer == "alice")
        #expect(report.overrides.profileOverrides == 2)
        #expect(report.exposureByTier.first?.limit == Amount(amount: "1200000.00", currency: "EUR"))
    }

    @Test func unknownStatusStillDecodes() throws {
        let review = try Self.decode(
            Review.self, Samples.review.replacingOccurrences(of: "\"status\": \"open\"", with: "\"status\": \"escalated\""))
        #expect(review.status.rawValue == "escalated")
    }
}

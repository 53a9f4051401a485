import CreditgateClient
import Foundation
import Testing

@Suite struct OfficerRequestTests {
    static func body(_ request: OfficerRequest) -> String {
        String(decoding: request.body ?? [], as: UTF8.self)
    }

    @Test func queueFiltersRepeatStatus() {
        let request = OfficerRequest.reviews(
            ReviewFilter(statuses: [.open, .awaitingInfo], assignee: "alice smith", overdueOnly: true, limit: 20))
        #expect(request.method == .get)
        #expect(request.target == "/v1/reviews?status=open&status=awaiting_info&assignee=alice%20smith&overdue=true&limit=20")
        #expect(OfficerRequest.reviews(ReviewFilter()).target == "/v1/reviews")
    }

    @Test func idsCannotStepOutOfTheirSegment() {
        #expect(OfficerRequest.review(id: "../admin?x=1").target == "/v1/reviews/..%2Fadmin%3Fx%3D1")
        #expect(OfficerRequest.customer(crmID: "CRM 1&a=b").target == "/v1/customers?crm_id=CRM%201%26a%3Db")
    }

    @Test func decisionBodies() {
        #expect(
            Self.body(.decide(reviewID: "rev_1", .approve(note: "ok")))
                == #"{"note":"ok","outcome":"approve"}"#)
        #expect(
            Self.body(.decide(reviewID: "rev_1", .approve(note: "ok", limit: "120000.00", termsCode: "NET30")))
                == #"{"limit":"120000.00","note":"ok","outcome":"approve","terms_code":"NET30"}"#)
        #expect(
            Self.body(.decide(reviewID: "rev_1", .decline(note: "no", reasonCodes: ["LOW_BUREAU_SCORE"])))
                == #"{"note":"no","outcome":"decline","reason_codes":["LOW_BUREAU_SCORE"]}"#)
        #expect(
            Self.body(.decide(reviewID: "rev_1", .requestInfo(note: "n", message: "Please send …")))
                == #"{"message":"Please send …","note":"n","outcome":"request_info"}"#)
        #expect(OfficerRequest.decide(reviewID: "rev_1", .approve(note: "ok")).target == "/v1/reviews/rev_1/decision")
    }

    @Test func creditProfileCarriesIfMatch() {
        let request = OfficerRequest.setCreditProfile(
            customerID: "cus_1", CreditProfileChange(reason: "Fraud check pending", status: "on_hold"), ifVersion: 4)
        #expect(request.method == .post && request.target == "/v1/customers/cus_1/credit-profile")
        #expect(request.ifMatchHeader == "\"4\"")
        #expect(Self.body(request) == #"{"reason":"Fraud check pending","status":"on_hold"}"#)
    }

    @Test func reportRange() {
        #expect(
            OfficerRequest.summary(from: "2026-11-01T00:00:00Z", to: nil).target
                == "/v1/reports/summary?from=2026-11-01T00:00:00Z")
        #expect(ReportRange.bound("2026-11-01", isEnd: false) == "2026-11-01T00:00:00Z")
        #expect(ReportRange.bound("2026-11-30", isEnd: true) == "2026-12-01T00:00:00Z")
        #expect(ReportRange.bound("2026-11-30T12:00:00+01:00", isEnd: true) == "2026-11-30T11:00:00Z")
        #expect(ReportRange.bound("2026-02-30", isEnd: false) == nil)
        #expect(ReportRange.bound("yesterday", isEnd: false) == nil)
    }
}

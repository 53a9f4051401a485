import Foundation

/// An application with its decisions and review (`GET /v1/applications/{id}`, and each of a
/// customer's `applications`).
public struct Application: Codable, Hashable, Sendable {
    /// One decision recorded on the application: the engine's or an officer's.
    public struct Decision: Codable, Hashable, Sendable {
        /// `dec_…`.
        public var decisionID: String
        /// `engine` or the officer(s) who decided.
        public var madeBy: String
        /// `approve`, `refer` or `decline`.
        public var outcome: String
        /// The risk tier.
        public var tier: String?
        /// Scorecard points.
        public var points: Int?
        /// The payment terms code.
        public var termsCode: String?
        /// Days until an invoice is due.
        public var netDays: Int?
        /// Deposit in percent.
        public var depositPct: DecimalText?
        /// The limit.
        public var limit: Amount?
        /// The decision's reason codes.
        public var reasonCodes: [String]
        /// The policy that decided.
        public var policy: PolicyReference?
        /// When.
        public var evaluatedAt: Date

        enum CodingKeys: String, CodingKey {
            case decisionID = "decision_id"
            case madeBy = "made_by"
            case outcome, tier, points
            case termsCode = "terms_code"
            case netDays = "net_days"
            case depositPct = "deposit_pct"
            case limit
            case reasonCodes = "reason_codes"
            case policy
            case evaluatedAt = "evaluated_at"
        }
    }

    /// The application's review, in brief.
    public struct ReviewSummary: Codable, Hashable, Sendable {
        /// `rev_…`.
        public var reviewID: String
        /// Where the review stands.
        public var status: ReviewStatus
        /// The referral rule that fired first.
        public var reasonCode: String
        /// When a decision is due.
        public var dueAt: Date

        enum CodingKeys: String, CodingKey {
            case reviewID = "review_id"
            case status
            case reasonCode = "reason_code"
            case dueAt = "due_at"
        }
    }

    /// `app_…`.
    public var applicationID: String
    /// `cus_…`.
    public var customerID: String
    /// `decided`, `in_review` or `awaiting_info`.
    public var status: String
    /// When the application arrived.
    public var receivedAt: Date
    /// Every decision, oldest first.
    public var decisions: [Decision]
    /// The review, when the engine referred the application.
    public var review: ReviewSummary?

    enum CodingKeys: String, CodingKey {
        case applicationID = "application_id"
        case customerID = "customer_id"
        case status
        case receivedAt = "received_at"
        case decisions, review
    }
}

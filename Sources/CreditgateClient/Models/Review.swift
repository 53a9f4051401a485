import Foundation

/// A referral waiting for (or decided by) a credit officer: the review object of the API.
public struct Review: Codable, Hashable, Sendable {
    /// The customer as the review names it.
    public struct CustomerName: Codable, Hashable, Sendable {
        /// The CRM's id for the customer.
        public var crmID: String
        /// The registered name.
        public var legalName: String

        enum CodingKeys: String, CodingKey {
            case crmID = "crm_id"
            case legalName = "legal_name"
        }
    }

    /// What the engine proposed in its latest evaluation.
    public struct Proposal: Codable, Hashable, Sendable {
        /// `approve`, `refer` or `decline`.
        public var outcome: String
        /// The risk tier, when the scorecard ran.
        public var tier: String?
        /// Scorecard points, when the scorecard ran.
        public var points: Int?
        /// The proposed payment terms.
        public var terms: Terms?
        /// The proposed limit.
        public var limit: Amount?
    }

    /// An approval that waits for a second officer.
    public struct PendingApproval: Codable, Hashable, Sendable {
        /// The officer who approved.
        public var approvedBy: String
        /// When.
        public var approvedAt: Date
        /// The approved terms.
        public var terms: Terms?
        /// The approved limit.
        public var limit: Amount?
        /// The approver's note.
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case approvedBy = "approved_by"
            case approvedAt = "approved_at"
            case terms, limit, note
        }
    }

    /// What an officer asked the customer for.
    public struct InfoRequest: Codable, Hashable, Sendable {
        /// The customer-facing message.
        public var message: String
        /// The officer who asked.
        public var requestedBy: String
        /// When.
        public var requestedAt: Date

        enum CodingKeys: String, CodingKey {
            case message
            case requestedBy = "requested_by"
            case requestedAt = "requested_at"
        }
    }

    /// `rev_…`.
    public var reviewID: String
    /// `app_…`.
    public var applicationID: String
    /// `cus_…`.
    public var customerID: String
    /// CRM id and legal name.
    public var customer: CustomerName
    /// Where the review stands.
    public var status: ReviewStatus
    /// The referral rule that fired first.
    public var reasonCode: String
    /// The policy's officer text for that rule.
    public var reason: String
    /// The officer who holds the review, if any.
    public var assignee: String?
    /// When a decision is due.
    public var dueAt: Date
    /// Whether the due time has passed (as the server sees it).
    public var overdue: Bool
    /// The limit the customer asked for, if they named one.
    public var requestedLimit: Amount?
    /// What the engine proposed.
    public var proposal: Proposal?
    /// While `pending_confirmation`: the approval that waits.
    public var pendingApproval: PendingApproval?
    /// While `awaiting_info`: what was asked.
    public var infoRequest: InfoRequest?
    /// Once decided: `approve` or `decline`.
    public var outcome: String?
    /// Increases with every change; `If-Match` takes it.
    public var version: Int
    /// When the review was opened.
    public var createdAt: Date?
    /// When it last changed.
    public var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case reviewID = "review_id"
        case applicationID = "application_id"
        case customerID = "customer_id"
        case customer, status
        case reasonCode = "reason_code"
        case reason, assignee
        case dueAt = "due_at"
        case overdue
        case requestedLimit = "requested_limit"
        case proposal
        case pendingApproval = "pending_approval"
        case infoRequest = "info_request"
        case outcome, version
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

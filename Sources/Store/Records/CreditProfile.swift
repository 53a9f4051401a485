/// What credit a customer has: status, limit, terms, tier and when to look again.
public struct CreditProfile: Sendable, Hashable {
    /// Where the customer stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// No decision yet.
        case none
        /// Credit granted with the limit and terms below.
        case active
        /// A referral waits for an officer.
        case inReview = "in_review"
        /// Credit refused.
        case declined
        /// An officer put the account on hold.
        case onHold = "on_hold"
    }

    /// Where the customer stands.
    public var status: Status
    /// The credit limit as an exact decimal string (`"26000.00"`), when one is set.
    public var limit: String?
    /// ISO 4217 currency of the limit.
    public var currency: String?
    /// Payment terms code, e.g. `NET30`.
    public var termsCode: String?
    /// Days until an invoice is due.
    public var netDays: Int64?
    /// Deposit required, percent as an exact decimal string.
    public var depositPct: String?
    /// Risk tier from the policy.
    public var tier: String?
    /// Next scheduled credit review, `YYYY-MM-DD`.
    public var nextReviewDate: String?

    /// Creates a credit profile.
    public init(
        status: Status, limit: String? = nil, currency: String? = nil, termsCode: String? = nil,
        netDays: Int64? = nil, depositPct: String? = nil, tier: String? = nil, nextReviewDate: String? = nil
    ) {
        self.status = status
        self.limit = limit
        self.currency = currency
        self.termsCode = termsCode
        self.netDays = netDays
        self.depositPct = depositPct
        self.tier = tier
        self.nextReviewDate = nextReviewDate
    }

    /// The profile of a customer nobody has decided on yet.
    public static let undecided = CreditProfile(status: .none)
}

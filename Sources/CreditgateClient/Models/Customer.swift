/// A customer: CRM record, credit standing and applications (`GET /v1/customers/{id}`).
public struct Customer: Codable, Hashable, Sendable {
    /// What credit the customer has (`credit_profile`).
    public struct Credit: Codable, Hashable, Sendable {
        /// `none`, `active`, `in_review`, `declined` or `on_hold`.
        public var status: String
        /// The credit limit, when set.
        public var limit: Amount?
        /// The payment terms code.
        public var termsCode: String?
        /// Days until an invoice is due.
        public var netDays: Int?
        /// Deposit in percent.
        public var depositPct: DecimalText?
        /// The risk tier.
        public var tier: String?
        /// The next scheduled credit review, `YYYY-MM-DD`.
        public var nextReviewDate: String?

        enum CodingKeys: String, CodingKey {
            case status, limit
            case termsCode = "terms_code"
            case netDays = "net_days"
            case depositPct = "deposit_pct"
            case tier
            case nextReviewDate = "next_review_date"
        }
    }

    /// `cus_…`.
    public var customerID: String
    /// The CRM's id.
    public var crmID: String
    /// The registered name.
    public var legalName: String
    /// The company registration number.
    public var registrationNumber: String?
    /// ISO 3166 country code.
    public var country: String?
    /// Where the customer is reached.
    public var contactEmail: String?
    /// The credit standing.
    public var creditProfile: Credit
    /// Increases with every change; `If-Match` takes it.
    public var version: Int
    /// The customer's applications, newest first as the server lists them.
    public var applications: [Application]

    enum CodingKeys: String, CodingKey {
        case customerID = "customer_id"
        case crmID = "crm_id"
        case legalName = "legal_name"
        case registrationNumber = "registration_number"
        case country
        case contactEmail = "contact_email"
        case creditProfile = "credit_profile"
        case version, applications
    }

    /// Decodes a customer; a missing `applications` is none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        customerID = try c.decode(String.self, forKey: .customerID)
        crmID = try c.decode(String.self, forKey: .crmID)
        legalName = try c.decode(String.self, forKey: .legalName)
        registrationNumber = try c.decodeIfPresent(String.self, forKey: .registrationNumber)
        country = try c.decodeIfPresent(String.self, forKey: .country)
        contactEmail = try c.decodeIfPresent(String.self, forKey: .contactEmail)
        creditProfile = try c.decode(Credit.self, forKey: .creditProfile)
        version = try c.decode(Int.self, forKey: .version)
        applications = try c.decodeIfPresent([Application].self, forKey: .applications) ?? []
    }
}

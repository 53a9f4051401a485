/// A customer's CRM record and its credit profile.
public struct CustomerRecord: Sendable, Hashable {
    /// Creditgate's id for the customer.
    public var id: String
    /// The CRM's facts about the customer.
    public var facts: CustomerFacts
    /// What credit the customer has now.
    public var profile: CreditProfile
    /// Increments on every change (optimistic concurrency).
    public var version: Int64
    /// When the record was created, microseconds since the Unix epoch.
    public var createdAtMicros: Int64
    /// When the record last changed, microseconds since the Unix epoch.
    public var updatedAtMicros: Int64

    /// Creates a customer record.
    public init(
        id: String, facts: CustomerFacts, profile: CreditProfile, version: Int64,
        createdAtMicros: Int64, updatedAtMicros: Int64
    ) {
        self.id = id
        self.facts = facts
        self.profile = profile
        self.version = version
        self.createdAtMicros = createdAtMicros
        self.updatedAtMicros = updatedAtMicros
    }
}

/// The CRM's facts about a customer, as the signup integration sent them.
public struct CustomerFacts: Sendable, Hashable {
    /// The CRM's own id for the customer; unique.
    public var crmID: String
    /// The registered legal name.
    public var legalName: String
    /// The company registration number, when given.
    public var registrationNumber: String?
    /// ISO 3166-1 alpha-2 country code, when given.
    public var country: String?
    /// The contact e-mail address, when given.
    public var contactEmail: String?

    /// Creates customer facts.
    public init(
        crmID: String, legalName: String, registrationNumber: String? = nil, country: String? = nil,
        contactEmail: String? = nil
    ) {
        self.crmID = crmID
        self.legalName = legalName
        self.registrationNumber = registrationNumber
        self.country = country
        self.contactEmail = contactEmail
    }
}

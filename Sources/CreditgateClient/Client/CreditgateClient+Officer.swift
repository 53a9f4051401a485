extension CreditgateClient {
    /// The review queue, earliest due first.
    public func reviews(_ filter: ReviewFilter = ReviewFilter()) async throws(ClientError) -> Answer<ReviewList> {
        try await send(.reviews(filter), as: ReviewList.self)
    }

    /// One review with its application, evaluation, reasons, options and history.
    public func review(id: String) async throws(ClientError) -> Answer<ReviewDetail> {
        try await send(.review(id: id), as: ReviewDetail.self)
    }

    /// Assigns the review to the caller.
    public func claim(reviewID: String, note: String, ifVersion: Int? = nil) async throws(ClientError) -> Answer<Review> {
        try await send(.claim(reviewID: reviewID, note: note, ifVersion: ifVersion), as: Review.self)
    }

    /// Approves, declines or asks for information.
    public func decide(
        reviewID: String, _ decision: ReviewDecision, ifVersion: Int? = nil
    ) async throws(ClientError) -> Answer<Review> {
        try await send(.decide(reviewID: reviewID, decision, ifVersion: ifVersion), as: Review.self)
    }

    /// Confirms another officer's approval (four eyes).
    public func confirm(reviewID: String, note: String, ifVersion: Int? = nil) async throws(ClientError) -> Answer<Review> {
        try await send(.confirm(reviewID: reviewID, note: note, ifVersion: ifVersion), as: Review.self)
    }

    /// A customer by id (`cus_…`).
    public func customer(id: String) async throws(ClientError) -> Answer<Customer> {
        try await send(.customer(id: id), as: Customer.self)
    }

    /// A customer by CRM id.
    public func customer(crmID: String) async throws(ClientError) -> Answer<Customer> {
        try await send(.customer(crmID: crmID), as: Customer.self)
    }

    /// Changes a customer's credit profile, if its version is still `ifVersion` (412 otherwise).
    public func setCreditProfile(
        customerID: String, _ change: CreditProfileChange, ifVersion: Int
    ) async throws(ClientError) -> Answer<Customer> {
        try await send(.setCreditProfile(customerID: customerID, change, ifVersion: ifVersion), as: Customer.self)
    }

    /// An application with its decisions and review.
    public func application(id: String) async throws(ClientError) -> Answer<Application> {
        try await send(.application(id: id), as: Application.self)
    }

    /// The summary report for `[from, to)`, both RFC 3339 (the server defaults to the last 30 days).
    public func summary(from: String? = nil, to: String? = nil) async throws(ClientError) -> Answer<SummaryReport> {
        try await send(.summary(from: from, to: to), as: SummaryReport.self)
    }
}

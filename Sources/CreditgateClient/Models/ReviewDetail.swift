import Foundation

/// The answer of `GET /v1/reviews/{id}`: the review object plus everything an officer needs on
/// one screen.
public struct ReviewDetail: Codable, Hashable, Sendable {
    /// The application as received, with any information sent since.
    public struct ApplicationFile: Codable, Hashable, Sendable {
        /// Information the customer sent after an officer asked.
        public struct Information: Codable, Hashable, Sendable {
            /// When it arrived.
            public var receivedAt: Date
            /// The customer's note to the officer.
            public var message: String?
            /// The JSON merge patch applied to the document.
            public var changes: JSONNode?

            enum CodingKeys: String, CodingKey {
                case receivedAt = "received_at"
                case message, changes
            }
        }

        /// When the application arrived.
        public var receivedAt: Date?
        /// The application document as received.
        public var document: JSONNode?
        /// Information received since, oldest first.
        public var information: [Information]

        enum CodingKeys: String, CodingKey {
            case receivedAt = "received_at"
            case document, information
        }

        /// Decodes the application; a missing `information` is none.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            receivedAt = try c.decodeIfPresent(Date.self, forKey: .receivedAt)
            document = try c.decodeIfPresent(JSONNode.self, forKey: .document)
            information = try c.decodeIfPresent([Information].self, forKey: .information) ?? []
        }
    }

    /// A reason code an officer may decline with.
    public struct DecisionReason: Codable, Hashable, Sendable {
        /// The code, e.g. `LOW_BUREAU_SCORE`.
        public var code: String
        /// What an officer reads.
        public var officerText: String?

        enum CodingKeys: String, CodingKey {
            case code
            case officerText = "officer_text"
        }
    }

    /// Terms an officer may approve with.
    public struct TermsOption: Codable, Hashable, Sendable {
        /// The terms code, e.g. `NET30`.
        public var code: String
        /// Days until an invoice is due.
        public var netDays: Int?
        /// Deposit in percent.
        public var depositPct: DecimalText?
        /// The tier the terms belong to.
        public var tier: String?

        enum CodingKeys: String, CodingKey {
            case code
            case netDays = "net_days"
            case depositPct = "deposit_pct"
            case tier
        }
    }

    /// One entry of the review's history.
    public struct HistoryEntry: Codable, Hashable, Sendable {
        /// `opened`, `claimed`, `approved`, `declined`, `info_requested`,
        /// `information_received` or `confirmed`.
        public var action: String
        /// Who: an officer's name, `engine` or the customer's integration.
        public var actor: String
        /// When.
        public var at: Date
        /// The officer's note.
        public var note: String?
        /// Action-specific details.
        public var details: JSONNode?
    }

    /// The review itself.
    public var review: Review
    /// The application as received.
    public var application: ApplicationFile?
    /// The engine's latest decision, with its trace.
    public var evaluation: EngineDecision?
    /// The reasons of the referral, with officer text.
    public var reasons: [ReviewReason]
    /// Approvals above this limit need a second officer; `nil` when the policy has no such rule.
    public var fourEyesAbove: Amount?
    /// Reason codes an officer may decline with.
    public var decisionReasons: [DecisionReason]
    /// Terms an officer may approve with.
    public var termsOptions: [TermsOption]
    /// What happened so far, oldest first.
    public var history: [HistoryEntry]

    enum CodingKeys: String, CodingKey {
        case application, evaluation, reasons
        case fourEyesAbove = "four_eyes_above"
        case decisionReasons = "decision_reasons"
        case termsOptions = "terms_options"
        case history
    }

    /// Decodes the review object and the members around it from the same JSON object.
    public init(from decoder: any Decoder) throws {
        review = try Review(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        application = try c.decodeIfPresent(ApplicationFile.self, forKey: .application)
        evaluation = try c.decodeIfPresent(EngineDecision.self, forKey: .evaluation)
        reasons = try c.decodeIfPresent([ReviewReason].self, forKey: .reasons) ?? []
        fourEyesAbove = try c.decodeIfPresent(Amount.self, forKey: .fourEyesAbove)
        decisionReasons = try c.decodeIfPresent([DecisionReason].self, forKey: .decisionReasons) ?? []
        termsOptions = try c.decodeIfPresent([TermsOption].self, forKey: .termsOptions) ?? []
        history = try c.decodeIfPresent([HistoryEntry].self, forKey: .history) ?? []
    }

    /// Encodes the review object and the members around it into one JSON object.
    public func encode(to encoder: any Encoder) throws {
        try review.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(application, forKey: .application)
        try c.encodeIfPresent(evaluation, forKey: .evaluation)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(fourEyesAbove, forKey: .fourEyesAbove)
        try c.encode(decisionReasons, forKey: .decisionReasons)
        try c.encode(termsOptions, forKey: .termsOptions)
        try c.encode(history, forKey: .history)
    }
}

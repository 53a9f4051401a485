import Foundation

/// The answer of `GET /v1/reports/summary`: how applications fared in a time range.
public struct SummaryReport: Codable, Hashable, Sendable {
    /// What the engine decided.
    public struct EngineOutcomes: Codable, Hashable, Sendable {
        /// Approved by the engine.
        public var approve: Int
        /// Referred to an officer.
        public var refer: Int
        /// Declined by the engine.
        public var decline: Int
        /// Share approved, 0–1.
        public var approvalRate: Double
        /// Share referred, 0–1.
        public var referralRate: Double
        /// Share declined, 0–1.
        public var declineRate: Double

        enum CodingKeys: String, CodingKey {
            case approve, refer, decline
            case approvalRate = "approval_rate"
            case referralRate = "referral_rate"
            case declineRate = "decline_rate"
        }
    }

    /// Where the applications ended up.
    public struct FinalOutcomes: Codable, Hashable, Sendable {
        /// Approved in the end.
        public var approve: Int
        /// Declined in the end.
        public var decline: Int
        /// Still waiting.
        public var pending: Int
    }

    /// How long final decisions took.
    public struct Durations: Codable, Hashable, Sendable {
        /// Count, median and 90th percentile.
        public struct Figures: Codable, Hashable, Sendable {
            /// How many decisions.
            public var count: Int
            /// Median seconds from receipt to final decision.
            public var medianSeconds: Double?
            /// 90th percentile, seconds.
            public var p90Seconds: Double?

            enum CodingKeys: String, CodingKey {
                case count
                case medianSeconds = "median_seconds"
                case p90Seconds = "p90_seconds"
            }
        }

        /// Decided by the engine alone.
        public var engine: Figures
        /// Decided by an officer.
        public var officer: Figures
    }

    /// The review queue now, whatever the range.
    public struct Queue: Codable, Hashable, Sendable {
        /// Open reviews.
        public var open: Int
        /// Waiting for the customer.
        public var awaitingInfo: Int
        /// Waiting for a second officer.
        public var pendingConfirmation: Int
        /// Past their due time.
        public var overdue: Int

        enum CodingKeys: String, CodingKey {
            case open
            case awaitingInfo = "awaiting_info"
            case pendingConfirmation = "pending_confirmation"
            case overdue
        }
    }

    /// Officer decisions that differ from the engine's proposal.
    public struct Overrides: Codable, Hashable, Sendable {
        /// Overrides of one referral rule.
        public struct ByRule: Codable, Hashable, Sendable {
            /// The referral rule.
            public var reasonCode: String
            /// Reviews decided.
            public var decided: Int
            /// Of those, overridden.
            public var overridden: Int
            /// Share overridden, 0–1.
            public var rate: Double

            enum CodingKeys: String, CodingKey {
                case reasonCode = "reason_code"
                case decided, overridden, rate
            }
        }

        /// Overrides by one officer.
        public struct ByOfficer: Codable, Hashable, Sendable {
            /// The officer's name.
            public var officer: String
            /// Reviews decided.
            public var decided: Int
            /// Of those, overridden.
            public var overridden: Int
            /// Share overridden, 0–1.
            public var rate: Double
        }

        /// Reviews decided in the range.
        public var decidedReviews: Int
        /// Of those, overridden.
        public var overridden: Int
        /// Share overridden, 0–1.
        public var rate: Double
        /// By referral rule.
        public var byRule: [ByRule]
        /// By officer.
        public var byOfficer: [ByOfficer]
        /// Credit-profile changes officers made directly.
        public var profileOverrides: Int

        enum CodingKeys: String, CodingKey {
            case decidedReviews = "decided_reviews"
            case overridden, rate
            case byRule = "by_rule"
            case byOfficer = "by_officer"
            case profileOverrides = "profile_overrides"
        }
    }

    /// Active credit in one tier.
    public struct TierExposure: Codable, Hashable, Sendable {
        /// The tier.
        public var tier: String
        /// Customers with active credit in it.
        public var customers: Int
        /// Their limits, summed.
        public var limit: Amount
    }

    /// Start of the range (inclusive).
    public var from: Date
    /// End of the range (exclusive).
    public var to: Date
    /// When the server computed the report.
    public var generatedAt: Date
    /// Applications received in the range.
    public var applications: Int
    /// The engine's outcomes.
    public var engine: EngineOutcomes
    /// The final outcomes.
    public var final: FinalOutcomes
    /// Time to final decision, by engine and by officer.
    public var timeToFinalDecision: Durations
    /// The review queue now.
    public var reviews: Queue
    /// Officer overrides.
    public var overrides: Overrides
    /// Active credit by tier, now.
    public var exposureByTier: [TierExposure]

    enum CodingKeys: String, CodingKey {
        case from, to
        case generatedAt = "generated_at"
        case applications, engine, final
        case timeToFinalDecision = "time_to_final_decision"
        case reviews, overrides
        case exposureByTier = "exposure_by_tier"
    }
}

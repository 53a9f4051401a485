/// Answers shaped exactly as docs/officer-api.md writes them ("…" filled in).
enum Samples {
    static let review = """
        {
          "review_id": "rev_1", "application_id": "app_1", "customer_id": "cus_1",
          "customer": {"crm_id": "CRM-1", "legal_name": "Acme Ltd"},
          "status": "open",
          "reason_code": "LARGE_LIMIT",
          "reason": "The requested limit is above 150,000 EUR, the most the scorecard may grant.",
          "assignee": "alice",
          "due_at": "2026-11-22T18:00:00Z", "overdue": false,
          "requested_limit": {"amount": "200000.00", "currency": "EUR"},
          "proposal": {
            "outcome": "refer", "tier": "A", "points": 120,
            "terms": {"code": "NET60", "net_days": 60, "deposit_pct": "0"},
            "limit": {"amount": "150000.00", "currency": "EUR"}
          },
          "pending_approval": null,
          "info_request": null,
          "outcome": null,
          "version": 3,
          "created_at": "2026-11-22T14:03:00Z", "updated_at": "2026-11-22T14:10:00.250Z"
        }
        """

    static let reviewList = """
        {"reviews": [\(review)], "now": "2026-11-22T15:55:00Z"}
        """

    static let pendingReview =
        review
        .replacingOccurrences(of: "\"status\": \"open\"", with: "\"status\": \"pending_confirmation\"")
        .replacingOccurrences(
            of: "\"pending_approval\": null",
            with: """
                "pending_approval": {"approved_by": "alice", "approved_at": "2026-11-22T15:00:00Z",
                  "terms": {"code": "NET30", "net_days": 30, "deposit_pct": "0"},
                  "limit": {"amount": "120000.00", "currency": "EUR"}, "note": "Two years of accounts"}
                """)

    static let reviewDetail = """
        {
          "review_id": "rev_1", "application_id": "app_1", "customer_id": "cus_1",
          "customer": {"crm_id": "CRM-1", "legal_name": "Acme Ltd"},
          "status": "awaiting_info", "reason_code": "LARGE_LIMIT", "reason": "The requested limit is above 150,000 EUR.",
          "assignee": "alice", "due_at": "2026-11-22T18:00:00Z", "overdue": true,
          "requested_limit": {"amount": "200000.00", "currency": "EUR"},
          "proposal": {"outcome": "refer", "tier": "A", "points": 120,
            "terms": {"code": "NET60", "net_days": 60, "deposit_pct": "0"},
            "limit": {"amount": "150000.00", "currency": "EUR"}},
          "pending_approval": null,
          "info_request": {"message": "Please send your 2025 accounts", "requested_by": "alice", "requested_at": "2026-11-22T15:00:00Z"},
          "outcome": null, "version": 4,
          "created_at": "2026-11-22T14:03:00Z", "updated_at": "2026-11-22T15:00:00Z",
          "application": {"received_at": "2026-11-22T14:03:00Z",
            "document": {"crm_id": "CRM-1", "requested_limit": {"amount": "200000.00", "currency": "EUR"}, "years_trading": 7},
            "information": [{"received_at": "2026-11-22T15:30:00Z", "message": "Accounts attached", "changes": {"years_trading": 8}}]},
          "evaluation": {"outcome": "refer", "tier": "A", "points": 120,
            "terms": {"code": "NET60", "net_days": 60, "deposit_pct": 0},
            "limit": {"amount": "150000.00", "currency": "EUR"}, "deposit_pct": 0,
            "reasons": [{"code": "LARGE_LIMIT", "officer_text": "The requested limit is above 150,000 EUR.", "customer_text": "We need to look at this."}],
            "adverse_action": null,
            "policy": {"id": "standard", "version": 3, "sha256": "ab12"},
            "evaluated_at": "2026-11-22T14:03:00Z",
            "trace": [
              {"kind": "knockout", "name": "sanctions_hit", "expression": "sanctions.hit", "read": {"sanctions.hit": false}, "result": false},
              {"kind": "characteristic", "name": "years_trading", "expression": "years_trading", "read": {"years_trading": 7}, "result": 7, "band": "5-10", "points": 30, "max_points": 40},
              {"kind": "characteristic", "name": "country_risk", "expression": "country", "read": {"country": "SE"}, "result": "SE", "band": "low", "points": 0, "max_points": 20},
              {"kind": "tier", "name": "A", "expression": "points >= 100", "read": {"points": 120}, "result": true, "points": 120},
              {"kind": "limit", "name": "A", "expression": "min(requested_limit, 150000)", "read": {"requested_limit.amount": 200000.00}, "result": 150000.00},
              {"kind": "referral", "name": "LARGE_LIMIT", "expression": "requested_limit > 150000", "read": {"requested_limit.amount": 200000.00}, "result": true}
            ]},
          "reasons": [{"code": "LARGE_LIMIT", "officer_text": "The requested limit is above 150,000 EUR.", "customer_text": "We need to look at this."}],
          "four_eyes_above": {"amount": "100000.00", "currency": "EUR"},
          "decision_reasons": [{"code": "LOW_BUREAU_SCORE", "officer_text": "Bureau score below 500"}],
          "terms_options": [{"code": "NET60", "net_days": 60, "deposit_pct": "0", "tier": "A"}, {"code": "NET30", "net_days": 30, "deposit_pct": "10", "tier": "B"}],
          "history": [
            {"action": "opened", "actor": "engine", "at": "2026-11-22T14:03:00Z", "note": null, "details": {"reason_code": "LARGE_LIMIT"}},
            {"action": "claimed", "actor": "alice", "at": "2026-11-22T14:10:00Z", "note": "Mine", "details": {}},
            {"action": "info_requested", "actor": "alice", "at": "2026-11-22T15:00:00Z", "note": "Old accounts", "details": null}
          ]
        }
        """

    static let customer = """
        {"customer_id": "cus_1", "crm_id": "CRM-1", "legal_name": "Acme Ltd", "registration_number": "556677-8899",
         "country": "SE", "contact_email": null,
         "credit_profile": {"status": "active", "limit": {"amount": "26000.00", "currency": "EUR"}, "terms_code": "NET30",
           "net_days": 30, "deposit_pct": "0", "tier": "B", "next_review_date": "2027-05-22"},
         "version": 4,
         "applications": [
           {"application_id": "app_1", "customer_id": "cus_1", "status": "decided", "received_at": "2026-11-22T14:03:00Z",
            "decisions": [
              {"decision_id": "dec_1", "made_by": "engine", "outcome": "refer", "tier": "A", "points": 120,
               "terms_code": "NET60", "net_days": 60, "deposit_pct": "0", "limit": {"amount": "150000.00", "currency": "EUR"},
               "reason_codes": ["LARGE_LIMIT"], "policy": {"id": "standard", "version": 3, "sha256": "ab12"},
               "evaluated_at": "2026-11-22T14:03:00Z"},
              {"decision_id": "dec_2", "made_by": "alice", "outcome": "approve", "tier": "B", "points": null,
               "terms_code": "NET30", "net_days": 30, "deposit_pct": "0", "limit": {"amount": "26000.00", "currency": "EUR"},
               "reason_codes": [], "policy": {"id": "standard", "version": 3, "sha256": "ab12"},
               "evaluated_at": "2026-11-22T16:00:00Z"}],
            "review": {"review_id": "rev_1", "status": "decided", "reason_code": "LARGE_LIMIT", "due_at": "2026-11-22T18:00:00Z"}}
         ]}
        """

    static let report = """
        {
          "from": "2026-10-23T14:03:00Z", "to": "2026-11-22T14:03:00Z", "generated_at": "2026-11-22T14:03:01Z",
          "applications": 120,
          "engine": {"approve": 80, "refer": 20, "decline": 20,
                     "approval_rate": 0.6667, "referral_rate": 0.1667, "decline_rate": 0.1667},
          "final": {"approve": 92, "decline": 24, "pending": 4},
          "time_to_final_decision": {
            "engine":  {"count": 100, "median_seconds": 0.0, "p90_seconds": 0.0},
            "officer": {"count": 16,  "median_seconds": 5400.0, "p90_seconds": 14000.0}
          },
          "reviews": {"open": 3, "awaiting_info": 1, "pending_confirmation": 0, "overdue": 2},
          "overrides": {
            "decided_reviews": 16, "overridden": 5, "rate": 0.3125,
            "by_rule":    [{"reason_code": "LARGE_LIMIT", "decided": 10, "overridden": 3, "rate": 0.3}],
            "by_officer": [{"officer": "alice", "decided": 9, "overridden": 2, "rate": 0.2222}],
            "profile_overrides": 2
          },
          "exposure_by_tier": [{"tier": "A", "customers": 12, "limit": {"amount": "1200000.00", "currency": "EUR"}}]
        }
        """
}

/// Audit and replay answers shaped exactly as the server writes them (from a real server).
enum AuditSamples {
    static let decidedEntry = """
        {"seq":12,"time":"2026-11-22T16:36:00.805028Z","actor":"key:key_9bb6a1cf9f39","action":"application.decided",\
        "subject_type":"application","subject_id":"app_c67f","payload":{"application_id":"app_c67f",\
        "credit_status":"in_review","crm_id":"CRM-1004","decision_sha256":"76985afa464b0e18f447d5ad5fa4aa92c852c6e317ac6ad9b3b6580764170649",\
        "evaluated_at_us":1795365360805028,"limit":{"amount":"250000.00","currency":"EUR"},"made_by":"engine",\
        "outcome":"refer","policy":{"id":"standard","sha256":"65d13010904342d6f7e9af953186888749ac5e8f5b2ff3c509d0e1cdfce24b87","version":1},\
        "reason_codes":["LARGE_LIMIT"],"terms_code":"NET60","tier":"A"},\
        "prev_hash":"072c688a1fe4bbf90227527c0159cf83967094e04ecb323e0fa216574a48b7b9",\
        "hash":"05a7a31f641fdc549c0b56015fa95d5de8065a1078bce7167014f4ff550f59a2"}
        """

    static let readEntry = """
        {"seq":18,"time":"2026-11-22T16:40:00Z","actor":"key:key_7748c2553f11","action":"audit.read",\
        "subject_type":"audit_log","subject_id":"*","payload":{"entries":3,"filters":{"action":null,"actor":null,\
        "after_seq":0,"from":null,"subject_id":null,"subject_type":null,"to":null}},\
        "prev_hash":"05a7a31f641fdc549c0b56015fa95d5de8065a1078bce7167014f4ff550f59a2",\
        "hash":"1111111111111111111111111111111111111111111111111111111111111111"}
        """

    static let page = """
        {"entries":[\(decidedEntry),\(readEntry)],"next_cursor":"18"}
        """

    static let lastPage = """
        {"entries":[],"next_cursor":null}
        """

    static let replayIdentical = """
        {"application_id":"app_c67f","decisions":[{"decision_id":"dec_1","made_by":"engine",\
        "policy":{"id":"standard","version":1,"sha256":"65d1"},"evaluated_at":"2026-11-22T16:36:00.805028Z",\
        "replayed":true,"identical":true,"detail":"identical, byte for byte"},\
        {"decision_id":"dec_2","made_by":"alice","policy":{"id":"standard","version":1,"sha256":"65d1"},\
        "evaluated_at":"2026-11-22T17:00:00Z","replayed":false,"identical":null,\
        "detail":"an officer's decision; the engine decision it reviewed is replayed above"}],"identical":true}
        """

    static let replayDifferent = """
        {"application_id":"app_9","decisions":[{"decision_id":"dec_1","made_by":"engine",\
        "policy":{"id":"standard","version":2,"sha256":"aa"},"evaluated_at":"2026-11-22T16:36:00Z",\
        "replayed":true,"identical":false,"detail":"the replayed decision differs from the stored one",\
        "stored_sha256":"0123456789abcdef0123","replayed_sha256":"fedcba9876543210fedc"},\
        {"decision_id":"dec_3","made_by":"engine","policy":{"id":"standard","version":3,"sha256":"bb"},\
        "evaluated_at":"2026-11-23T09:00:00Z","replayed":true,"identical":false,\
        "detail":"could not be replayed: no policy with sha256 bb"}],"identical":false}
        """
}

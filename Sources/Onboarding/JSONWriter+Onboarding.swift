import CreditPolicy

/// The small JSON objects every Onboarding answer repeats, written one way.
extension JSONWriter {
    /// `{"amount": "26000.00", "currency": "EUR"}`.
    mutating func money(amount: String, currency: String) {
        beginObject()
        key("amount")
        string(amount)
        key("currency")
        string(currency)
        endObject()
    }

    /// `{"id": …, "version": …, "sha256": …}`: which policy decided.
    mutating func policyReference(id: String, version: Int, sha256: String) {
        beginObject()
        key("id")
        string(id)
        key("version")
        int(version)
        key("sha256")
        string(sha256)
        endObject()
    }

    /// `{"code": "NET30", "net_days": 30, "deposit_pct": 0}`: payment terms, or `null`.
    mutating func terms(_ terms: PaymentTerms?) {
        guard let terms else { return null() }
        beginObject()
        key("code")
        string(terms.code)
        key("net_days")
        int(terms.netDays)
        key("deposit_pct")
        number(terms.depositPct)
        endObject()
    }

    /// `[{"code": …, "text": …}, …]`: reasons with the text the reader sees.
    mutating func reasons(_ reasons: [(code: String, text: String)]) {
        beginArray()
        for reason in reasons {
            beginObject()
            key("code")
            string(reason.code)
            key("text")
            string(reason.text)
            endObject()
        }
        endArray()
    }

    /// A string, or `null`.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An integer, or `null`.
    mutating func optionalInt(_ value: Int64?) {
        if let value { int(Int(value)) } else { null() }
    }
}

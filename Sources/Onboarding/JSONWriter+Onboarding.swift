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

    /// A string, or `null`.
    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An integer, or `null`.
    mutating func optionalInt(_ value: Int64?) {
        if let value { int(Int(value)) } else { null() }
    }
}

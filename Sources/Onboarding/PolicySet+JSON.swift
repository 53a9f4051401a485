import CreditPolicy

extension PolicySet {
    /// `{"policies": [...]}` as `GET /v1/policies` answers.
    public var json: String {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        w.key("policies")
        w.beginArray()
        for live in policies { live.write(to: &w) }
        w.endArray()
        w.endObject()
        return w.string
    }
}

extension LivePolicy {
    /// One policy as `GET /v1/policies/{id}` answers.
    public var json: String {
        var w = JSONWriter(capacity: 512)
        write(to: &w)
        return w.string
    }

    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("id")
        w.string(policy.id)
        w.key("version")
        w.int(policy.version)
        w.key("sha256")
        w.string(policy.sha256)
        w.key("effective_from")
        w.timestamp(policy.effectiveFrom)
        w.key("description")
        w.string(policy.description)
        w.key("default")
        w.bool(isDefault)
        w.key("applies_to")
        if let priority = policy.selectionPriority {
            w.beginObject()
            w.key("when")
            w.string(policy.selectionCondition ?? "")
            w.key("priority")
            w.int(priority)
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
    }
}

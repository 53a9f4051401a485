extension Decision {
    /// Writes the decision as compact JSON with a fixed member order, so equal decisions are
    /// equal bytes. The trace is written only when the decision has one.
    public func write(to w: inout JSONWriter) {
        // Fixed text goes out as literal chunks; only values are formatted. The member order
        // is fixed: equal decisions are equal bytes.
        w.beginObject()
        w.literal("\"outcome\":\"")
        switch outcome {
        case .approve: w.literal("approve\",\"tier\":")
        case .refer: w.literal("refer\",\"tier\":")
        case .decline: w.literal("decline\",\"tier\":")
        }
        if let tier { w.string(tier) } else { w.null() }
        w.literal(",\"points\":")
        if let points { w.int(points) } else { w.null() }
        w.literal(",\"terms\":")
        if let terms { w.raw(terms.encoded) } else { w.null() }
        w.literal(",\"limit\":{\"amount\":")
        w.decimalString(limit.amount, fractionDigits: limit.minorUnits)
        w.literal(",\"currency\":")
        w.string(limit.currency)
        w.literal("},\"deposit_pct\":")
        w.number(depositPct)
        w.literal(",\"reasons\":")
        w.beginArray()
        for r in reasons { w.raw(r.encoded) }
        w.endArray()
        w.literal(",\"adverse_action\":")
        if let adverseAction {
            w.literal(adverseAction.kind == .decline ? "{\"kind\":\"decline\",\"factors\":" : "{\"kind\":\"counteroffer\",\"factors\":")
            w.beginArray()
            for f in adverseAction.factors {
                w.beginObject()
                w.raw(f.reason.encodedMembers)
                if let lost = f.pointsLost {
                    w.key("points_lost")
                    w.int(lost)
                }
                w.endObject()
            }
            w.endArray()
            w.literal("}")
        } else {
            w.null()
        }
        w.literal(",\"policy\":")
        w.raw(policy.encoded)
        w.literal(",\"evaluated_at\":")
        w.timestamp(evaluatedAt)
        if let trace {
            w.key("trace")
            w.beginArray()
            for step in trace { Self.write(step, to: &w) }
            w.endArray()
        }
        w.endObject()
    }

    /// The decision as a JSON string.
    public var json: String {
        var w = JSONWriter()
        write(to: &w)
        return w.string
    }

    static func write(_ r: Reason, to w: inout JSONWriter) {
        w.raw(r.encoded)
    }

    static func write(_ s: TraceStep, to w: inout JSONWriter) {
        w.beginObject()
        w.key("kind")
        w.string(s.kind.rawValue)
        w.key("name")
        w.string(s.name)
        w.key("expression")
        w.string(s.expression)
        w.key("read")
        w.beginObject()
        for m in s.read {
            w.dynamicKey(m.key)
            w.value(m.value)
        }
        w.endObject()
        w.key("result")
        w.value(s.result)
        if let band = s.band {
            w.key("band")
            w.string(band)
        }
        if let points = s.points {
            w.key("points")
            w.int(points)
        }
        if let maxPoints = s.maxPoints {
            w.key("max_points")
            w.int(maxPoints)
        }
        w.endObject()
    }
}

extension InputErrors {
    /// Writes the errors as a JSON array of `{pointer, path, code, message}`.
    public func write(to w: inout JSONWriter) {
        w.beginArray()
        for e in errors {
            w.beginObject()
            w.key("pointer")
            w.string(e.pointer)
            w.key("path")
            w.string(e.path)
            w.key("code")
            w.string(e.code.rawValue)
            w.key("message")
            w.string(e.message)
            w.endObject()
        }
        w.endArray()
    }
}

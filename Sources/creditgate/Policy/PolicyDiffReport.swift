import CreditPolicy

/// Renders a ``PolicyComparison`` as a table for people or as JSON.
enum PolicyDiffReport {
    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, w - s.count))
        return right ? fill + s : s + fill
    }

    static func grouped(_ d: ExactDecimal, _ minor: Int = 2) -> String {
        let text = d.formatted(fractionDigits: minor)
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        let negative = whole.hasPrefix("-")
        if negative { whole.removeFirst() }
        var out = ""
        for (i, c) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (negative ? "-" : "") + String(out.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
    }

    static func summary(_ d: Decision?, _ error: String?) -> String {
        guard let d else { return "invalid (\(error ?? "?"))" }
        var s = d.outcome.rawValue
        if let t = d.tier { s += " \(t)" }
        if let terms = d.terms { s += " \(terms.code)" }
        s += " \(d.limit.amountText)"
        if let r = d.reasons.first, d.outcome != .approve { s += " [\(d.reasons.map(\.code).joined(separator: ","))]"; _ = r }
        return s
    }

    static func text(_ c: PolicyComparison, invalidJSONLines: Int, show: Int, currency: Currency) -> [String] {
        var out: [String] = []
        out.append("Policy diff: \(c.old.id) v\(c.old.version) → \(c.new.id) v\(c.new.version), \(c.total) application\(c.total == 1 ? "" : "s")")
        if invalidJSONLines > 0 { out.append("(\(invalidJSONLines) lines were not valid JSON and were skipped)") }
        out.append("")
        out.append("\(pad("", 18))\(pad("before", 16, right: true))\(pad("after", 16, right: true))")
        for o in Outcome.allCases {
            let b = "\(c.before.outcomes[o, default: 0]) (\(percent(c.before.rate(o))))"
            let a = "\(c.after.outcomes[o, default: 0]) (\(percent(c.after.rate(o))))"
            out.append("\(pad(o.rawValue, 18))\(pad(b, 16, right: true))\(pad(a, 16, right: true))")
        }
        if c.before.errors + c.after.errors > 0 {
            out.append("\(pad("invalid", 18))\(pad("\(c.before.errors)", 16, right: true))\(pad("\(c.after.errors)", 16, right: true))")
        }
        out.append(
            "\(pad("granted limit", 18))\(pad(grouped(c.before.grantedLimit, currency.minorUnits), 18, right: true))\(pad(grouped(c.after.grantedLimit, currency.minorUnits), 18, right: true)) \(currency.code)"
        )
        out.append("")
        out.append(
            "Changed: \(c.changes.count) application\(c.changes.count == 1 ? "" : "s") — outcome \(c.outcomeChanges), tier \(c.tierChanges), terms \(c.termsChanges), limit \(c.limitChanges)"
        )
        for (t, n) in c.transitions.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            out.append("  \(pad(t, 22)) \(n)")
        }
        if !c.changes.isEmpty {
            out.append("")
            out.append("\(pad("line", 8))\(pad("before", 40))after")
            for change in c.changes.prefix(show) {
                out.append("\(pad(String(change.line), 8))\(pad(summary(change.before, change.beforeError), 40))\(summary(change.after, change.afterError))")
            }
            if c.changes.count > show { out.append("… and \(c.changes.count - show) more (use --show N or --json)") }
        }
        return out
    }

    static func writeSide(_ s: PolicyComparison.Side, _ currency: Currency, _ w: inout JSONWriter) {
        w.beginObject()
        for o in Outcome.allCases {
            switch o {
            case .approve: w.key("approve")
            case .refer: w.key("refer")
            case .decline: w.key("decline")
            }
            w.int(s.outcomes[o, default: 0])
        }
        w.key("invalid")
        w.int(s.errors)
        w.key("approval_rate")
        w.number(ExactDecimal(percent(s.rate(.approve)).dropLast().description)!.dividing100)
        w.key("referral_rate")
        w.number(ExactDecimal(percent(s.rate(.refer)).dropLast().description)!.dividing100)
        w.key("decline_rate")
        w.number(ExactDecimal(percent(s.rate(.decline)).dropLast().description)!.dividing100)
        w.key("granted_limit")
        w.decimalString(s.grantedLimit, fractionDigits: currency.minorUnits)
        w.endObject()
    }

    static func writeJSON(_ c: PolicyComparison, invalidJSONLines: Int, currency: Currency, to w: inout JSONWriter) {
        w.beginObject()
        w.key("old")
        w.beginObject(); w.key("id"); w.string(c.old.id); w.key("version"); w.int(c.old.version); w.key("sha256"); w.string(c.old.sha256); w.endObject()
        w.key("new")
        w.beginObject(); w.key("id"); w.string(c.new.id); w.key("version"); w.int(c.new.version); w.key("sha256"); w.string(c.new.sha256); w.endObject()
        w.key("applications")
        w.int(c.total)
        w.key("invalid_json_lines")
        w.int(invalidJSONLines)
        w.key("before")
        writeSide(c.before, currency, &w)
        w.key("after")
        writeSide(c.after, currency, &w)
        w.key("changed")
        w.beginObject()
        w.key("applications"); w.int(c.changes.count)
        w.key("outcome"); w.int(c.outcomeChanges)
        w.key("tier"); w.int(c.tierChanges)
        w.key("terms"); w.int(c.termsChanges)
        w.key("limit"); w.int(c.limitChanges)
        w.key("transitions")
        w.beginObject()
        for (t, n) in c.transitions.sorted(by: { $0.key < $1.key }) {
            w.dynamicKey(t)
            w.int(n)
        }
        w.endObject()
        w.endObject()
        w.key("cases")
        w.beginArray()
        for change in c.changes {
            w.beginObject()
            w.key("line"); w.int(change.line)
            w.key("before"); writeCase(change.before, change.beforeError, &w)
            w.key("after"); writeCase(change.after, change.afterError, &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func writeCase(_ d: Decision?, _ error: String?, _ w: inout JSONWriter) {
        guard let d else {
            w.beginObject(); w.key("error"); w.string(error ?? "invalid"); w.endObject()
            return
        }
        w.beginObject()
        w.key("outcome"); w.string(d.outcome.rawValue)
        w.key("tier"); if let t = d.tier { w.string(t) } else { w.null() }
        w.key("terms"); if let t = d.terms { w.string(t.code) } else { w.null() }
        w.key("limit"); w.string(d.limit.amountText)
        w.key("reasons"); w.beginArray(); for r in d.reasons { w.string(r.code) }; w.endArray()
        w.endObject()
    }
}

extension ExactDecimal {
    /// The value divided by 100 (percent to fraction), exact.
    var dividing100: ExactDecimal { (try? dividing(by: ExactDecimal(100))) ?? self }
}

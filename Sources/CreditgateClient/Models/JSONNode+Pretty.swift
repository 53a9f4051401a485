extension JSONNode {
    /// The value as indented JSON, keys sorted, one member per line: what `audit show` prints.
    /// - Parameter indent: Put before every line.
    public func prettyLines(indent: String = "") -> [String] {
        var lines: [String] = []
        appendPretty(to: &lines, prefix: indent, level: indent, suffix: "")
        return lines
    }

    private func appendPretty(to lines: inout [String], prefix: String, level: String, suffix: String) {
        let inner = level + "  "
        switch self {
        case .array(let values) where !values.isEmpty:
            lines.append(prefix + "[")
            for (index, value) in values.enumerated() {
                value.appendPretty(to: &lines, prefix: inner, level: inner, suffix: index < values.count - 1 ? "," : "")
            }
            lines.append(level + "]" + suffix)
        case .object(let members) where !members.isEmpty:
            lines.append(prefix + "{")
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                members[key]!.appendPretty(
                    to: &lines, prefix: inner + Self.quoted(key) + ": ", level: inner,
                    suffix: index < keys.count - 1 ? "," : "")
            }
            lines.append(level + "}" + suffix)
        case .array: lines.append(prefix + "[]" + suffix)
        case .object: lines.append(prefix + "{}" + suffix)
        case .string(let value): lines.append(prefix + Self.quoted(value) + suffix)
        default: lines.append(prefix + jsonText + suffix)
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

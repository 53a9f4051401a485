import Yams

/// A policy file's text with helpers to turn YAML nodes and expression offsets into locations.
struct YAMLSource {
    let file: String
    /// Each line as Unicode scalars (libyaml counts columns in scalars).
    let lines: [[Unicode.Scalar]]

    init(file: String, text: String) {
        self.file = file
        self.lines = Self.lines(text)
    }

    /// The text's lines as Unicode scalars. Split on scalars, not characters: "\r\n" is one
    /// Character, and CRLF files must split too (the "\r" stays at the line's end, where it
    /// is whitespace to every consumer).
    static func lines(_ text: String) -> [[Unicode.Scalar]] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// The location of byte `offset` inside the text of scalar `node`.
    ///
    /// Walks the source from the scalar's start, matching the value's non-blank characters in
    /// order (an escape sequence in a quoted scalar stands for one character), so it is exact
    /// for plain, quoted, literal and folded scalars. An offset at the end of the value points
    /// just past its last character.
    func location(_ node: Node, offset: Int) -> SourceLocation {
        guard case .scalar(let scalar) = node, let mark = node.mark else { return location(node) }
        let value = scalar.string
        let prefix = String(decoding: Array(value.utf8).prefix(offset), as: UTF8.self)
        let total = value.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        let target = prefix.unicodeScalars.filter { !$0.properties.isWhitespace }.count
        guard total > 0 else { return location(node) }
        var line = mark.line - 1
        var column = mark.column - 1
        switch scalar.style {
        case .literal, .folded:
            line += 1
            column = 0
        case .singleQuoted, .doubleQuoted:
            column += 1
        default:
            break
        }
        var seen = 0
        var last = location(node)
        while line < lines.count {
            let chars = lines[line]
            while column < chars.count {
                let c = chars[column]
                if c.properties.isWhitespace {
                    column += 1
                    continue
                }
                let here = SourceLocation(file: file, line: line + 1, column: column + 1)
                var width = 1
                var counts = true
                if scalar.style == .doubleQuoted && c == "\\" && column + 1 < chars.count {
                    let e = chars[column + 1]
                    switch e {
                    case "x", "u", "U":
                        // A hex escape stands for one character; whitespace is skipped like any other.
                        let digits = e == "x" ? 2 : (e == "u" ? 4 : 8)
                        width = 2 + digits
                        let hex = String(String.UnicodeScalarView(chars[min(chars.count, column + 2)..<min(chars.count, column + 2 + digits)]))
                        if let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code), decoded.properties.isWhitespace { counts = false }
                    case " ", "t", "\t", "n", "r", "_", "N", "L", "P", "f", "v":
                        width = 2
                        counts = false  // these escapes stand for whitespace, which the match skips
                    default: width = 2
                    }
                } else if scalar.style == .doubleQuoted && c == "\\" {
                    counts = false  // an escaped line break
                } else if scalar.style == .singleQuoted && c == "'" && column + 1 < chars.count && chars[column + 1] == "'" {
                    width = 2
                }
                if counts {
                    if seen == target { return here }
                    seen += 1
                    last = SourceLocation(file: file, line: line + 1, column: column + width + 1)
                    if seen == total { return last }  // the offset is at the end of the value
                }
                column += width
            }
            line += 1
            column = 0
        }
        return last
    }
}

extension Node {
    /// A word for the node's kind, for messages.
    var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping (key: value pairs)"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Converts YAML to a JSON value using the YAML 1.2 core schema for plain scalars, with
    /// numbers kept exact. Quoted scalars are always strings. Returns `nil` for a key that is not
    /// text, an unresolved alias, or when more than `budget` nodes would be produced: aliases
    /// share nodes, so a few lines can stand for billions of them ("billion laughs").
    func jsonValue(budget: inout Int) -> JSONValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch self {
        case .scalar(let s):
            guard s.style == .plain || s.style == .any else { return .string(s.string) }
            return Node.plainScalarValue(s.string)
        case .sequence(let seq):
            var items: [JSONValue] = []
            for n in seq {
                guard let v = n.jsonValue(budget: &budget) else { return nil }
                items.append(v)
            }
            return .array(items)
        case .mapping(let map):
            var members: [JSONValue.Member] = []
            for (k, v) in map {
                guard case .scalar(let key) = k, let value = v.jsonValue(budget: &budget) else { return nil }
                members.append(JSONValue.Member(key.string, value))
            }
            return .object(members)
        case .alias:
            return nil
        }
    }

    static func plainScalarValue(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") || (first >= 48 && first <= 57),
            let n = ExactDecimal(text)
        {
            return .number(n)
        }
        return .string(text)
    }
}

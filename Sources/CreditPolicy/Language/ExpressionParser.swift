/// Parses the policy expression language into ``Syntax``.
///
/// Grammar (lowest precedence first):
/// ```
/// or      := and ("or" and)*
/// and     := not ("and" not)*
/// not     := "not" not | compare
/// compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum | "in" sum | "not" "in" sum)?
/// sum     := product (("+"|"-") product)*
/// product := unary (("*"|"/") unary)*
/// unary   := "-" unary | primary
/// primary := number | string | true | false | null | "[" list "]" | name "(" args ")"
///          | path | "(" or ")"
/// path    := name ("[]")? ("." name ("[]")?)*
/// ```
/// Comparisons do not chain. Cost is bounded: at most ``maxLength`` bytes, ``maxNodes``
/// nodes and ``maxDepth`` levels of nesting.
struct ExpressionParser {
    static let maxLength = 4_000
    static let maxNodes = 500
    static let maxDepth = 32

    enum Token: Equatable {
        case number(ExactDecimal)
        case string(String)
        case name(String)
        case symbol(String)
        case end
    }

    let text: [UInt8]
    var tokens: [(token: Token, span: Span)] = []
    var position = 0
    var nodes = 0
    var depth = 0

    static func parse(_ source: String) throws(ExpressionError) -> Syntax {
        guard source.utf8.count <= maxLength else {
            throw ExpressionError(code: .expressionTooComplex, message: "expression longer than \(maxLength) characters", offset: 0)
        }
        var parser = ExpressionParser(text: Array(source.utf8))
        try parser.tokenize()
        if case .end = parser.tokens[0].token {
            throw ExpressionError(code: .expressionSyntax, message: "empty expression", offset: 0)
        }
        let result = try parser.parseOr()
        guard case .end = parser.current.token else {
            throw parser.unexpected("an operator or the end of the expression")
        }
        return result
    }

    var current: (token: Token, span: Span) { tokens[position] }

    func unexpected(_ expected: String) -> ExpressionError {
        let (token, span) = current
        let found: String
        switch token {
        case .end: found = "the end of the expression"
        case .number(let n): found = "number \(n)"
        case .string(let s): found = "string \"\(s)\""
        case .name(let n): found = "'\(n)'"
        case .symbol(let s): found = "'\(s)'"
        }
        return ExpressionError(code: .expressionSyntax, message: "expected \(expected), found \(found)", offset: span.start)
    }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func isSymbol(_ s: String) -> Bool {
        if case .symbol(let x) = current.token { return x == s }
        return false
    }

    func isName(_ s: String) -> Bool {
        if case .name(let x) = current.token { return x == s }
        return false
    }

    mutating func node() throws(ExpressionError) {
        nodes += 1
        if nodes > Self.maxNodes {
            throw ExpressionError(code: .expressionTooComplex, message: "expression has more than \(Self.maxNodes) parts", offset: current.span.start)
        }
    }

    // MARK: Tokens

    mutating func tokenize() throws(ExpressionError) {
        var i = 0
        let n = text.count
        while i < n {
            let c = text[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                i += 1
                continue
            }
            let start = i
            if isDigit(c) || (c == UInt8(ascii: ".") && i + 1 < n && isDigit(text[i + 1])) {
                while i < n, isDigit(text[i]) || text[i] == UInt8(ascii: ".") || text[i] == UInt8(ascii: "_") { i += 1 }
                if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
                    var j = i + 1
                    if j < n, text[j] == UInt8(ascii: "+") || text[j] == UInt8(ascii: "-") { j += 1 }
                    if j < n, isDigit(text[j]) {
                        i = j
                        while i < n, isDigit(text[i]) { i += 1 }
                    }
                }
                if i < n, isNameStart(text[i]) {
                    throw ExpressionError(code: .expressionSyntax, message: "a name cannot start with a digit", offset: start)
                }
                let literal = text[start..<i]
                let value = literal.withUnsafeBufferPointer { ExactDecimal.parse($0) }
                guard let value, literal.last != UInt8(ascii: "_") else {
                    throw ExpressionError(code: .expressionSyntax, message: "invalid number '\(String(decoding: literal, as: UTF8.self))'", offset: start)
                }
                tokens.append((.number(value), Span(start: start, end: i)))
                continue
            }
            if isNameStart(c) {
                while i < n, isNameStart(text[i]) || isDigit(text[i]) { i += 1 }
                tokens.append((.name(String(decoding: text[start..<i], as: UTF8.self)), Span(start: start, end: i)))
                continue
            }
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                i += 1
                var bytes: [UInt8] = []
                var closed = false
                while i < n {
                    if text[i] == c {
                        closed = true
                        i += 1
                        break
                    }
                    if text[i] == UInt8(ascii: "\\"), i + 1 < n {
                        bytes.append(text[i + 1])
                        i += 2
                        continue
                    }
                    bytes.append(text[i])
                    i += 1
                }
                guard closed else {
                    throw ExpressionError(code: .expressionSyntax, message: "unterminated string", offset: start)
                }
                tokens.append((.string(String(decoding: bytes, as: UTF8.self)), Span(start: start, end: i)))
                continue
            }
            let two = i + 1 < n ? String(decoding: text[i...i + 1], as: UTF8.self) : ""
            switch two {
            case "==", "!=", "<=", ">=":
                tokens.append((.symbol(two), Span(start: i, end: i + 2)))
                i += 2
                continue
            case "&&", "||":
                throw ExpressionError(code: .expressionSyntax, message: "use '\(two == "&&" ? "and" : "or")' instead of '\(two)'", offset: i)
            default:
                break
            }
            switch c {
            case UInt8(ascii: "="):
                throw ExpressionError(code: .expressionSyntax, message: "use '==' to compare ('=' assigns nothing here)", offset: i)
            case UInt8(ascii: "!"):
                throw ExpressionError(code: .expressionSyntax, message: "use 'not' instead of '!'", offset: i)
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","),
                UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"),
                UInt8(ascii: "<"), UInt8(ascii: ">"):
                tokens.append((.symbol(String(UnicodeScalar(c))), Span(start: i, end: i + 1)))
                i += 1
            default:
                let scalarText = String(decoding: text[i...], as: UTF8.self).prefix(1)
                throw ExpressionError(code: .expressionSyntax, message: "unexpected character '\(scalarText)'", offset: i)
            }
        }
        tokens.append((.end, Span(start: n, end: n)))
    }

    func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    func isNameStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == UInt8(ascii: "_")
    }

    // MARK: Grammar

    mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw ExpressionError(code: .expressionTooComplex, message: "expression nested deeper than \(Self.maxDepth) levels", offset: current.span.start)
        }
        return try body(&self)
    }

    mutating func parseOr() throws(ExpressionError) -> Syntax {
        var left = try parseAnd()
        while isName("or") {
            advance()
            try node()
            let right = try parseAnd()
            left = .binary(.or, left, right, Span(start: left.span.start, end: right.span.end))
        }
        return left
    }

    mutating func parseAnd() throws(ExpressionError) -> Syntax {
        var left = try parseNot()
        while isName("and") {
            advance()
            try node()
            let right = try parseNot()
            left = .binary(.and, left, right, Span(start: left.span.start, end: right.span.end))
        }
        return left
    }

    mutating func parseNot() throws(ExpressionError) -> Syntax {
        if isName("not") {
            let start = current.span.start
            advance()
            try node()
            let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseNot() }
            return .unary(.not, operand, Span(start: start, end: operand.span.end))
        }
        return try parseComparison()
    }

    mutating func comparisonOperator() -> BinaryOperator? {
        switch current.token {
        case .symbol("=="): return .equal
        case .symbol("!="): return .notEqual
        case .symbol("<"): return .less
        case .symbol("<="): return .lessOrEqual
        case .symbol(">"): return .greater
        case .symbol(">="): return .greaterOrEqual
        case .name("in"): return .in
        case .name("not"):
            if position + 1 < tokens.count, case .name("in") = tokens[position + 1].token { return .notIn }
            return nil
        default: return nil
        }
    }

    mutating func parseComparison() throws(ExpressionError) -> Syntax {
        let left = try parseSum()
        guard let op = comparisonOperator() else { return left }
        let opOffset = current.span.start
        advance()
        if op == .notIn { advance() }
        try node()
        let right = try parseSum()
        if comparisonOperator() != nil {
            throw ExpressionError(code: .expressionSyntax, message: "comparisons do not chain: write 'a < b and b < c'", offset: current.span.start)
        }
        _ = opOffset
        return .binary(op, left, right, Span(start: left.span.start, end: right.span.end))
    }

    mutating func parseSum() throws(ExpressionError) -> Syntax {
        var left = try parseProduct()
        while isSymbol("+") || isSymbol("-") {
            let op: BinaryOperator = isSymbol("+") ? .add : .subtract
            advance()
            try node()
            let right = try parseProduct()
            left = .binary(op, left, right, Span(start: left.span.start, end: right.span.end))
        }
        return left
    }

    mutating func parseProduct() throws(ExpressionError) -> Syntax {
        var left = try parseUnary()
        while isSymbol("*") || isSymbol("/") {
            let op: BinaryOperator = isSymbol("*") ? .multiply : .divide
            advance()
            try node()
            let right = try parseUnary()
            left = .binary(op, left, right, Span(start: left.span.start, end: right.span.end))
        }
        return left
    }

    mutating func parseUnary() throws(ExpressionError) -> Syntax {
        if isSymbol("-") {
            let start = current.span.start
            advance()
            try node()
            let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseUnary() }
            if case .number(let n, let s) = operand { return .number(n.negated, Span(start: start, end: s.end)) }
            return .unary(.negate, operand, Span(start: start, end: operand.span.end))
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws(ExpressionError) -> Syntax {
        try node()
        let (token, span) = current
        switch token {
        case .number(let n):
            advance()
            return .number(n, span)
        case .string(let s):
            advance()
            return .string(s, span)
        case .symbol("("):
            advance()
            let inner = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() }
            guard isSymbol(")") else { throw unexpected("')'") }
            advance()
            return inner
        case .symbol("["):
            advance()
            var items: [Syntax] = []
            while !isSymbol("]") {
                items.append(try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() })
                if isSymbol(",") {
                    advance()
                } else if !isSymbol("]") {
                    throw unexpected("',' or ']'")
                }
            }
            let end = current.span.end
            advance()
            return .list(items, Span(start: span.start, end: end))
        case .name(let name):
            switch name {
            case "true", "false":
                advance()
                return .bool(name == "true", span)
            case "null":
                advance()
                return .null(span)
            case "and", "or", "not", "in":
                throw unexpected("a value")
            default:
                break
            }
            advance()
            if isSymbol("(") {
                advance()
                var args: [Syntax] = []
                while !isSymbol(")") {
                    args.append(try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.parseOr() })
                    if isSymbol(",") {
                        advance()
                    } else if !isSymbol(")") {
                        throw unexpected("',' or ')'")
                    }
                }
                let end = current.span.end
                advance()
                return .call(name, args, Span(start: span.start, end: end))
            }
            var components = [PathComponent(name: name, each: false)]
            var end = span.end
            while true {
                if isSymbol("["), position + 1 < tokens.count, tokens[position + 1].token == .symbol("]") {
                    components[components.count - 1].each = true
                    end = tokens[position + 1].span.end
                    advance()
                    advance()
                    continue
                }
                if isSymbol(".") {
                    advance()
                    guard case .name(let next) = current.token else { throw unexpected("a field name after '.'") }
                    components.append(PathComponent(name: next, each: false))
                    end = current.span.end
                    advance()
                    continue
                }
                break
            }
            return .path(components, Span(start: span.start, end: end))
        default:
            throw unexpected("a value")
        }
    }
}

/// Resolves names and checks types of parsed expressions, producing ``Expression``s.
struct ExpressionCompiler {
    /// What an expression may read where it is used.
    struct Scope {
        var inputs: InputSchema
        /// Computed values available here.
        var computed: Set<ComputedValue>
        /// Where the expression is, for messages: "a knockout rule".
        var context: String
    }

    /// The result of compiling one expression.
    struct Compiled {
        var expression: Expression
        var type: ValueType
        /// Input paths and computed names it reads, in first-use order (for traces).
        var reads: [Read]
    }

    /// Something an expression reads.
    enum Read: Sendable, Equatable {
        case input(path: String, slot: Int)
        case each(path: String, list: Int, field: Int)
        case computed(ComputedValue)

        var name: String {
            switch self {
            case .input(let p, _), .each(let p, _, _): p
            case .computed(let c): c.rawValue
            }
        }
    }

    let scope: Scope
    var errors: [ExpressionError] = []
    var reads: [Read] = []

    /// Parses and compiles `source`; all type errors found are returned.
    enum Outcome {
        case success(Compiled)
        case failure([ExpressionError])
    }

    static func compile(_ source: String, in scope: Scope) -> Outcome {
        let syntax: Syntax
        do {
            syntax = try ExpressionParser.parse(source)
        } catch {
            return .failure([error])
        }
        var compiler = ExpressionCompiler(scope: scope)
        let result = compiler.compile(syntax)
        if !compiler.errors.isEmpty { return .failure(compiler.errors) }
        guard let result else { return .failure([ExpressionError(code: .typeMismatch, message: "invalid expression", offset: 0)]) }
        return .success(Compiled(expression: result.0, type: result.1, reads: compiler.reads))
    }

    mutating func fail(_ code: DiagnosticCode, _ message: String, _ span: Span) {
        errors.append(ExpressionError(code: code, message: message, offset: span.start))
    }

    mutating func note(_ read: Read) {
        if !reads.contains(read) { reads.append(read) }
    }

    mutating func compile(_ syntax: Syntax) -> (Expression, ValueType)? {
        switch syntax {
        case .number(let n, _):
            return (.constant(.number(n)), .number)
        case .string(let s, _):
            return (.constant(.string(s)), .string)
        case .bool(let b, _):
            return (.constant(.bool(b)), .bool)
        case .null:
            return (.constant(.null), ValueType(kind: .nothing, nullable: true))
        case .list(let items, let span):
            return compileList(items, span)
        case .path(let components, let span):
            return resolve(components, span)
        case .call(let name, let args, let span):
            return compileCall(name, args, span)
        case .unary(.not, let operand, let span):
            guard let (e, t) = compile(operand) else { return nil }
            guard requireCondition(t, operand.span, "'not'") else { return nil }
            if case .constant(.bool(let b)) = e { return (.constant(.bool(!b)), .bool) }
            _ = span
            return (.not(e), .bool)
        case .unary(.negate, let operand, _):
            guard let (e, t) = compile(operand) else { return nil }
            guard requireNumber(t, operand.span, "'-'") else { return nil }
            return (.negate(e), t)
        case .binary(let op, let lhs, let rhs, let span):
            return compileBinary(op, lhs, rhs, span)
        }
    }

    mutating func compileList(_ items: [Syntax], _ span: Span) -> (Expression, ValueType)? {
        var compiled: [Expression] = []
        var elementKind: ValueType.Kind?
        var ok = true
        for item in items {
            guard let (e, t) = compile(item) else {
                ok = false
                continue
            }
            if t.nullable || t.kind == .nothing {
                fail(.nullableValue, "list elements must not be missing", item.span)
                ok = false
                continue
            }
            if case .list = t.kind {
                fail(.typeMismatch, "lists cannot contain lists", item.span)
                ok = false
                continue
            }
            if let k = elementKind, k != t.kind {
                fail(
                    .typeMismatch, "a list must hold one type: this element is \(ValueType.describe(t.kind)), earlier ones are \(ValueType.describe(k))",
                    item.span)
                ok = false
                continue
            }
            elementKind = t.kind
            compiled.append(e)
        }
        guard ok else { return nil }
        let kind = ValueType.Kind.list(elementKind ?? .number)
        // Fold constant lists so `in [..]` costs no allocation at run time.
        var constants: [Value] = []
        for e in compiled {
            guard case .constant(let v) = e else { return (.list(compiled), ValueType(kind: kind, nullable: false)) }
            constants.append(v)
        }
        _ = span
        return (.constant(.list(constants)), ValueType(kind: kind, nullable: false))
    }

    // MARK: Names

    mutating func resolve(_ components: [PathComponent], _ span: Span) -> (Expression, ValueType)? {
        let written = components.map { $0.name + ($0.each ? "[]" : "") }.joined(separator: ".")
        // Computed values: `points`, `tier`, `limit`, `terms.code`…
        if !components.contains(where: \.each), let computed = ComputedValue(rawValue: components.map(\.name).joined(separator: ".")) {
            guard scope.computed.contains(computed) else {
                fail(.unknownField, "'\(computed.rawValue)' is not known yet in \(scope.context); it is computed later", span)
                return nil
            }
            note(.computed(computed))
            return (.computed(computed), computed.type)
        }
        // Find the longest declared top-level path that the written path starts with.
        let names = components.map(\.name)
        for (index, field) in scope.inputs.fields.enumerated() {
            let parts = field.path.split(separator: ".").map(String.init)
            guard names.count >= parts.count, Array(names.prefix(parts.count)) == parts else { continue }
            let prefix = components.prefix(parts.count)
            if prefix.dropLast().contains(where: \.each) {
                fail(.typeMismatch, "'[]' belongs after a list field; '\(field.path)' is the input here", span)
                return nil
            }
            let marked = prefix.last!.each
            let rest = Array(components.dropFirst(parts.count))
            _ = index
            if field.kind != .list {
                if marked {
                    fail(.typeMismatch, "'\(field.path)' is not a list; remove '[]'", span)
                    return nil
                }
                if !rest.isEmpty {
                    fail(.unknownField, "'\(field.path)' is \(ValueType.describe(field.valueType.kind)), it has no field '\(rest[0].name)'", span)
                    return nil
                }
                note(.input(path: field.path, slot: field.slot))
                return (.input(field.slot), field.valueType)
            }
            // A list of objects.
            if rest.isEmpty {
                if marked {
                    fail(.typeMismatch, "'\(field.path)[]' needs a field: write '\(field.path)[].FIELD'", span)
                    return nil
                }
                note(.input(path: field.path, slot: field.slot))
                return (.input(field.slot), field.valueType)
            }
            guard marked else {
                fail(.typeMismatch, "'\(field.path)' is a list: write '\(field.path)[].\(rest[0].name)' to read a field of every element", span)
                return nil
            }
            guard rest.count == 1, !rest[0].each else {
                fail(.unknownField, "list elements have only the fields declared under '\(field.path)' items; nested paths are not supported", span)
                return nil
            }
            guard let item = field.items.first(where: { $0.path == rest[0].name }) else {
                let known = field.items.map(\.path)
                fail(
                    .unknownField,
                    "'\(written)' is not a declared input: '\(field.path)' elements have \(known.isEmpty ? "no fields" : known.map { "'\($0)'" }.joined(separator: ", "))\(Self.suggestion(rest[0].name, among: known))",
                    span)
                return nil
            }
            guard case .list = field.valueType.kind, item.kind != .list else { return nil }
            let elementKind = item.valueType.kind
            note(.each(path: "\(field.path)[].\(item.path)", list: field.slot, field: item.slot))
            return (.each(list: field.slot, field: item.slot), ValueType(kind: .list(elementKind), nullable: !field.required))
        }
        var known = scope.inputs.fields.map(\.path)
        for field in scope.inputs.fields where field.kind == .list {
            known += field.items.map { "\(field.path)[].\($0.path)" }
        }
        known += ComputedValue.allCases.filter(scope.computed.contains).map(\.rawValue)  // fixed order: same message every run
        fail(.unknownField, "'\(written)' is not a declared input\(Self.suggestion(written, among: known)); declare it under 'inputs'", span)
        return nil
    }

    /// ", did you mean 'x'?" when a known name is close to `name`.
    static func suggestion(_ name: String, among known: [String]) -> String {
        // A short, unfinished name ('int' for 'integer') is best answered by what it starts.
        if name.count >= 3, let prefixed = known.first(where: { $0.hasPrefix(name) && $0 != name }) {
            return " (did you mean '\(prefixed)'?)"
        }
        let best = known.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, name.count / 4) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// Levenshtein distance, for suggestions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: Operators

    mutating func requireCondition(_ t: ValueType, _ span: Span, _ what: String) -> Bool {
        guard t.kind == .bool else {
            fail(.typeMismatch, "\(what) needs a condition (true/false), not \(ValueType.describe(t.kind))", span)
            return false
        }
        guard !t.nullable else {
            fail(.nullableValue, "\(what) needs a condition that is never missing; compare explicitly, e.g. 'x == true'", span)
            return false
        }
        return true
    }

    mutating func requireNumber(_ t: ValueType, _ span: Span, _ what: String) -> Bool {
        guard t.kind == .number || t.kind == .nothing else {
            fail(.typeMismatch, "\(what) needs a number, not \(ValueType.describe(t.kind))", span)
            return false
        }
        return true
    }

    mutating func compileBinary(_ op: BinaryOperator, _ lhs: Syntax, _ rhs: Syntax, _ span: Span) -> (Expression, ValueType)? {
        let left = compile(lhs)
        let right = compile(rhs)
        guard let (l, lt) = left, let (r, rt) = right else { return nil }
        switch op {
        case .and, .or:
            let okL = requireCondition(lt, lhs.span, "'\(op.rawValue)'")
            let okR = requireCondition(rt, rhs.span, "'\(op.rawValue)'")
            guard okL, okR else { return nil }
            return (op == .and ? .and(l, r) : .or(l, r), .bool)
        case .add, .subtract, .multiply, .divide:
            let okL = requireNumber(lt, lhs.span, "'\(op.rawValue)'")
            let okR = requireNumber(rt, rhs.span, "'\(op.rawValue)'")
            guard okL, okR else { return nil }
            if op == .divide, case .constant(.number(let d)) = r, d == .zero {
                fail(.typeMismatch, "division by zero", rhs.span)
                return nil
            }
            let arithmetic: ArithmeticOperator =
                switch op {
                case .add: .add
                case .subtract: .subtract
                case .multiply: .multiply
                default: .divide
                }
            let type = ValueType(kind: .number, nullable: lt.nullable || rt.nullable)
            if case .constant(let a) = l, case .constant(let b) = r,
                let folded = try? Evaluator.arithmetic(arithmetic, a, b)
            {
                return (.constant(folded), type)
            }
            return (.arithmetic(arithmetic, l, r), type)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let okL = requireNumber(lt, lhs.span, "'\(op.rawValue)'")
            let okR = requireNumber(rt, rhs.span, "'\(op.rawValue)'")
            guard okL, okR else { return nil }
            for (t, s) in [(lt, lhs.span), (rt, rhs.span)] where t.nullable {
                fail(.nullableValue, "'\(op.rawValue)' cannot order a value that may be missing; use coalesce(value, default)", s)
                return nil
            }
            let order: OrderOperator =
                switch op {
                case .less: .less
                case .lessOrEqual: .lessOrEqual
                case .greater: .greater
                default: .greaterOrEqual
                }
            return (.order(order, l, r), .bool)
        case .equal, .notEqual:
            guard lt.kind == rt.kind || lt.kind == .nothing || rt.kind == .nothing else {
                fail(
                    .typeMismatch, "'\(op.rawValue)' compares \(ValueType.describe(lt.kind)) with \(ValueType.describe(rt.kind)); they can never be equal", span
                )
                return nil
            }
            if case .list = lt.kind {
                fail(.typeMismatch, "lists cannot be compared with '\(op.rawValue)'; use 'in'", span)
                return nil
            }
            return (.equal(l, r, negated: op == .notEqual), .bool)
        case .in, .notIn:
            guard case .list(let element) = rt.kind else {
                fail(.typeMismatch, "'\(op.rawValue)' needs a list on its right, like [\"IE\", \"GB\"]; found \(ValueType.describe(rt.kind))", rhs.span)
                return nil
            }
            if case .list = lt.kind {
                fail(.typeMismatch, "'\(op.rawValue)' needs a single value on its left, not \(ValueType.describe(lt.kind))", lhs.span)
                return nil
            }
            if case .list(let items) = r.constantValue, items.isEmpty {
                // An empty literal list matches anything's type.
            } else if element != lt.kind && lt.kind != .nothing {
                fail(.typeMismatch, "'\(op.rawValue)' looks for \(ValueType.describe(lt.kind)) in \(ValueType.describe(rt.kind)); it can never match", span)
                return nil
            }
            return (.member(l, r, negated: op == .notIn), .bool)
        }
    }

    // MARK: Functions

    mutating func compileCall(_ name: String, _ args: [Syntax], _ span: Span) -> (Expression, ValueType)? {
        guard let function = Function(rawValue: name) else {
            fail(
                .unknownFunction,
                "unknown function '\(name)'\(Self.suggestion(name, among: Function.allCases.map(\.rawValue))); the functions are \(Function.allCases.map(\.rawValue).joined(separator: ", "))",
                span)
            return nil
        }
        var compiled: [(Expression, ValueType, Span)] = []
        for arg in args {
            if let (e, t) = compile(arg) { compiled.append((e, t, arg.span)) }
        }
        guard compiled.count == args.count else { return nil }
        func arity(_ range: ClosedRange<Int>, _ text: String) -> Bool {
            guard range.contains(args.count) else {
                fail(.wrongArity, "\(name)() takes \(text), given \(args.count)", span)
                return false
            }
            return true
        }
        let expressions = compiled.map(\.0)
        switch function {
        case .min, .max:
            guard arity(1...64, "a list or one or more numbers") else { return nil }
            if compiled.count == 1, case .list(let element) = compiled[0].1.kind {
                guard element == .number else {
                    fail(.typeMismatch, "\(name)() needs numbers, not \(ValueType.describe(compiled[0].1.kind))", compiled[0].2)
                    return nil
                }
                return (.call(function, expressions), ValueType(kind: .number, nullable: true))
            }
            var nullable = false
            for (_, t, s) in compiled {
                guard requireNumber(t, s, "\(name)()") else { return nil }
                nullable = nullable || t.nullable
            }
            // The minimum of one number is that number (a single argument that is a list was handled above).
            if compiled.count == 1 { return (compiled[0].0, compiled[0].1) }
            return (.call(function, expressions), ValueType(kind: .number, nullable: nullable))
        case .floor, .ceil, .round:
            guard arity(1...2, "a number and optionally a count of decimal places") else { return nil }
            guard requireNumber(compiled[0].1, compiled[0].2, "\(name)()") else { return nil }
            if compiled.count == 2 {
                guard case .constant(.number(let places)) = compiled[1].0, let p = places.intValue, p >= 0, p <= ExactDecimal.maxScale else {
                    fail(
                        .typeMismatch,
                        "\(name)()'s second argument must be a whole number of decimal places from 0 to \(ExactDecimal.maxScale), written as a literal",
                        compiled[1].2)
                    return nil
                }
            }
            return (.call(function, expressions), compiled[0].1)
        case .abs:
            guard arity(1...1, "one number") else { return nil }
            guard requireNumber(compiled[0].1, compiled[0].2, "abs()") else { return nil }
            return (.call(function, expressions), compiled[0].1)
        case .count:
            guard arity(1...1, "one list") else { return nil }
            guard case .list = compiled[0].1.kind else {
                fail(.typeMismatch, "count() needs a list, not \(ValueType.describe(compiled[0].1.kind))", compiled[0].2)
                return nil
            }
            return (.call(function, expressions), .number)
        case .sum, .avg:
            guard arity(1...1, "one list of numbers") else { return nil }
            guard compiled[0].1.kind == .list(.number) else {
                fail(.typeMismatch, "\(name)() needs a list of numbers, not \(ValueType.describe(compiled[0].1.kind))", compiled[0].2)
                return nil
            }
            return (.call(function, expressions), function == .avg ? ValueType(kind: .number, nullable: true) : .number)
        case .coalesce:
            guard arity(2...16, "two or more values") else { return nil }
            var kind: ValueType.Kind?
            for (_, t, s) in compiled where t.kind != .nothing {
                if let k = kind, k != t.kind {
                    fail(.typeMismatch, "coalesce() needs values of one type: \(ValueType.describe(t.kind)) after \(ValueType.describe(k))", s)
                    return nil
                }
                kind = t.kind
            }
            let nullable = compiled.allSatisfy(\.1.nullable)
            return (.call(function, expressions), ValueType(kind: kind ?? .nothing, nullable: nullable))
        }
    }
}

extension Expression {
    /// The value, when the expression is a constant.
    var constantValue: Value? {
        if case .constant(let v) = self { return v }
        return nil
    }
}

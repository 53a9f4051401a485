/// Evaluates compiled expressions over bound inputs. Pure: no I/O, no clock, no globals.
struct Evaluator {
    /// Bound inputs, by slot.
    let slots: [Value]
    var points: ExactDecimal = .zero
    var tier: String = ""
    var limit: ExactDecimal = .zero
    var termsCode: String = ""
    var netDays: ExactDecimal = .zero
    var depositPct: ExactDecimal = .zero

    /// Evaluates a condition (compiled to a non-null boolean).
    @inline(__always)
    func condition(_ e: Expression) throws(ExactDecimal.ArithmeticError) -> Bool {
        if case .bool(let b) = try value(e) { return b }
        return false
    }

    func value(_ e: Expression) throws(ExactDecimal.ArithmeticError) -> Value {
        switch e {
        case .constant(let v):
            return v
        case .input(let slot):
            return slots[slot]
        case .computed(let c):
            switch c {
            case .points: return .number(points)
            case .tier: return .string(tier)
            case .limit: return .number(limit)
            case .termsCode: return .string(termsCode)
            case .netDays: return .number(netDays)
            case .depositPct: return .number(depositPct)
            }
        case .each(let list, let field):
            guard case .list(let records) = slots[list] else { return .null }
            var out: [Value] = []
            out.reserveCapacity(records.count)
            for case .record(let fields) in records { out.append(fields[field]) }
            return .list(out)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try value(item)) }
            return .list(out)
        case .not(let operand):
            return .bool(!(try condition(operand)))
        case .negate(let operand):
            guard case .number(let n) = try value(operand) else { return .null }
            return .number(n.negated)
        case .and(let l, let r):
            guard try condition(l) else { return .bool(false) }
            return .bool(try condition(r))
        case .or(let l, let r):
            if try condition(l) { return .bool(true) }
            return .bool(try condition(r))
        case .arithmetic(let op, let l, let r):
            return try Self.arithmetic(op, try value(l), try value(r))
        case .order(let op, let l, let r):
            guard case .number(let a) = try value(l), case .number(let b) = try value(r) else { return .bool(false) }
            let c = ExactDecimal.compare(a, b)
            switch op {
            case .less: return .bool(c < 0)
            case .lessOrEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            case .greaterOrEqual: return .bool(c >= 0)
            }
        case .equal(let l, let r, let negated):
            return .bool(Self.equal(try value(l), try value(r)) != negated)
        case .member(let l, let r, let negated):
            let needle = try value(l)
            guard case .list(let items) = try value(r) else { return .bool(negated) }
            var found = false
            for item in items where Self.equal(needle, item) {
                found = true
                break
            }
            return .bool(found != negated)
        case .call(let function, let args):
            return try call(function, args)
        }
    }

    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): ExactDecimal.compare(x, y) == 0
        case (.string(let x), .string(let y)): x == y
        default: false
        }
    }

    static func arithmetic(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(ExactDecimal.ArithmeticError) -> Value {
        guard case .number(let x) = a, case .number(let y) = b else { return .null }
        switch op {
        case .add: return .number(try x.adding(y))
        case .subtract: return .number(try x.subtracting(y))
        case .multiply: return .number(try x.multiplying(y))
        case .divide: return .number(try x.dividing(by: y))
        }
    }

    /// Calls `body` with every non-null number of a list argument, without building the list
    /// when it is a projection of an input.
    @inline(__always)
    func forEachNumber(_ e: Expression, _ body: (ExactDecimal) throws(ExactDecimal.ArithmeticError) -> Void) throws(ExactDecimal.ArithmeticError) -> Int {
        var n = 0
        if case .each(let list, let field) = e {
            guard case .list(let records) = slots[list] else { return 0 }
            for case .record(let fields) in records {
                if case .number(let x) = fields[field] {
                    try body(x)
                    n += 1
                }
            }
            return n
        }
        guard case .list(let items) = try value(e) else { return 0 }
        for case .number(let x) in items {
            try body(x)
            n += 1
        }
        return n
    }

    func call(_ function: Function, _ args: [Expression]) throws(ExactDecimal.ArithmeticError) -> Value {
        switch function {
        case .min, .max:
            var best: ExactDecimal?
            let wantMin = function == .min
            func consider(_ x: ExactDecimal) {
                if let b = best {
                    let c = ExactDecimal.compare(x, b)
                    if wantMin ? c < 0 : c > 0 { best = x }
                } else {
                    best = x
                }
            }
            if args.count == 1 {
                _ = try forEachNumber(args[0]) { consider($0) }
            } else {
                for arg in args {
                    guard case .number(let x) = try value(arg) else { return .null }
                    consider(x)
                }
            }
            return best.map(Value.number) ?? .null
        case .floor, .ceil, .round:
            guard case .number(let x) = try value(args[0]) else { return .null }
            var places = 0
            if args.count == 2, case .constant(.number(let p)) = args[1] { places = p.intValue ?? 0 }
            let rule: RoundingRule = function == .floor ? .floor : (function == .ceil ? .ceiling : .halfUp)
            return .number(x.rounded(toScale: places, rule))
        case .abs:
            guard case .number(let x) = try value(args[0]) else { return .null }
            return .number(x.isNegative ? x.negated : x)
        case .count:
            if case .each(let list, _) = args[0] {
                guard case .list(let records) = slots[list] else { return .number(.zero) }
                return .number(ExactDecimal(records.count))
            }
            guard case .list(let items) = try value(args[0]) else { return .number(.zero) }
            return .number(ExactDecimal(items.count))
        case .sum, .avg:
            var total = ExactDecimal.zero
            let n = try forEachNumber(args[0]) { (x: ExactDecimal) throws(ExactDecimal.ArithmeticError) in total = try total.adding(x) }
            if function == .sum { return .number(total) }
            guard n > 0 else { return .null }
            return .number(try total.dividing(by: ExactDecimal(n)))
        case .coalesce:
            for arg in args {
                let v = try value(arg)
                if case .null = v { continue }
                return v
            }
            return .null
        }
    }
}

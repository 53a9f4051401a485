/// Evaluates checked expressions over bound inputs: a convenience over ``Node`` for callers
/// that hold an ``Expression`` (constant folding, tests). The engine keeps lowered nodes.
struct Evaluator {
    let slots: [Value]

    init(slots: [Value]) { self.slots = slots }

    func value(_ e: Expression) throws(ArithmeticError) -> Value {
        let node = e.lowered()
        return try Context.with(slots, tiers: []) { (c: inout Context) throws(ArithmeticError) in try node.value(c) }
    }

    func condition(_ e: Expression) throws(ArithmeticError) -> Bool {
        let node = e.lowered()
        return try Context.with(slots, tiers: []) { (c: inout Context) throws(ArithmeticError) in try node.condition(c) }
    }

    static func equal(_ a: Value, _ b: Value) -> Bool { Value.same(a, b) }

    static func arithmetic(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(ArithmeticError) -> Value {
        guard case .number(let x) = a, case .number(let y) = b else { return .null }
        return .number(try ArithmeticNode.apply(op, x, y))
    }
}

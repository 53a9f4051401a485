/// Value semantics shared by the compiler (constant folding) and the engine.
enum Evaluator {
    /// Equality as the language defines it (see ``Value/same(_:_:)``).
    static func equal(_ a: Value, _ b: Value) -> Bool { Value.same(a, b) }

    /// `a op b` on two numbers; missing when either is not a number.
    static func arithmetic(_ op: ArithmeticOperator, _ a: Value, _ b: Value) throws(ArithmeticError) -> Value {
        guard case .number(let x) = a, case .number(let y) = b else { return .null }
        return .number(try ArithmeticNode.apply(op, x, y))
    }
}

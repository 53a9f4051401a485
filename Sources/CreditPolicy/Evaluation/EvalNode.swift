/// What an expression reads while it runs: the bound inputs and the values computed so far.
///
/// Plain data (pointers and numbers), so passing it to every node copies no references. The
/// pointers are valid only inside ``Context/with(_:tiers:_:)``.
struct Context {
    let slots: UnsafeBufferPointer<Value>
    let tiers: UnsafeBufferPointer<Tier>
    var points: ExactDecimal = .zero
    var tierIndex = -1
    var limit: ExactDecimal = .zero

    /// Runs `body` with a context over `slots` and `tiers`.
    static func with<R, E: Error>(_ slots: [Value], tiers: [Tier], _ body: (inout Context) throws(E) -> R) throws(E) -> R {
        try slots.withUnsafeBufferPointer { (s: UnsafeBufferPointer<Value>) throws(E) -> R in
            try tiers.withUnsafeBufferPointer { (t: UnsafeBufferPointer<Tier>) throws(E) -> R in
                var context = Context(slots: s, tiers: t)
                return try body(&context)
            }
        }
    }

    var tier: Tier? { tierIndex >= 0 ? tiers[tierIndex] : nil }
}

typealias ArithmeticError = ExactDecimal.ArithmeticError

/// A compiled expression ready to run: an immutable tree of nodes.
///
/// Nodes are classes rather than an `indirect enum` so that walking the tree borrows children
/// instead of retaining and releasing them at every step; each node overrides the accessor
/// that fits its type (`number`, `condition`) so numbers and conditions never box.
class EvalNode: @unchecked Sendable {
    /// The value, for any type.
    func value(_ c: Context) throws(ArithmeticError) -> Value { .null }

    /// The value as a number (`nil` when missing).
    func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        if case .number(let x) = try value(c) { return x }
        return nil
    }

    /// The value as a condition (a missing value is false; type checking rules that out).
    func condition(_ c: Context) throws(ArithmeticError) -> Bool {
        if case .bool(let b) = try value(c) { return b }
        return false
    }

    /// Calls `body` with each non-missing number of a list value.
    func forEachNumber(_ c: Context, _ body: (ExactDecimal) throws(ArithmeticError) -> Void) throws(ArithmeticError) -> Int {
        guard case .list(let items) = try value(c) else { return 0 }
        var n = 0
        for case .number(let x) in items {
            try body(x)
            n += 1
        }
        return n
    }

    /// Number of elements of a list value.
    func count(_ c: Context) throws(ArithmeticError) -> Int {
        if case .list(let items) = try value(c) { return items.count }
        return 0
    }
}

final class ConstantNode: EvalNode, @unchecked Sendable {
    let constant: Value
    let numberValue: ExactDecimal?
    let boolValue: Bool

    init(_ v: Value) {
        constant = v
        if case .number(let x) = v { numberValue = x } else { numberValue = nil }
        if case .bool(let b) = v { boolValue = b } else { boolValue = false }
    }

    override func value(_ c: Context) -> Value { constant }
    override func number(_ c: Context) -> ExactDecimal? { numberValue }
    override func condition(_ c: Context) -> Bool { boolValue }
}

final class InputNode: EvalNode, @unchecked Sendable {
    let slot: Int
    init(_ slot: Int) { self.slot = slot }

    override func value(_ c: Context) -> Value { c.slots[slot] }
    override func number(_ c: Context) -> ExactDecimal? {
        if case .number(let x) = c.slots[slot] { return x }
        return nil
    }
    override func condition(_ c: Context) -> Bool {
        if case .bool(let b) = c.slots[slot] { return b }
        return false
    }
    override func count(_ c: Context) -> Int {
        if case .records(let count, _, _) = c.slots[slot] { return count }
        return 0
    }
}

final class ComputedNode: EvalNode, @unchecked Sendable {
    let which: ComputedValue
    init(_ which: ComputedValue) { self.which = which }

    override func value(_ c: Context) -> Value {
        switch which {
        case .points: .number(c.points)
        case .tier: c.tier?.nameValue ?? .null
        case .limit: .number(c.limit)
        case .termsCode: c.tier?.termsCodeValue ?? .null
        case .netDays: c.tier.map { .number($0.netDaysValue) } ?? .null
        case .depositPct: c.tier.map { .number($0.terms.depositPct) } ?? .null
        }
    }

    override func number(_ c: Context) -> ExactDecimal? {
        switch which {
        case .points: c.points
        case .limit: c.limit
        case .netDays: c.tier?.netDaysValue
        case .depositPct: c.tier?.terms.depositPct
        case .tier, .termsCode: nil
        }
    }
}

/// `list[].field`: one field of every element of a list input.
final class EachNode: EvalNode, @unchecked Sendable {
    let list: Int
    let field: Int
    init(list: Int, field: Int) {
        self.list = list
        self.field = field
    }

    override func value(_ c: Context) -> Value {
        guard case .records(let count, let width, let fields) = c.slots[list] else { return .null }
        var out: [Value] = []
        out.reserveCapacity(count)
        for row in 0..<count { out.append(fields[row * width + field]) }
        return .list(out)
    }

    override func forEachNumber(_ c: Context, _ body: (ExactDecimal) throws(ArithmeticError) -> Void) throws(ArithmeticError) -> Int {
        guard case .records(let count, let width, let fields) = c.slots[list] else { return 0 }
        var n = 0
        for row in 0..<count {
            guard case .number(let x) = fields[row * width + field] else { continue }
            try body(x)
            n += 1
        }
        return n
    }

    override func count(_ c: Context) -> Int {
        if case .records(let count, _, _) = c.slots[list] { return count }
        return 0
    }
}

final class ListNode: EvalNode, @unchecked Sendable {
    let items: [EvalNode]
    init(_ items: [EvalNode]) { self.items = items }

    override func value(_ c: Context) throws(ArithmeticError) -> Value {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(try item.value(c)) }
        return .list(out)
    }

    override func count(_ c: Context) -> Int { items.count }
}

final class NotNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    init(_ operand: EvalNode) { self.operand = operand }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { .bool(try condition(c)) }
    override func condition(_ c: Context) throws(ArithmeticError) -> Bool { !(try operand.condition(c)) }
}

final class NegateNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    init(_ operand: EvalNode) { self.operand = operand }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { try number(c).map(Value.number) ?? .null }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? { try operand.number(c)?.negated }
}

final class LogicNode: EvalNode, @unchecked Sendable {
    let isAnd: Bool
    let left: EvalNode
    let right: EvalNode
    init(isAnd: Bool, _ left: EvalNode, _ right: EvalNode) {
        self.isAnd = isAnd
        self.left = left
        self.right = right
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { .bool(try condition(c)) }
    override func condition(_ c: Context) throws(ArithmeticError) -> Bool {
        let l = try left.condition(c)
        if isAnd ? !l : l { return l }
        return try right.condition(c)
    }
}

final class ArithmeticNode: EvalNode, @unchecked Sendable {
    let op: ArithmeticOperator
    let left: EvalNode
    let right: EvalNode
    init(_ op: ArithmeticOperator, _ left: EvalNode, _ right: EvalNode) {
        self.op = op
        self.left = left
        self.right = right
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { try number(c).map(Value.number) ?? .null }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        guard let a = try left.number(c), let b = try right.number(c) else { return nil }
        return try Self.apply(op, a, b)
    }

    static func apply(_ op: ArithmeticOperator, _ a: ExactDecimal, _ b: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        switch op {
        case .add: try a.adding(b)
        case .subtract: try a.subtracting(b)
        case .multiply: try a.multiplying(b)
        case .divide: try a.dividing(by: b)
        }
    }
}

final class OrderNode: EvalNode, @unchecked Sendable {
    let op: OrderOperator
    let left: EvalNode
    let right: EvalNode
    init(_ op: OrderOperator, _ left: EvalNode, _ right: EvalNode) {
        self.op = op
        self.left = left
        self.right = right
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { .bool(try condition(c)) }
    override func condition(_ c: Context) throws(ArithmeticError) -> Bool {
        guard let a = try left.number(c), let b = try right.number(c) else { return false }
        let r = ExactDecimal.compare(a, b)
        switch op {
        case .less: return r < 0
        case .lessOrEqual: return r <= 0
        case .greater: return r > 0
        case .greaterOrEqual: return r >= 0
        }
    }
}

final class EqualNode: EvalNode, @unchecked Sendable {
    let left: EvalNode
    let right: EvalNode
    let negated: Bool
    init(_ left: EvalNode, _ right: EvalNode, negated: Bool) {
        self.left = left
        self.right = right
        self.negated = negated
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { .bool(try condition(c)) }
    override func condition(_ c: Context) throws(ArithmeticError) -> Bool {
        Value.same(try left.value(c), try right.value(c)) != negated
    }
}

/// `x in [...]` against a constant list of text: the common case (`country in [..]`).
final class TextMemberNode: EvalNode, @unchecked Sendable {
    let needle: EvalNode
    let haystack: [String]
    /// The texts' UTF-8 back to back, and where each one sits: matching copies nothing.
    let data: [UInt8]
    let ranges: [Range<Int>]
    /// Whether every text is ASCII (then bytes decide equality exactly).
    let allASCII: Bool
    /// Each text packed into a word (length in the top byte), when all are ASCII of at most
    /// seven bytes — country and industry codes: membership is then a few integer compares.
    let packed: [UInt64]?
    let negated: Bool

    /// ASCII text of at most seven bytes as one word: bytes in the low bytes, length on top.
    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var word = UInt64(bytes.count) << 56
        for i in 0..<bytes.count {
            guard bytes[i] < 0x80 else { return nil }
            word |= UInt64(bytes[i]) << (8 * UInt64(i))
        }
        return word
    }

    init(_ needle: EvalNode, _ haystack: [String], negated: Bool) {
        self.needle = needle
        self.haystack = haystack
        var data: [UInt8] = []
        var ranges: [Range<Int>] = []
        for text in haystack {
            let start = data.count
            data.append(contentsOf: text.utf8)
            ranges.append(start..<data.count)
        }
        self.data = data
        self.ranges = ranges
        self.allASCII = data.allSatisfy { $0 < 0x80 }
        var packed: [UInt64]? = []
        for var text in haystack {
            guard let word = text.withUTF8(Self.pack) else {
                packed = nil
                break
            }
            packed?.append(word)
        }
        self.packed = packed
        self.negated = negated
    }

    override func value(_ c: Context) throws(ArithmeticError) -> Value { .bool(try condition(c)) }
    override func condition(_ c: Context) throws(ArithmeticError) -> Bool {
        guard case .string(var s) = try needle.value(c) else { return negated }
        // For ASCII text, byte equality is String equality; anything else is compared as
        // String, so `in` always agrees with `==`.
        let found = s.withUTF8 { needle -> Bool in
            if let packed, let word = Self.pack(needle) {
                return packed.contains(word)
            }
            if allASCII && needle.allSatisfy({ $0 < 0x80 }) {
                return data.withUnsafeBufferPointer { d in
                    ranges.contains { r in r.count == needle.count && UnsafeBufferPointer(rebasing: d[r]).elementsEqual(needle) }
                }
            }
            let text = String(decoding: needle, as: UTF8.self)
            return haystack.contains(text)
        }
        return found != negated
    }
}

final class MemberNode: EvalNode, @unchecked Sendable {
    let needle: EvalNode
    let haystack: EvalNode
    let negated: Bool
    init(_ needle: EvalNode, _ haystack: EvalNode, negated: Bool) {
        self.needle = needle
        self.haystack = haystack
        self.negated = negated
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { .bool(try condition(c)) }
    override func condition(_ c: Context) throws(ArithmeticError) -> Bool {
        let x = try needle.value(c)
        guard case .list(let items) = try haystack.value(c) else { return negated }
        return items.contains { Value.same(x, $0) } != negated
    }
}

final class MinMaxNode: EvalNode, @unchecked Sendable {
    let wantMin: Bool
    let args: [EvalNode]
    init(wantMin: Bool, _ args: [EvalNode]) {
        self.wantMin = wantMin
        self.args = args
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { try number(c).map(Value.number) ?? .null }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        var best: ExactDecimal?
        if args.count == 1 {
            _ = try args[0].forEachNumber(c) { x in
                if let b = best {
                    let r = ExactDecimal.compare(x, b)
                    if wantMin ? r < 0 : r > 0 { best = x }
                } else {
                    best = x
                }
            }
            return best
        }
        for arg in args {
            guard let x = try arg.number(c) else { return nil }
            if let b = best {
                let r = ExactDecimal.compare(x, b)
                if wantMin ? r < 0 : r > 0 { best = x }
            } else {
                best = x
            }
        }
        return best
    }
}

final class RoundNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    let places: Int
    let rule: RoundingRule
    init(_ operand: EvalNode, places: Int, rule: RoundingRule) {
        self.operand = operand
        self.places = places
        self.rule = rule
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { try number(c).map(Value.number) ?? .null }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        try operand.number(c)?.rounded(toScale: places, rule)
    }
}

final class AbsNode: EvalNode, @unchecked Sendable {
    let operand: EvalNode
    init(_ operand: EvalNode) { self.operand = operand }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { try number(c).map(Value.number) ?? .null }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        guard let x = try operand.number(c) else { return nil }
        return x.isNegative ? x.negated : x
    }
}

final class CountNode: EvalNode, @unchecked Sendable {
    let list: EvalNode
    init(_ list: EvalNode) { self.list = list }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { .number(ExactDecimal(try list.count(c))) }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? { ExactDecimal(try list.count(c)) }
}

final class SumNode: EvalNode, @unchecked Sendable {
    let list: EvalNode
    let average: Bool
    init(_ list: EvalNode, average: Bool) {
        self.list = list
        self.average = average
    }
    override func value(_ c: Context) throws(ArithmeticError) -> Value { try number(c).map(Value.number) ?? .null }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        var total = ExactDecimal.zero
        let n = try list.forEachNumber(c) { (x: ExactDecimal) throws(ArithmeticError) in total = try total.adding(x) }
        guard average else { return total }
        guard n > 0 else { return nil }
        return try total.dividing(by: ExactDecimal(n))
    }
}

final class CoalesceNode: EvalNode, @unchecked Sendable {
    let args: [EvalNode]
    init(_ args: [EvalNode]) { self.args = args }
    override func value(_ c: Context) throws(ArithmeticError) -> Value {
        for arg in args {
            let v = try arg.value(c)
            if case .null = v { continue }
            return v
        }
        return .null
    }
    override func number(_ c: Context) throws(ArithmeticError) -> ExactDecimal? {
        for arg in args { if let x = try arg.number(c) { return x } }
        return nil
    }
}

extension Value {
    /// Equality as the language defines it: numbers by value, no coercion between types.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.number(let x), .number(let y)): ExactDecimal.compare(x, y) == 0
        case (.string(let x), .string(let y)): x == y
        default: false
        }
    }
}

extension Expression {
    /// Lowers the checked expression to runnable nodes.
    func lowered() -> EvalNode {
        switch self {
        case .constant(let v): return ConstantNode(v)
        case .input(let slot): return InputNode(slot)
        case .computed(let c): return ComputedNode(c)
        case .each(let list, let field): return EachNode(list: list, field: field)
        case .list(let items): return ListNode(items.map { $0.lowered() })
        case .not(let e): return NotNode(e.lowered())
        case .negate(let e): return NegateNode(e.lowered())
        case .and(let l, let r): return LogicNode(isAnd: true, l.lowered(), r.lowered())
        case .or(let l, let r): return LogicNode(isAnd: false, l.lowered(), r.lowered())
        case .arithmetic(let op, let l, let r): return ArithmeticNode(op, l.lowered(), r.lowered())
        case .order(let op, let l, let r): return OrderNode(op, l.lowered(), r.lowered())
        case .equal(let l, let r, let negated): return EqualNode(l.lowered(), r.lowered(), negated: negated)
        case .member(let l, let r, let negated):
            if case .constant(.list(let items)) = r {
                let texts = items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                if texts.count == items.count && !texts.isEmpty { return TextMemberNode(l.lowered(), texts, negated: negated) }
            }
            return MemberNode(l.lowered(), r.lowered(), negated: negated)
        case .call(let f, let args):
            let nodes = args.map { $0.lowered() }
            switch f {
            case .min, .max: return MinMaxNode(wantMin: f == .min, nodes)
            case .floor, .ceil, .round:
                var places = 0
                if args.count == 2, case .constant(.number(let p)) = args[1] { places = p.intValue ?? 0 }
                return RoundNode(nodes[0], places: places, rule: f == .floor ? .floor : (f == .ceil ? .ceiling : .halfUp))
            case .abs: return AbsNode(nodes[0])
            case .count: return CountNode(nodes[0])
            case .sum, .avg: return SumNode(nodes[0], average: f == .avg)
            case .coalesce: return CoalesceNode(nodes)
            }
        }
    }
}

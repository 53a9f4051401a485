/// A JSON value restricted to what RFC 8785 (JCS) can encode exactly here: integers only
/// (|n| <= 2^53-1), no floats. Decimals travel as strings.
///
/// Two values are equal when their canonical encodings are the same bytes. Strings (and
/// object keys) therefore compare by their Unicode scalars, not by Swift's canonical
/// equivalence: `"\u{E9}"` and `"e\u{301}"` look alike but are different values, because
/// they hash differently in the audit chain. Object keys are still held in a Swift
/// `Dictionary`, so one object cannot hold two canonically equivalent keys; the parser
/// refuses such input as a duplicate key.
///
/// The enum can hold integers beyond ±(2^53−1) and nesting deeper than
/// ``CanonicalJSON/maxDepth``, which the parser would refuse; ``CanonicalJSON/validate(_:)``
/// finds them.
public indirect enum CanonicalValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number; canonical only within ±``maxSafeInteger``.
    case integer(Int64)
    /// A string of Unicode scalars.
    case string(String)
    /// An array, in order.
    case array([CanonicalValue])
    /// An object; its members are written sorted by key (UTF-16 code units).
    case object([String: CanonicalValue])

    /// The largest integer magnitude accepted, 2^53 − 1 (the I-JSON / RFC 8785 exact range).
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991

    /// Equal when both would encode to the same canonical bytes.
    public static func == (lhs: CanonicalValue, rhs: CanonicalValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            return true
        case (.bool(let a), .bool(let b)):
            return a == b
        case (.integer(let a), .integer(let b)):
            return a == b
        case (.string(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)):
            return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                // The dictionary lookup matches canonically equivalent keys; the bytes must match too.
                guard let index = b.index(forKey: key) else { return false }
                let (otherKey, otherValue) = b[index]
                guard key.utf8.elementsEqual(otherKey.utf8), value == otherValue else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Hashes the value consistently with ``==(_:_:)``.
    public func hash(into hasher: inout Hasher) {
        // String hashing follows canonical equivalence, which is coarser than `==` here: still consistent.
        switch self {
        case .null:
            hasher.combine(0 as UInt8)
        case .bool(let b):
            hasher.combine(1 as UInt8)
            hasher.combine(b)
        case .integer(let n):
            hasher.combine(2 as UInt8)
            hasher.combine(n)
        case .string(let s):
            hasher.combine(3 as UInt8)
            hasher.combine(s)
        case .array(let items):
            hasher.combine(4 as UInt8)
            hasher.combine(items)
        case .object(let members):
            hasher.combine(5 as UInt8)
            hasher.combine(members)
        }
    }
}

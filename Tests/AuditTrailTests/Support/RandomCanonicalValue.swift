import TestSupport

@testable import AuditTrail

/// Seeded random ``CanonicalValue``s and text, reaching every escape and the key-order corner cases.
struct RandomCanonicalValue {
    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Scalars worth mixing into strings: controls, quote, backslash, slash, DEL, non-ASCII in
    /// every UTF-8 length, U+2028/2029, both sides of the UTF-16 / code point order split, and a
    /// combining mark.
    static let alphabet: [Unicode.Scalar] = [
        "a", "b", "z", "A", "0", "9", " ", "_", ".", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{B}", "\u{C}",
        "\u{D}", "\u{1F}", "\u{7F}", "\u{80}", "\u{E9}", "\u{301}", "\u{20AC}", "\u{2028}", "\u{2029}", "\u{D7FF}", "\u{E000}",
        "\u{FB33}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    mutating func string(maxLength: Int = 6, asciiOnly: Bool = false) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<int(0...maxLength) {
            let pool = asciiOnly ? Array(Self.alphabet.prefix(22)) : Self.alphabet
            s.append(pool[int(0...(pool.count - 1))])
        }
        return String(s)
    }

    mutating func integer() -> Int64 {
        switch int(0...5) {
        case 0: return [0, 1, -1, CanonicalValue.maxSafeInteger, -CanonicalValue.maxSafeInteger][int(0...4)]
        case 1: return Int64.random(in: -CanonicalValue.maxSafeInteger...CanonicalValue.maxSafeInteger, using: &generator)
        default: return Int64(int(-1000...100_000))
        }
    }

    mutating func value(depth: Int = 0) -> CanonicalValue {
        let leaf = depth >= 4 || int(0...2) == 0
        switch leaf ? int(0...3) : int(4...5) {
        case 0: return .null
        case 1: return .bool(int(0...1) == 1)
        case 2: return .integer(integer())
        case 3: return .string(string())
        case 4: return .array((0..<int(0...4)).map { _ in value(depth: depth + 1) })
        default:
            var members: [String: CanonicalValue] = [:]
            // Mostly ASCII keys (the scanner's fast path), some with any scalar.
            for _ in 0..<int(0...5) { members[string(maxLength: 4, asciiOnly: int(0...3) != 0)] = value(depth: depth + 1) }
            return .object(members)
        }
    }

    /// `text` with one random byte-level change: whitespace, a deletion, a repeat, a swap or a replacement.
    mutating func mutate(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let interesting: [UInt8] = Array(" \t\n,:[]{}\"\\/-0123456789.eEabfnrtu".utf8) + [0x80, 0xC3, 0xE2, 0xF0]
        let at = int(0...bytes.count)
        switch int(0...4) {
        case 0: bytes.insert([0x20, 0x0A, 0x09, 0x0D][int(0...3)], at: at)
        case 1: if at < bytes.count { bytes.remove(at: at) }
        case 2: if at < bytes.count { bytes.insert(bytes[at], at: at) }
        case 3:
            let other = int(0...bytes.count)
            if at < bytes.count, other < bytes.count { bytes.swapAt(at, other) }
        default:
            let b = interesting[int(0...(interesting.count - 1))]
            if at < bytes.count { bytes[at] = b } else { bytes.append(b) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

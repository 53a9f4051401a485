/// Appends RFC 8785 canonical JSON bytes to a buffer.
enum CanonicalWriter {
    /// Hex digits for `\u00xx` escapes (lowercase, as ECMAScript writes them).
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value`; the first reason it is not canonical-safe (an integer beyond ±(2^53−1),
    /// nesting deeper than ``CanonicalJSON/maxDepth``) goes into `problem`, and writing goes on.
    static func append(_ value: CanonicalValue, to out: inout [UInt8], depth: Int, problem: inout CanonicalJSONError?) {
        switch value {
        case .null:
            appendASCII("null", to: &out)
        case .bool(let b):
            appendASCII(b ? "true" : "false", to: &out)
        case .integer(let n):
            if problem == nil, n > CanonicalValue.maxSafeInteger || n < -CanonicalValue.maxSafeInteger {
                problem = CanonicalJSONError(offset: out.count, reason: "integer outside ±(2^53−1); send it as a string")
            }
            appendInteger(n, to: &out)
        case .string(let s):
            appendString(s, to: &out)
        case .array(let items):
            if problem == nil, depth + 1 > CanonicalJSON.maxDepth { problem = tooDeep(at: out.count) }
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                append(item, to: &out, depth: depth + 1, problem: &problem)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if problem == nil, depth + 1 > CanonicalJSON.maxDepth { problem = tooDeep(at: out.count) }
            out.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in members.sorted(by: { CanonicalKeyOrder.precedes($0.key, $1.key) }) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(member, to: &out, depth: depth + 1, problem: &problem)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func tooDeep(at offset: Int) -> CanonicalJSONError {
        CanonicalJSONError(offset: offset, reason: "nesting deeper than \(CanonicalJSON.maxDepth) levels")
    }

    /// Appends fixed ASCII text.
    @inline(__always)
    static func appendASCII(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends an integer in plain decimal (`-` only for negative values, no leading zeros).
    static func appendInteger(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var v = n.magnitude
        if v < 10 {
            out.append(UInt8(truncatingIfNeeded: v) &+ 48)
            return
        }
        // At most 20 digits, written backwards into a stack buffer, then copied once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var i = raw.count
            while v > 0 {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    /// Appends a string literal escaped per RFC 8785 (ECMAScript `JSON.stringify`): `\"`,
    /// `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as `\u00xx`, everything else as is.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &out) }
        if done == nil { Array(s.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) } }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 string content, escaping what RFC 8785 escapes; runs that need no escape are copied whole.
    @inline(__always)
    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0..<utf8.count {
            let c = utf8[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            runStart = i + 1
            appendEscape(c, to: &out)
        }
        if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// Appends the canonical escape for `c` (a control character, `"` or `\`).
    static func appendEscape(_ c: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            out.append(UInt8(ascii: "u"))
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
            out.append(hexDigits[Int(c >> 4)])
            out.append(hexDigits[Int(c & 0xF)])
        }
    }
}

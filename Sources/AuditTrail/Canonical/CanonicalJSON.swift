/// RFC 8785 (JSON Canonicalization Scheme) for ``CanonicalValue``: one byte sequence per value,
/// so a hash over it is stable.
public enum CanonicalJSON {
    /// Deepest nesting of arrays and objects accepted (a top-level container is level 1).
    public static let maxDepth = 64

    /// RFC 8785 bytes: object keys sorted by UTF-16 code units, no whitespace, strings escaped
    /// per RFC 8785 / ECMAScript `JSON.stringify` (`\"` `\\` `\b` `\f` `\n` `\r` `\t`, other
    /// U+0000–U+001F as `\u00xx` lowercase hex, everything else literal UTF-8, including
    /// U+2028/2029 and non-ASCII), integers in plain decimal.
    ///
    /// Values that ``validate(_:)`` refuses (integers beyond ±(2^53−1), nesting deeper than
    /// ``maxDepth``) are written all the same, but the result is not canonical: ``parse(_:)``
    /// refuses it and ``isCanonical(_:)`` is false for it.
    public static func encode(_ value: CanonicalValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        var problem: CanonicalJSONError? = nil
        CanonicalWriter.append(value, to: &out, depth: 0, problem: &problem)
        return out
    }

    /// The canonical encoding as a string (see ``encode(_:)``).
    public static func string(_ value: CanonicalValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }

    /// Checks that `value` encodes to canonical JSON that ``parse(_:)`` accepts: every integer
    /// within ±(2^53−1) and nesting at most ``maxDepth`` levels.
    ///
    /// - Throws: ``CanonicalJSONError`` at the first offender's byte offset in the encoding.
    public static func validate(_ value: CanonicalValue) throws(CanonicalJSONError) {
        _ = try encodeValidated(value)
    }

    /// The canonical encoding of `value`, or the first reason ``validate(_:)`` gives.
    static func encodeValidated(_ value: CanonicalValue) throws(CanonicalJSONError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        var problem: CanonicalJSONError? = nil
        CanonicalWriter.append(value, to: &out, depth: 0, problem: &problem)
        if let problem { throw problem }
        return out
    }

    /// Strict RFC 8259 parse into ``CanonicalValue``.
    ///
    /// Whitespace between tokens is allowed (the result need not be canonical text).
    /// - Throws: ``CanonicalJSONError`` with the byte offset for invalid JSON, fractions or
    ///   exponents, integers beyond ±(2^53−1), duplicate keys (including keys that differ only
    ///   by Unicode normalization), lone surrogate escapes and nesting deeper than ``maxDepth``.
    public static func parse(_ text: String) throws(CanonicalJSONError) -> CanonicalValue {
        var text = text
        let result: Result<CanonicalValue, CanonicalJSONError> = text.withUTF8 { bytes in
            var parser = CanonicalParser(bytes: bytes)
            do throws(CanonicalJSONError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// True when `text` is exactly the canonical encoding of what it parses to.
    ///
    /// Runs in one pass without building values; only text with non-ASCII object keys is
    /// parsed in full as well (see `CanonicalFormScanner`).
    public static func isCanonical(_ text: String) -> Bool {
        var text = text
        let (canonical, needsFullCheck) = text.withUTF8 { bytes in
            var scanner = CanonicalFormScanner(bytes: bytes)
            return (scanner.scanDocument(), scanner.needsFullCheck)
        }
        guard canonical else { return false }
        guard needsFullCheck else { return true }
        return isCanonicalByRoundTrip(text)
    }

    /// The definition itself: parse, encode, compare bytes. Slower; the reference for tests.
    static func isCanonicalByRoundTrip(_ text: String) -> Bool {
        guard let value = try? parse(text) else { return false }
        return encode(value).elementsEqual(text.utf8)
    }
}

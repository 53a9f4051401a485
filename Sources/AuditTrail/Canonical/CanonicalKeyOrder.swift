/// RFC 8785 member order: keys compared as sequences of UTF-16 code units, computed from UTF-8.
///
/// UTF-8 byte order is Unicode scalar order, which agrees with UTF-16 order except between
/// U+E000–U+FFFF and the supplementary planes (U+10000 and up): in UTF-16 the latter start
/// with a surrogate (0xD800–0xDBFF) and so sort first. Where two valid UTF-8 sequences first
/// differ, both bytes sit at the same position of a scalar (the prefixes are equal), so a
/// difference between lead bytes 0xEE–0xEF (U+E000–U+FFFF) and 0xF0–0xF4 (supplementary)
/// is exactly that case and is inverted.
enum CanonicalKeyOrder {
    /// True when `a` sorts strictly before `b`.
    static func precedes(_ a: String, _ b: String) -> Bool {
        // Native strings hold contiguous UTF-8; others (bridged) are walked one byte at a time.
        let contiguous = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in precedes(x, y) }
        }
        if let result = contiguous ?? nil { return result }
        var i = a.utf8.makeIterator()
        var j = b.utf8.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?):
                if x != y { return bytePrecedes(x, y) }
            }
        }
    }

    /// True when UTF-8 text `a` sorts strictly before `b`.
    static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Swift.min(a.count, b.count)
        var k = 0
        while k < n {
            if a[k] != b[k] { return bytePrecedes(a[k], b[k]) }
            k += 1
        }
        return a.count < b.count
    }

    /// The order of the first differing bytes `x != y` of two UTF-8 sequences.
    @inline(__always)
    static func bytePrecedes(_ x: UInt8, _ y: UInt8) -> Bool {
        let xHighBMP = x == 0xEE || x == 0xEF
        let yHighBMP = y == 0xEE || y == 0xEF
        if xHighBMP && y >= 0xF0 { return false }
        if yHighBMP && x >= 0xF0 { return true }
        return x < y
    }
}

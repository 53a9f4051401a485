/// An exact decimal number: `mantissa × 10^-scale`, never a binary floating point.
///
/// Addition, subtraction, multiplication and comparison are exact. Division is exact
/// whenever the quotient terminates within ``maxScale`` fractional digits; otherwise it is
/// rounded half-to-even at that digit. Every operation that would leave the supported
/// range reports overflow instead of wrapping.
public struct ExactDecimal: Sendable, Hashable {
    /// The unscaled integer value.
    public let mantissa: Int128
    /// The number of fractional digits, `0...maxScale`.
    public let scale: Int

    /// The largest number of fractional digits a value keeps.
    public static let maxScale = 18
    /// Magnitude bound for mantissas (10^36), far below `Int128.max` so rescaling stays safe.
    static let mantissaLimit: Int128 = pow10[36]

    /// Powers of ten from 10^0 to 10^38.
    static let pow10: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table.last! &* 10) }
        return table
    }()

    /// Zero.
    public static let zero = ExactDecimal(uncheckedMantissa: 0, scale: 0)
    /// One.
    public static let one = ExactDecimal(uncheckedMantissa: 1, scale: 0)

    init(uncheckedMantissa: Int128, scale: Int) {
        self.mantissa = uncheckedMantissa
        self.scale = scale
    }

    /// Creates `mantissa × 10^-scale`, or `nil` when it is out of range.
    public init?(mantissa: Int128, scale: Int) {
        guard scale >= 0, scale <= Self.maxScale,
            mantissa < Self.mantissaLimit, mantissa > -Self.mantissaLimit
        else { return nil }
        self.mantissa = mantissa
        self.scale = scale
    }

    /// Creates an integer value.
    public init(_ value: Int) {
        self.init(uncheckedMantissa: Int128(value), scale: 0)
    }

    /// True when the value has no fractional part.
    public var isInteger: Bool {
        if scale == 0 { return true }
        // Int128 division is a library call; most values fit in 64 bits.
        if let small = Int64(exactly: mantissa), scale <= 18 { return small % Self.pow10Int64[scale] == 0 }
        return mantissa % Self.pow10[scale] == 0
    }

    /// Powers of ten that fit in Int64 (10^0 … 10^18).
    static let pow10Int64: [Int64] = (0...18).map { p in (0..<p).reduce(Int64(1)) { r, _ in r * 10 } }

    /// True when the value is below zero.
    public var isNegative: Bool { mantissa < 0 }

    /// The value as an `Int`, when it is a whole number that fits.
    public var intValue: Int? {
        guard isInteger else { return nil }
        let whole = scale == 0 ? mantissa : mantissa / Self.pow10[scale]
        return Int(exactly: whole)
    }

    /// The same value with trailing fractional zeros removed.
    public var normalized: ExactDecimal {
        if scale == 0 { return self }
        if var small = Int64(exactly: mantissa) {
            var s = scale
            while s > 0 && small % 10 == 0 {
                small /= 10
                s -= 1
            }
            return ExactDecimal(uncheckedMantissa: Int128(small), scale: s)
        }
        var m = mantissa
        var s = scale
        while s > 0 && m % 10 == 0 {
            m /= 10
            s -= 1
        }
        return ExactDecimal(uncheckedMantissa: m, scale: s)
    }

    /// Number of fractional digits once trailing zeros are dropped.
    public var significantScale: Int { normalized.scale }

    /// The mantissa at a larger scale, or `nil` on overflow.
    @inline(__always)
    func mantissa(atScale target: Int) -> Int128? {
        if target == scale { return mantissa }
        let (r, o) = mantissa.multipliedReportingOverflow(by: Self.pow10[target - scale])
        return o ? nil : r
    }
}

// MARK: - Arithmetic

extension ExactDecimal {
    /// Why an arithmetic operation failed.
    public enum ArithmeticError: Error, Sendable, Equatable {
        /// The result is outside the supported range.
        case overflow
        /// Division by zero.
        case divisionByZero
    }

    static func checked(_ m: Int128, _ s: Int) throws(ArithmeticError) -> ExactDecimal {
        guard m < mantissaLimit, m > -mantissaLimit else { throw .overflow }
        return ExactDecimal(uncheckedMantissa: m, scale: s)
    }

    /// `self + other`, exact.
    public func adding(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let s = Swift.max(scale, other.scale)
        guard let a = mantissa(atScale: s), let b = other.mantissa(atScale: s) else { throw .overflow }
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw .overflow }
        return try Self.checked(r, s)
    }

    /// `self - other`, exact.
    public func subtracting(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let s = Swift.max(scale, other.scale)
        guard let a = mantissa(atScale: s), let b = other.mantissa(atScale: s) else { throw .overflow }
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw .overflow }
        return try Self.checked(r, s)
    }

    /// `self × other`, exact unless the product needs more than ``maxScale`` fractional
    /// digits, in which case it is rounded half-to-even at the last one.
    public func multiplying(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        let s = scale + other.scale
        let (p, o) = mantissa.multipliedReportingOverflow(by: other.mantissa)
        if !o {
            if s <= Self.maxScale { return try Self.checked(p, s) }
            return try Self.checked(Self.divideRounded(p, by: Self.pow10[s - Self.maxScale], mode: .halfEven), Self.maxScale)
        }
        // The 256-bit product may still fit once the extra fractional digits are rounded off.
        guard s > Self.maxScale else { throw .overflow }
        let divisor = Self.pow10[s - Self.maxScale]
        let wide = mantissa.multipliedFullWidth(by: other.mantissa)
        guard wide.high.magnitude < (divisor >> 1).magnitude else { throw .overflow }
        let (q, r) = divisor.dividingFullWidth(wide)
        // Rounding may add one; a quotient already past the range must not get there.
        guard q.magnitude < Self.mantissaLimit.magnitude else { throw .overflow }
        return try Self.checked(Self.round(quotient: q, remainder: r, divisor: divisor, mode: .halfEven), Self.maxScale)
    }

    /// `self ÷ other`: exact when the quotient terminates within ``maxScale`` digits,
    /// otherwise rounded half-to-even at the last digit that fits.
    public func dividing(by other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if other.mantissa == 0 { throw .divisionByZero }
        // Fast path: a whole divisor that divides the mantissa evenly (most averages).
        if other.scale == 0, let a = Int64(exactly: mantissa), let b = Int64(exactly: other.mantissa), b != -1,
            a % b == 0
        {
            return ExactDecimal(uncheckedMantissa: Int128(a / b), scale: scale).normalized
        }
        // result = (a / 10^sa) / (b / 10^sb): compute it at the largest scale (at most
        // maxScale) whose mantissa fits, rounding at that digit.
        var target = Self.maxScale
        while target >= 0 {
            let shift = target - scale + other.scale
            var q: Int128?
            if shift >= 0 {
                if shift <= 38 {
                    let (n, o) = mantissa.multipliedReportingOverflow(by: Self.pow10[shift])
                    if !o { q = Self.divideRounded(n, by: other.mantissa, mode: .halfEven) }
                }
            } else {
                let (d, o) = other.mantissa.multipliedReportingOverflow(by: Self.pow10[-shift])
                q = o ? Int128(0) : Self.divideRounded(mantissa, by: d, mode: .halfEven)
            }
            if let q, q < Self.mantissaLimit, q > -Self.mantissaLimit {
                return ExactDecimal(uncheckedMantissa: q, scale: target).normalized
            }
            target -= 1
        }
        throw .overflow
    }

    /// `-self`.
    public var negated: ExactDecimal { ExactDecimal(uncheckedMantissa: -mantissa, scale: scale) }

    /// Integer division `n / d` rounded by `mode`.
    static func divideRounded(_ n: Int128, by d: Int128, mode: RoundingRule) -> Int128 {
        let q: Int128
        let r: Int128
        if let n64 = Int64(exactly: n), let d64 = Int64(exactly: d), !(n64 == .min && d64 == -1) {
            // Int128 division is a library call; most operands fit in 64 bits.
            let (q64, r64) = n64.quotientAndRemainder(dividingBy: d64)
            q = Int128(q64)
            r = Int128(r64)
        } else {
            q = n / d
            r = n % d
        }
        return round(quotient: q, remainder: r, divisor: d, mode: mode)
    }

    /// Adjusts a truncated quotient `q` (remainder `r`, same sign as the dividend) by `mode`.
    static func round(quotient q: Int128, remainder r: Int128, divisor d: Int128, mode: RoundingRule) -> Int128 {
        if r == 0 { return q }
        let positive = (r < 0) == (d < 0)
        switch mode {
        case .down:  // toward zero
            return q
        case .up:  // away from zero
            return positive ? q + 1 : q - 1
        case .floor:
            return positive ? q : q - 1
        case .ceiling:
            return positive ? q + 1 : q
        case .halfUp, .halfEven:
            let twice = r.magnitude * 2
            let dm = d.magnitude
            let awayFromZero: Bool
            if twice > dm {
                awayFromZero = true
            } else if twice < dm {
                awayFromZero = false
            } else {
                awayFromZero = mode == .halfUp || q % 2 != 0
            }
            guard awayFromZero else { return q }
            return positive ? q + 1 : q - 1
        }
    }
}

/// How a value is rounded to fewer digits.
public enum RoundingRule: String, Sendable, CaseIterable {
    /// Toward zero (truncate).
    case down
    /// Away from zero.
    case up
    /// Toward negative infinity.
    case floor
    /// Toward positive infinity.
    case ceiling
    /// To nearest; ties away from zero (commercial rounding).
    case halfUp = "half_up"
    /// To nearest; ties to the even neighbour (banker's rounding).
    case halfEven = "half_even"
}

extension ExactDecimal {
    /// The value rounded to `digits` fractional digits by `rule`.
    public func rounded(toScale digits: Int, _ rule: RoundingRule) -> ExactDecimal {
        let digits = Swift.max(0, Swift.min(digits, Self.maxScale))
        if digits >= scale { return self }
        let m = Self.divideRounded(mantissa, by: Self.pow10[scale - digits], mode: rule)
        return ExactDecimal(uncheckedMantissa: m, scale: digits)
    }

    /// The value rounded to a multiple of `unit` (for example `0.01` or `1000`) by `rule`.
    public func rounded(toMultipleOf unit: ExactDecimal, _ rule: RoundingRule) throws(ArithmeticError) -> ExactDecimal {
        guard unit.mantissa > 0 else { throw .divisionByZero }
        let s = Swift.max(scale, unit.scale)
        guard let a = mantissa(atScale: s), let u = unit.mantissa(atScale: s) else { throw .overflow }
        let q = Self.divideRounded(a, by: u, mode: rule)
        let (m, o) = q.multipliedReportingOverflow(by: u)
        if o { throw .overflow }
        return try Self.checked(m, s)
    }
}

// MARK: - Comparison

extension ExactDecimal: Comparable {
    /// Numeric equality, whatever the scales (`1.50 == 1.5`).
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) == 0
    }

    /// Hashes the normalized value so that equal numbers hash equally.
    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.mantissa)
        hasher.combine(n.scale)
    }

    /// Numeric ordering.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1.
    @inline(__always)
    public static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.scale == rhs.scale {
            return lhs.mantissa < rhs.mantissa ? -1 : (lhs.mantissa == rhs.mantissa ? 0 : 1)
        }
        // Both mantissas are below 10^36 and scales differ by at most 18: a rescale can
        // overflow Int128 only for magnitudes where the sign and size already decide.
        let s = Swift.max(lhs.scale, rhs.scale)
        guard let a = lhs.mantissa(atScale: s) else { return lhs.mantissa < 0 ? -1 : 1 }
        guard let b = rhs.mantissa(atScale: s) else { return rhs.mantissa < 0 ? 1 : -1 }
        return a < b ? -1 : (a == b ? 0 : 1)
    }
}

// MARK: - Text

extension ExactDecimal: CustomStringConvertible, LosslessStringConvertible {
    /// Canonical text: no exponent, no trailing fractional zeros (`"0.95"`, `"25000"`).
    public var description: String { normalized.plainText }

    /// Parses a decimal literal (`-12`, `0.975`, `1e3`, `2.5E-2`); `nil` if malformed or out of range.
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ ExactDecimal.parse($0) }) else { return nil }
        self = value
    }

    /// Text with exactly `digits` fractional digits (rounded half-even if it had more).
    public func formatted(fractionDigits digits: Int) -> String {
        let v = digits < scale ? rounded(toScale: digits, .halfEven) : self
        guard let m = v.mantissa(atScale: digits) else { return v.plainText }
        return ExactDecimal(uncheckedMantissa: m, scale: digits).plainText
    }

    /// Calls `body` with the digits as stored (keeping trailing zeros), from a stack buffer.
    func withPlainText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var n = 0
            appendPlainText { byte in
                buffer[n] = byte
                n += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// Calls `body` with the text for exactly `digits` fractional digits (rounded half-even).
    func withFixedText<R>(fractionDigits digits: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let v = digits < scale ? rounded(toScale: digits, .halfEven) : self
        guard let m = v.mantissa(atScale: digits) else { return v.withPlainText(body) }
        return ExactDecimal(uncheckedMantissa: m, scale: digits).withPlainText(body)
    }

    /// Digits as stored, keeping trailing zeros.
    var plainText: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(48)
        appendPlainText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the digits as stored (keeping trailing zeros) to a UTF-8 buffer.
    public func appendPlainText(to out: inout [UInt8]) {
        appendPlainText { out.append($0) }
    }

    /// Emits the digits as stored (keeping trailing zeros), one byte at a time.
    @inline(__always)
    func appendPlainText(_ emit: (UInt8) -> Void) {
        if mantissa < 0 { emit(UInt8(ascii: "-")) }
        if let small = UInt64(exactly: mantissa.magnitude) {
            appendDigits(small, emit)
            return
        }
        appendDigits(mantissa.magnitude, emit)
    }

    /// Digits of a magnitude with the decimal point at `scale`. Generic so that values that
    /// fit in 64 bits use hardware division (128-bit division is a library call).
    private func appendDigits<T: UnsignedInteger & FixedWidthInteger>(_ value: T, _ emit: (UInt8) -> Void) {
        var m = value
        var digits: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var count = 0
            repeat {
                raw[count] = UInt8(truncatingIfNeeded: m % 10) &+ 48
                m /= 10
                count += 1
            } while m > 0
            while count <= scale {
                raw[count] = 48
                count += 1
            }
            var i = count - 1
            while i >= 0 {
                if i == scale - 1 { emit(UInt8(ascii: ".")) }
                emit(raw[i])
                i -= 1
            }
        }
    }

    /// Parses a JSON/YAML number from UTF-8 bytes without going through binary floating point.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            i = 1
        }
        var m: Int128 = 0
        var small: UInt64 = 0  // digits accumulate in 64 bits while they fit (18 digits)
        var smallDigits = 0
        var digits = 0
        var scale = 0
        var seenDot = false
        var significant = 0
        while i < n {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                digits += 1
                if m != 0 || small != 0 || c != 48 { significant += 1 }
                if significant > 36 { return nil }
                if smallDigits < 18 {
                    small = small &* 10 &+ UInt64(c &- 48)
                    smallDigits += 1
                } else {
                    m = m == 0 ? Int128(small) : m &* pow10[smallDigits] &+ Int128(small)
                    small = UInt64(c &- 48)
                    smallDigits = 1
                }
                if seenDot { scale += 1 }
            } else if c == UInt8(ascii: ".") && !seenDot {
                seenDot = true
            } else if c == UInt8(ascii: "_") && !seenDot && digits > 0 {
                // YAML allows 1_000_000 in plain scalars.
            } else {
                break
            }
            i += 1
        }
        m = m == 0 ? Int128(small) : m &* pow10[smallDigits] &+ Int128(small)
        guard digits > 0 else { return nil }
        if i < n {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var expNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exp = 0
            var expDigits = 0
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                if exp <= 10_000 { exp = exp * 10 + Int(bytes[i] - 48) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == n else { return nil }
            if m == 0 && small == 0 { return .zero }  // 0e400 is zero, whatever the exponent
            if exp > 100 { return nil }
            scale += expNegative ? exp : -exp
        }
        if negative { m = -m }
        if scale < 0 {
            guard -scale <= 38 else { return nil }
            let (p, o) = m.multipliedReportingOverflow(by: pow10[-scale])
            if o { return nil }
            m = p
            scale = 0
        }
        if scale > maxScale {
            // Trailing zeros beyond maxScale are harmless; real digits there are not representable.
            while scale > maxScale && m % 10 == 0 {
                m /= 10
                scale -= 1
            }
            if scale > maxScale { return nil }
        }
        return ExactDecimal(mantissa: m, scale: scale)
    }
}

extension ExactDecimal: ExpressibleByIntegerLiteral {
    /// Creates an integer value from a literal.
    public init(integerLiteral value: Int) { self.init(value) }
}

import Testing

@testable import CreditPolicy

@Suite("ExactDecimal")
struct ExactDecimalTests {
    static func d(_ text: String) -> ExactDecimal { ExactDecimal(text)! }

    /// 10^36: mantissas must stay strictly below it.
    static let mantissaBound: Int128 = 1_000_000_000_000_000_000_000_000_000_000_000_000

    // MARK: Parsing

    @Test(
        "parses decimal literals exactly",
        arguments: [
            ("0", 0, 0), ("-12", -12, 0), ("+5", 5, 0), ("0.975", 975, 3), ("1.50", 150, 2), (".5", 5, 1), ("5.", 5, 0),
            ("1e3", 1000, 0), ("1E+3", 1000, 0), ("2.5E-2", 25, 3), ("-2.5e-2", -25, 3), ("12.5e1", 125, 0), ("1_000_000", 1_000_000, 0),
            ("0.000000000000000001", 1, 18), ("10e-19", 1, 18), ("1.0000000000000000000", 1, 0),
            ("123456789012345678901234567890123456", 123456789012345678901234567890123456, 0),
            ("000000000000000000000000000000000000001", 1, 0),
        ] as [(String, Int128, Int)])
    func parses(_ text: String, _ mantissa: Int128, _ scale: Int) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value == ExactDecimal(mantissa: mantissa, scale: scale)!)
        #expect(value.normalized.mantissa == ExactDecimal(mantissa: mantissa, scale: scale)!.normalized.mantissa)
    }

    @Test("keeps the scale as written", arguments: [("1.50", 150, 2), ("0.10", 10, 2), ("2.5E-2", 25, 3)] as [(String, Int128, Int)])
    func keepsScale(_ text: String, _ mantissa: Int128, _ scale: Int) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.mantissa == mantissa)
        #expect(value.scale == scale)
    }

    @Test(
        "refuses malformed or unrepresentable literals",
        arguments: [
            "", "-", "+", ".", "e3", "1e", "1e+", "1.2.3", "abc", "1a", "_1", "1 ", " 1", "0x10", "1e101", "--1",
            "1234567890123456789012345678901234567",  // 37 significant digits
            "1000000000000000000000000000000000000",  // 10^36: beyond the mantissa bound
            "0.0000000000000000001",  // 19 decimal places
            "1e-19", "1e36",
        ])
    func refuses(_ text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test(
        "JSONParser refuses what RFC 8259 refuses, though ExactDecimal alone would read it",
        arguments: ["01", "-01", "00", "+1", ".5", "5.", "1_000", "1.e3", "-"])
    func jsonGrammar(_ text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test(
        "JSONParser reads numbers exactly",
        arguments: [("0", "0"), ("-0", "0"), ("0.1", "0.1"), ("1E+2", "100"), ("1e-18", "0.000000000000000001"), ("25000.00", "25000")])
    func jsonNumbers(_ text: String, _ expected: String) throws {
        #expect(try JSONParser.parse(text) == .number(Self.d(expected)))
        guard case .number(let n) = try JSONParser.parse(text) else { return }
        #expect(n.description == expected)
    }

    @Test("init(mantissa:scale:) refuses out-of-range values")
    func checkedInit() {
        #expect(ExactDecimal(mantissa: 1, scale: 18) != nil)
        #expect(ExactDecimal(mantissa: 1, scale: 19) == nil)
        #expect(ExactDecimal(mantissa: 1, scale: -1) == nil)
        #expect(ExactDecimal(mantissa: Self.mantissaBound - 1, scale: 0) != nil)
        #expect(ExactDecimal(mantissa: Self.mantissaBound, scale: 0) == nil)
        #expect(ExactDecimal(mantissa: -Self.mantissaBound, scale: 0) == nil)
    }

    // MARK: Arithmetic

    @Test(
        "adds, subtracts and multiplies exactly",
        arguments: [
            ("0.1", "+", "0.2", "0.3"), ("1.50", "-", "0.5", "1"), ("-0.1", "+", "0.1", "0"), ("1.5", "*", "1.5", "2.25"),
            ("2000000", "*", "0.075", "150000"), ("1234567", "*", "0.075", "92592.525"), ("-3", "*", "0.5", "-1.5"),
            ("0.000000001", "*", "0.000000001", "0.000000000000000001"),
            // products beyond 18 places are rounded half-to-even at the 18th
            ("0.0000000005", "*", "0.000000001", "0"), ("0.0000000015", "*", "0.000000001", "0.000000000000000002"),
            ("0.0000000025", "*", "0.000000001", "0.000000000000000002"),
        ])
    func arithmetic(_ a: String, _ op: String, _ b: String, _ expected: String) throws {
        let x = Self.d(a), y = Self.d(b)
        let result: ExactDecimal =
            switch op {
            case "+": try x.adding(y)
            case "-": try x.subtracting(y)
            default: try x.multiplying(y)
            }
        #expect(result == Self.d(expected))
        #expect(result.description == expected)
    }

    @Test(
        "divides exactly when the quotient terminates, else rounds half-to-even at 18 places",
        arguments: [
            ("10", "4", "2.5"), ("1", "8", "0.125"), ("1", "3", "0.333333333333333333"), ("2", "3", "0.666666666666666667"),
            ("-2", "3", "-0.666666666666666667"), ("2", "-3", "-0.666666666666666667"), ("1.9", "2", "0.95"),
            ("0.000000000000000001", "2", "0"), ("0.000000000000000003", "2", "0.000000000000000002"),
            ("0.000000000000000005", "2", "0.000000000000000002"), ("0.000000000000000007", "2", "0.000000000000000004"),
            ("-0.000000000000000003", "2", "-0.000000000000000002"), ("1", "0.001", "1000"), ("123456789", "1000", "123456.789"),
        ])
    func division(_ a: String, _ b: String, _ expected: String) throws {
        let q = try Self.d(a).dividing(by: Self.d(b))
        #expect(q.description == expected)
    }

    @Test("division by zero is an error, not a crash")
    func divisionByZero() {
        #expect(throws: ExactDecimal.ArithmeticError.divisionByZero) { try ExactDecimal(1).dividing(by: .zero) }
        #expect(throws: ExactDecimal.ArithmeticError.divisionByZero) { try ExactDecimal(0).dividing(by: Self.d("0.00")) }
    }

    @Test("overflow is reported, not wrapped or trapped")
    func overflow() throws {
        let largest = ExactDecimal(mantissa: Self.mantissaBound - 1, scale: 0)!
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.adding(.one) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.negated.subtracting(.one) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.multiplying(ExactDecimal(2)) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.multiplying(largest) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.dividing(by: Self.d("0.1")) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try Self.d("0.000000000000000001").adding(largest) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.rounded(toMultipleOf: Self.d("0.01"), .up) }
        #expect(try largest.subtracting(.one) < largest)
    }

    @Test("dividing a large in-range value by one gives the value back")
    func largeQuotient() throws {
        // 10^18 ÷ 1 = 10^18 is well inside the range (mantissas up to 10^36), yet the quotient
        // is computed at 18 fractional digits first, which needs a mantissa of 10^36.
        let big = ExactDecimal(mantissa: 1_000_000_000_000_000_000, scale: 0)!
        #expect(try big.dividing(by: .one) == big)
        #expect(try big.dividing(by: ExactDecimal(4)) == ExactDecimal(mantissa: 250_000_000_000_000_000, scale: 0)!)
    }

    // MARK: Rounding

    @Test(
        "rounding rules on positive and negative values",
        arguments: [
            ("2.5", RoundingRule.down, "2"), ("-2.5", .down, "-2"), ("2.6", .down, "2"), ("-2.6", .down, "-2"),
            ("2.5", .up, "3"), ("-2.5", .up, "-3"), ("2.1", .up, "3"), ("-2.1", .up, "-3"),
            ("2.5", .floor, "2"), ("-2.5", .floor, "-3"), ("2.9", .floor, "2"), ("-2.1", .floor, "-3"),
            ("2.5", .ceiling, "3"), ("-2.5", .ceiling, "-2"), ("2.1", .ceiling, "3"), ("-2.9", .ceiling, "-2"),
            ("2.5", .halfUp, "3"), ("-2.5", .halfUp, "-3"), ("2.4", .halfUp, "2"), ("-2.4", .halfUp, "-2"), ("3.5", .halfUp, "4"),
            ("2.5", .halfEven, "2"), ("-2.5", .halfEven, "-2"), ("3.5", .halfEven, "4"), ("-3.5", .halfEven, "-4"),
            ("2.6", .halfEven, "3"), ("-2.6", .halfEven, "-3"), ("2.51", .halfEven, "3"),
            ("7", .up, "7"), ("-7", .floor, "-7"), ("0", .ceiling, "0"),
        ])
    func roundingRules(_ value: String, _ rule: RoundingRule, _ expected: String) {
        #expect(Self.d(value).rounded(toScale: 0, rule) == Self.d(expected))
    }

    @Test(
        "rounding to a number of places",
        arguments: [
            ("1.2345", 2, RoundingRule.halfEven, "1.23"), ("1.235", 2, .halfEven, "1.24"), ("1.245", 2, .halfEven, "1.24"),
            ("1.245", 2, .halfUp, "1.25"), ("-1.245", 2, .halfUp, "-1.25"), ("1234.567", 2, .down, "1234.56"), ("1.5", 3, .up, "1.5"),
        ])
    func roundingPlaces(_ value: String, _ places: Int, _ rule: RoundingRule, _ expected: String) {
        let r = Self.d(value).rounded(toScale: places, rule)
        #expect(r == Self.d(expected))
        #expect(r.scale <= max(places, Self.d(value).scale))
    }

    @Test(
        "rounding to a multiple of a unit",
        arguments: [
            ("1234.567", "0.01", RoundingRule.down, "1234.56"), ("-1234.567", "0.01", .down, "-1234.56"),
            ("-1234.561", "0.01", .floor, "-1234.57"), ("1234.5", "1000", .halfUp, "1000"), ("1500", "1000", .halfUp, "2000"),
            ("1500", "1000", .halfEven, "2000"), ("2500", "1000", .halfEven, "2000"), ("2500", "1000", .down, "2000"),
            ("1.03", "0.05", .halfUp, "1.05"), ("1.025", "0.05", .halfEven, "1"), ("1.075", "0.05", .halfEven, "1.1"),
            ("99999.999", "0.01", .up, "100000"), ("7", "0.01", .down, "7"),
        ])
    func roundingMultiples(_ value: String, _ unit: String, _ rule: RoundingRule, _ expected: String) throws {
        #expect(try Self.d(value).rounded(toMultipleOf: Self.d(unit), rule) == Self.d(expected))
    }

    @Test("a zero or negative rounding unit is refused")
    func badUnit() {
        #expect(throws: ExactDecimal.ArithmeticError.divisionByZero) { try Self.d("1.5").rounded(toMultipleOf: .zero, .down) }
        #expect(throws: ExactDecimal.ArithmeticError.divisionByZero) { try Self.d("1.5").rounded(toMultipleOf: Self.d("-0.01"), .down) }
    }

    // MARK: Text

    @Test(
        "canonical text drops trailing zeros and never uses an exponent",
        arguments: [
            ("0.95", "0.95"), ("25000", "25000"), ("25000.00", "25000"), ("-0.5", "-0.5"), ("1e3", "1000"), ("2.5E-2", "0.025"),
            ("0.000000000000000001", "0.000000000000000001"), ("-0.0", "0"), ("100.10", "100.1"),
        ])
    func description(_ text: String, _ expected: String) {
        #expect(Self.d(text).description == expected)
        #expect(ExactDecimal(Self.d(text).description) == Self.d(text))
    }

    @Test(
        "formats with a fixed number of places, rounding half-to-even",
        arguments: [
            ("25000", 2, "25000.00"), ("0", 2, "0.00"), ("-1.5", 2, "-1.50"), ("1.005", 2, "1.00"), ("1.015", 2, "1.02"),
            ("2.5", 0, "2"), ("3.5", 0, "4"), ("-0.125", 2, "-0.12"), ("1234.56", 3, "1234.560"), ("0.5", 0, "0"),
        ])
    func formatted(_ text: String, _ places: Int, _ expected: String) {
        #expect(Self.d(text).formatted(fractionDigits: places) == expected)
    }

    // MARK: Comparison

    @Test("compares numerically across scales")
    func comparisons() {
        #expect(Self.d("1.50") == Self.d("1.5"))
        #expect(Self.d("1.5") < Self.d("1.51"))
        #expect(Self.d("-0.1") < .zero)
        #expect(Self.d("0.95") < Self.d("0.9525"))
        #expect(Self.d("0.950") == Self.d("0.95"))
        #expect(Self.d("-2") < Self.d("-1.999999999999999999"))
        let huge = ExactDecimal(mantissa: Self.mantissaBound - 1, scale: 0)!
        let tiny = Self.d("0.000000000000000001")
        #expect(tiny < huge)
        #expect(huge.negated < tiny.negated)
        #expect(ExactDecimal.compare(huge, tiny) == 1)
        #expect(ExactDecimal.compare(tiny, tiny) == 0)
        #expect(Set([Self.d("1.50"), Self.d("1.5"), Self.d("1.500")]).count == 1)
        #expect([Self.d("2"), Self.d("-1"), Self.d("0.5"), Self.d("0.50001")].sorted().map(\.description) == ["-1", "0.5", "0.50001", "2"])
    }

    @Test("whole numbers convert to Int, fractions do not")
    func intValue() {
        #expect(Self.d("25000.00").intValue == 25000)
        #expect(Self.d("-3").intValue == -3)
        #expect(Self.d("2.5").intValue == nil)
        #expect(Self.d("25000.00").isInteger)
        #expect(!Self.d("0.1").isInteger)
        #expect(Self.d("1.2300").significantScale == 2)
    }
}

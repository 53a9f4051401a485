/// A place in a policy file.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Orders by file, then line, then column.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One mistake found in a policy file: a stable code, where it is, and what to change.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable code.
    public var code: DiagnosticCode
    /// What is wrong and, where possible, what to write instead.
    public var message: String
    /// Where it is.
    public var location: SourceLocation

    /// Creates a diagnostic.
    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// `file:line:col: code: message`, the format editors and CI annotate.
    public var description: String { "\(location): \(code.rawValue): \(message)" }
}

/// Every kind of mistake the policy compiler reports. The raw values are stable: tools may match on them.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    /// The file is not valid YAML.
    case yamlSyntax = "yaml_syntax"
    /// A mapping names the same key twice.
    case duplicateKey = "duplicate_key"
    /// A key the policy language does not know (often a typo).
    case unknownKey = "unknown_key"
    /// A required key is absent.
    case missingKey = "missing_key"
    /// A value of the wrong YAML kind (a list where a mapping belongs, text where a number belongs…).
    case wrongType = "wrong_type"
    /// A value of the right kind that is not allowed (bad date, currency, identifier…).
    case invalidValue = "invalid_value"
    /// An input path declared twice, or one that clashes with another.
    case duplicateInput = "duplicate_input"
    /// An input constraint that makes no sense (min above max, enum on a boolean…).
    case invalidConstraint = "invalid_constraint"
    /// An expression that does not parse.
    case expressionSyntax = "expression_syntax"
    /// An expression reads a field that is not a declared input.
    case unknownField = "unknown_field"
    /// An expression calls a function that does not exist.
    case unknownFunction = "unknown_function"
    /// A function called with the wrong number of arguments.
    case wrongArity = "wrong_arity"
    /// Operands or results of the wrong type (`"A" > 3`, a number where a condition belongs…).
    case typeMismatch = "type_mismatch"
    /// A value that may be missing is used where a value is required.
    case nullableValue = "nullable_value"
    /// An expression beyond the language's cost bounds.
    case expressionTooComplex = "expression_too_complex"
    /// A reason code used but not in the reason catalogue.
    case unknownReason = "unknown_reason"
    /// A rule, characteristic, tier or test named twice.
    case duplicateName = "duplicate_name"
    /// Scorecard bands that leave some values without points.
    case bandGap = "band_gap"
    /// A band that can never match because earlier bands take all its values.
    case bandUnreachable = "band_unreachable"
    /// Tiers out of order, or without a catch-all last tier.
    case tierOrder = "tier_order"
    /// A rounding rule that is unknown or finer than the currency allows.
    case invalidRounding = "invalid_rounding"
    /// A test case that cannot run (bad application, unknown expectation).
    case invalidTest = "invalid_test"
}

/// The error thrown when a policy has mistakes: all of them, in file order.
public struct PolicyErrors: Error, Sendable, CustomStringConvertible {
    /// Every mistake found.
    public var diagnostics: [Diagnostic]

    /// Creates the error from diagnostics (sorted by location).
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }

    /// One line per mistake.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

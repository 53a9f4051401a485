import Crypto
import Yams

/// Turns a policy file's text into a ``Policy``, or reports every mistake in it at once.
public enum PolicyCompiler {
    /// Compiles a policy.
    /// - Parameters:
    ///   - source: The file's text.
    ///   - file: The file's name as the user knows it; used in every diagnostic.
    /// - Throws: ``PolicyErrors`` with all mistakes, sorted by location.
    public static func compile(source: String, file: String) throws(PolicyErrors) -> Policy {
        var builder = PolicyBuilder(source: YAMLSource(file: file, text: source), text: source)
        let policy = builder.build()
        guard builder.diagnostics.isEmpty, let policy else {
            throw PolicyErrors(
                builder.diagnostics.isEmpty
                    ? [Diagnostic(.invalidValue, "the policy could not be compiled", at: SourceLocation(file: file, line: 1, column: 1))]
                    : builder.diagnostics)
        }
        return policy
    }

    /// SHA-256 of `text`'s UTF-8 bytes, lowercase hex.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = Array("0123456789abcdef")
            return String([hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }.joined()
    }
}

/// Reads one policy file, collecting diagnostics instead of stopping at the first.
struct PolicyBuilder {
    let source: YAMLSource
    let text: String
    var diagnostics: [Diagnostic] = []
    /// Nodes that test applications and enum lists may expand to, in all (aliases can make a
    /// small file stand for an enormous document).
    var valueBudget = 1_000_000

    /// The JSON value of a YAML node within the file's budget; reports when it is exhausted.
    mutating func value(of node: Node, _ what: String) -> JSONValue? {
        let wasExhausted = valueBudget < 0
        if let v = node.jsonValue(budget: &valueBudget) { return v }
        if valueBudget < 0 {
            if !wasExhausted { error(.invalidValue, "\(what) is too large (aliases expand to more than 1,000,000 values in this file)", node) }
        } else {
            error(.wrongType, "\(what) must use text keys", node)
        }
        return nil
    }

    static let topKeys = [
        "id", "version", "effective_from", "currency", "description", "inputs", "knockouts", "scorecard",
        "tiers", "limit_rounding", "referrals", "adverse_action", "reasons", "tests", "applies_to", "review",
    ]
    static let reserved: Set<String> = ["points", "tier", "limit", "terms"]

    mutating func error(_ code: DiagnosticCode, _ message: String, _ node: Node) {
        diagnostics.append(Diagnostic(code, message, at: source.location(node)))
    }

    // MARK: Reading YAML

    /// The pairs of a mapping with unknown, duplicate and missing keys reported.
    mutating func mapping(_ node: Node, _ what: String, required: [String] = [], optional: [String] = []) -> [String: Node]? {
        guard case .mapping(let map) = node else {
            error(.wrongType, "\(what) must be a mapping (key: value pairs), found \(node.kindName)", node)
            return nil
        }
        var result: [String: Node] = [:]
        let allowed = required + optional
        for (keyNode, value) in map {
            guard case .scalar(let key) = keyNode else {
                error(.wrongType, "keys in \(what) must be names", keyNode)
                continue
            }
            if renamedDuplicates.contains(source.location(keyNode)) { continue }
            if result[key.string] != nil {
                error(.duplicateKey, "'\(key.string)' appears twice in \(what); keep one", keyNode)
                continue
            }
            guard allowed.contains(key.string) else {
                error(
                    .unknownKey,
                    "unknown key '\(key.string)' in \(what)\(ExpressionCompiler.suggestion(key.string, among: allowed)); allowed keys: \(allowed.joined(separator: ", "))",
                    keyNode)
                continue
            }
            result[key.string] = value
        }
        for key in required where result[key] == nil {
            error(.missingKey, "\(what) needs '\(key)'", node)
        }
        return result
    }

    /// The pairs of a mapping in file order (for sections keyed by user-chosen names).
    mutating func orderedPairs(_ node: Node, _ what: String) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let map) = node else {
            error(.wrongType, "\(what) must be a mapping (name: value pairs), found \(node.kindName)", node)
            return []
        }
        var seen: Set<String> = []
        var pairs: [(String, Node, Node)] = []
        for (keyNode, value) in map {
            guard case .scalar(let key) = keyNode else {
                error(.wrongType, "keys in \(what) must be names", keyNode)
                continue
            }
            if renamedDuplicates.contains(source.location(keyNode)) { continue }
            guard seen.insert(key.string).inserted else {
                error(.duplicateKey, "'\(key.string)' appears twice in \(what); keep one", keyNode)
                continue
            }
            pairs.append((key.string, keyNode, value))
        }
        return pairs
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            error(.wrongType, "\(what) must be a list (lines starting with '- '), found \(node.kindName)", node)
            return nil
        }
        return Array(seq)
    }

    mutating func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node else {
            error(.wrongType, "\(what) must be text, found \(node.kindName)", node)
            return nil
        }
        return s.string
    }

    mutating func decimal(_ node: Node, _ what: String) -> ExactDecimal? {
        guard case .scalar(let s) = node else {
            error(.wrongType, "\(what) must be a number, found \(node.kindName)", node)
            return nil
        }
        guard let n = ExactDecimal(s.string.replacingUnderscores) else {
            error(.wrongType, "\(what) must be a number, found '\(s.string)'", node)
            return nil
        }
        return n
    }

    mutating func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard let n = decimal(node, what) else { return nil }
        guard let i = n.intValue else {
            error(.wrongType, "\(what) must be a whole number, found \(n)", node)
            return nil
        }
        if let range, !range.contains(i) {
            error(.invalidValue, "\(what) must be from \(range.lowerBound) to \(range.upperBound), found \(i)", node)
            return nil
        }
        return i
    }

    mutating func boolean(_ node: Node, _ what: String) -> Bool? {
        if case .scalar(let s) = node, s.style == .plain || s.style == .any, case .bool(let b) = Node.plainScalarValue(s.string) {
            return b
        }
        error(.wrongType, "\(what) must be true or false", node)
        return nil
    }

    mutating func reasonCode(_ node: Node, _ what: String, catalogue: [String: ReasonText]?) -> String? {
        guard let code = text(node, what) else { return nil }
        guard code.isReasonCode else {
            error(.invalidValue, "\(what) '\(code)' must be UPPER_SNAKE_CASE (letters, digits, '_')", node)
            return nil
        }
        if let catalogue, catalogue[code] == nil {
            error(
                .unknownReason,
                "reason code '\(code)' is not in the 'reasons' catalogue\(ExpressionCompiler.suggestion(code, among: Array(catalogue.keys).sorted())); add it there with officer and customer texts",
                node)
        }
        return code
    }

    /// Compiles the expression held by scalar `node`, mapping errors to file positions.
    mutating func expression(_ node: Node, _ what: String, scope: ExpressionCompiler.Scope) -> (ExpressionCompiler.Compiled, String)? {
        guard case .scalar(let s) = node else {
            error(.wrongType, "\(what) must be an expression (text), found \(node.kindName)", node)
            return nil
        }
        switch ExpressionCompiler.compile(s.string, in: scope) {
        case .success(let compiled):
            return (compiled, s.string)
        case .failure(let errors):
            for e in errors {
                diagnostics.append(Diagnostic(e.code, "\(what): \(e.message)", at: source.location(node, offset: e.offset)))
            }
            return nil
        }
    }

    // MARK: The policy

    mutating func build() -> Policy? {
        guard let root = composeReportingDuplicates() else { return nil }
        guard
            let top = mapping(
                root, "the policy", required: ["id", "version", "effective_from", "currency", "description", "inputs", "tiers", "limit_rounding", "reasons"],
                optional: ["knockouts", "scorecard", "referrals", "adverse_action", "tests", "applies_to", "review"])
        else {
            return nil
        }

        var id: String?
        if let node = top["id"], let value = text(node, "id") {
            if value.isPolicyID {
                id = value
            } else {
                error(.invalidValue, "id '\(value)' must be lowercase letters, digits, '-' or '_', starting with a letter", node)
            }
        }
        let version = top["version"].flatMap { integer($0, "version", in: 1...1_000_000) }
        var effectiveFrom: Timestamp?
        if let node = top["effective_from"], let value = text(node, "effective_from") {
            effectiveFrom = Timestamp(value)
            if effectiveFrom == nil { error(.invalidValue, "effective_from '\(value)' must be a date like 2026-01-31 or an RFC 3339 time", node) }
        }
        var currency: Currency?
        if let node = top["currency"], let code = text(node, "currency") {
            if let minor = Currency.known[code] {
                currency = Currency(code: code, minorUnits: minor)
            } else {
                error(
                    .invalidValue,
                    "currency '\(code)' is not an ISO 4217 code this engine knows\(ExpressionCompiler.suggestion(code, among: Currency.known.keys.sorted())); use one of \(Currency.known.keys.sorted().joined(separator: ", "))",
                    node)
            }
        }
        let description = top["description"].flatMap { text($0, "description") }

        let reasons = top["reasons"].map { readReasons($0) } ?? [:]
        let inputs = top["inputs"].map { readInputs($0) } ?? InputSchema(fields: [], root: InputSchema.Node(keys: [], children: [], field: nil, order: 0))

        let inputScope = ExpressionCompiler.Scope(inputs: inputs, computed: [], context: "this rule")
        let knockouts =
            top["knockouts"].map {
                readRules($0, "knockouts", scope: ExpressionCompiler.Scope(inputs: inputs, computed: [], context: "a knockout rule"), reasons: reasons)
            } ?? []
        let scorecard = top["scorecard"].map { readScorecard($0, inputs: inputs, reasons: reasons) } ?? []
        let rounding = top["limit_rounding"].flatMap { readRounding($0, "limit_rounding", currency: currency) }
        let tiers = top["tiers"].map { readTiers($0, inputs: inputs, defaultRounding: rounding, currency: currency) } ?? []
        let referrals =
            top["referrals"].map {
                readRules(
                    $0, "referrals", scope: ExpressionCompiler.Scope(inputs: inputs, computed: Set(ComputedValue.allCases), context: "a referral rule"),
                    reasons: reasons)
            } ?? []
        let adverse =
            top["adverse_action"].map { readAdverseAction($0, scope: inputScope, reasons: reasons) }
            ?? AdverseActionRules(requestedLimit: nil, limitReason: nil, termsReason: nil, maxFactors: 4)
        // Every adverse outcome needs a specific reason: deposit terms need one of their own
        // for the case where no characteristic cost points.
        if let depositTier = tiers.first(where: { $0.terms.depositPct > .zero }), adverse.termsReason == nil {
            diagnostics.append(
                Diagnostic(
                    .missingKey,
                    "tier \(depositTier.name) asks for a deposit, so adverse_action needs 'terms_reason': the reason code given when no characteristic explains the deposit",
                    at: top["adverse_action"].map(source.location) ?? depositTier.location))
        }
        let tests = top["tests"].map { readTests($0, inputs: inputs, reasons: reasons, tiers: tiers.map(\.name)) } ?? []
        let selector = top["applies_to"].flatMap { readSelector($0, inputs: inputs) }
        let review = top["review"].map { readReview($0, reasons: reasons) } ?? .default

        guard diagnostics.isEmpty, let id, let version, let effectiveFrom, let currency, let description, let rounding else {
            return nil
        }
        _ = rounding
        return Policy(
            id: id, version: version, effectiveFrom: effectiveFrom, currency: currency, description: description,
            sha256: PolicyCompiler.sha256(text), file: source.file, inputs: inputs, reasons: reasons, tests: tests,
            knockouts: knockouts, scorecard: scorecard, tiers: tiers, referrals: referrals, adverseAction: adverse,
            selector: selector, review: review)
    }

    /// `applies_to: {when: CONDITION, priority: N}`: which applications this policy decides when
    /// several are live (the highest priority whose condition holds; otherwise the default).
    mutating func readSelector(_ node: Node, inputs: InputSchema) -> PolicySelector? {
        guard let m = mapping(node, "applies_to", required: ["when", "priority"], optional: ["description"]) else {
            return nil
        }
        let priority = m["priority"].flatMap { integer($0, "priority", in: 1...1_000_000) }
        let scope = ExpressionCompiler.Scope(inputs: inputs, computed: [], context: "the applies_to condition")
        guard let whenNode = m["when"], let (compiled, text) = expression(whenNode, "applies_to condition", scope: scope)
        else { return nil }
        guard compiled.type.kind == .bool, !compiled.type.nullable else {
            error(
                compiled.type.kind == .bool ? .nullableValue : .typeMismatch,
                "the applies_to condition must be true or false, but it is \(compiled.type)", whenNode)
            return nil
        }
        guard let priority else { return nil }
        return PolicySelector(priority: priority, source: text, condition: compiled.expression)
    }

    /// Keys renamed because they repeat an earlier key (already reported); readers skip them.
    var renamedDuplicates: Set<SourceLocation> = []

    /// Composes the YAML. Yams stops at the first duplicate key in a mapping; to report every
    /// mistake at once, each duplicate is reported, neutralised in a copy of the text (its
    /// first character replaced, so every position stays put) and the text composed again.
    mutating func composeReportingDuplicates() -> Node? {
        var current = text
        for attempt in 0..<100 {
            do {
                guard let node = try Yams.compose(yaml: current) else {
                    diagnostics.append(
                        Diagnostic(
                            .missingKey,
                            "the file is empty; a policy needs id, version, effective_from, currency, description, inputs, tiers, limit_rounding, reasons",
                            at: source.location(line: 1, column: 1)))
                    return nil
                }
                return node
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                guard let key = duplicates.first, let (line, column) = Self.repeatOf(key, firstAt: context.mark, in: current) else {
                    diagnostics.append(
                        Diagnostic(
                            .duplicateKey, "'\(duplicates.joined(separator: "', '"))' appear\(duplicates.count == 1 ? "s" : "") twice in one mapping; keep one",
                            at: source.location(line: context.mark.line, column: context.mark.column)))
                    return nil
                }
                let at = source.location(line: line, column: column)
                diagnostics.append(Diagnostic(.duplicateKey, "'\(key)' appears twice in this mapping (first at line \(context.mark.line)); keep one", at: at))
                renamedDuplicates.insert(at)
                let next = Self.neutralise(in: current, line: line, column: column, with: attempt)
                if next == current { return nil }  // nothing changed: stop rather than loop
                current = next
            } catch let error as YamlError {
                diagnostics.append(yamlDiagnostic(error))
                return nil
            } catch {
                diagnostics.append(Diagnostic(.yamlSyntax, "cannot read the file as YAML", at: source.location(line: 1, column: 1)))
                return nil
            }
        }
        return nil
    }

    /// The next occurrence of mapping key `key` after its first one at `first`: later on the
    /// same line (a flow mapping) or at the same column further down (a block mapping).
    static func repeatOf(_ key: String, firstAt first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = YAMLSource.lines(text)
        let k = Array(key.unicodeScalars)
        func isKey(_ chars: [Unicode.Scalar], at i: Int) -> Bool {
            guard i >= 0, i + k.count <= chars.count, Array(chars[i..<i + k.count]) == k else { return false }
            if i > 0, !" {,\t".unicodeScalars.contains(chars[i - 1]) { return false }
            var j = i + k.count
            while j < chars.count, chars[j] == " " || chars[j] == "\t" { j += 1 }
            return j < chars.count && chars[j] == ":"
        }
        let row = first.line - 1
        guard row < lines.count else { return nil }
        var i = first.column - 1 + k.count
        while i < lines[row].count {
            if isKey(lines[row], at: i) { return (first.line, i + 1) }
            i += 1
        }
        for r in (row + 1)..<lines.count {
            let chars = lines[r]
            guard let start = chars.firstIndex(where: { $0 != " " && $0 != "\t" }), chars[start] != "#" else { continue }
            if start < first.column - 1 { return nil }  // dedented: the mapping ended
            if start == first.column - 1, isKey(chars, at: start) { return (r + 1, first.column) }
        }
        return nil
    }

    /// The text with the key at (line, column) made unique: its first character replaced by a
    /// private-use character, a different one each time, so renamed keys never collide.
    static func neutralise(in text: String, line: Int, column: Int, with attempt: Int) -> String {
        var lines = YAMLSource.lines(text)
        guard line - 1 < lines.count, column - 1 < lines[line - 1].count, let unique = Unicode.Scalar(0xE000 + attempt) else { return text }
        lines[line - 1][column - 1] = unique
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    func yamlDiagnostic(_ error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let extra = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return Diagnostic(.yamlSyntax, "invalid YAML: \(problem)\(extra)", at: source.location(line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return Diagnostic(.yamlSyntax, "cannot read the file: \(problem)", at: source.location(line: 1, column: 1))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                .duplicateKey, "keys \(duplicates.joined(separator: ", ")) appear twice in one mapping; keep one",
                at: source.location(line: context.mark.line, column: context.mark.column))
        default:
            return Diagnostic(.yamlSyntax, "invalid YAML", at: source.location(line: 1, column: 1))
        }
    }

    // MARK: Reasons

    mutating func readReasons(_ node: Node) -> [String: ReasonText] {
        var result: [String: ReasonText] = [:]
        for (code, keyNode, value) in orderedPairs(node, "reasons") {
            guard code.isReasonCode else {
                error(.invalidValue, "reason code '\(code)' must be UPPER_SNAKE_CASE (letters, digits, '_')", keyNode)
                continue
            }
            guard let fields = mapping(value, "reason \(code)", required: ["officer", "customer"]) else { continue }
            let officer = fields["officer"].flatMap { text($0, "officer text of \(code)") }
            let customer = fields["customer"].flatMap { text($0, "customer text of \(code)") }
            for (node, text) in [(fields["officer"], officer), (fields["customer"], customer)] {
                if let node, let text, text.trimmingSpaces.isEmpty { error(.invalidValue, "reason \(code) needs a non-empty text", node) }
            }
            if let officer, let customer { result[code] = ReasonText(code: code, officer: officer, customer: customer) }
        }
        return result
    }

    /// The code with its catalogue texts (the code itself stands in when the catalogue lacks it,
    /// which only happens while diagnostics are being collected).
    static func reason(_ code: String, _ catalogue: [String: ReasonText]) -> Reason {
        let text = catalogue[code]
        return Reason(code: code, officerText: text?.officer ?? code, customerText: text?.customer ?? code)
    }

    // MARK: Inputs

    mutating func readInputs(_ node: Node) -> InputSchema {
        var fields: [InputField] = []
        for (path, keyNode, value) in orderedPairs(node, "inputs") {
            guard path.isFieldPath else {
                error(.invalidValue, "input path '\(path)' must be names of lowercase letters, digits and '_' joined by '.', like applicant.country", keyNode)
                continue
            }
            if let head = path.split(separator: ".").first, Self.reserved.contains(String(head)) {
                error(.invalidValue, "input path '\(path)' starts with '\(head)', a name the engine computes; rename the input", keyNode)
                continue
            }
            if let clash = fields.first(where: { path.hasPrefix($0.path + ".") || $0.path.hasPrefix(path + ".") }) {
                error(
                    .duplicateInput,
                    "input '\(path)' overlaps input '\(clash.path)' (line \(clash.location.line)): a field cannot be both a value and an object", keyNode)
                continue
            }
            guard var field = readField(value, path: path, at: source.location(keyNode), allowList: true) else { continue }
            field.slot = fields.count
            fields.append(field)
        }
        return InputSchema(fields: fields, root: Self.layout(fields))
    }

    static func layout(_ fields: [InputField]) -> InputSchema.Node {
        final class Builder {
            var children: [(String, Builder)] = []
            var field: Int?
            func child(_ key: String) -> Builder {
                if let c = children.first(where: { $0.0 == key }) { return c.1 }
                let b = Builder()
                children.append((key, b))
                return b
            }
            func node(_ keys: [String], _ fields: [InputField], _ counter: inout Int) -> InputSchema.Node {
                let order = counter
                counter += 1
                if let field { return InputSchema.Node(keys: keys, children: [], field: InputSchema.FieldRule(fields[field], order: order), order: order) }
                var built: [(key: String, node: InputSchema.Node)] = []
                for (key, child) in children { built.append((key, child.node(keys + [key], fields, &counter))) }
                return InputSchema.Node(keys: keys, children: built, field: nil, order: order)
            }
        }
        let root = Builder()
        for (index, field) in fields.enumerated() {
            var b = root
            for part in field.path.split(separator: ".") { b = b.child(String(part)) }
            b.field = index
        }
        var counter = 0
        return root.node([], fields, &counter)
    }

    mutating func readField(_ node: Node, path: String, at location: SourceLocation, allowList: Bool) -> InputField? {
        let what = "input '\(path)'"
        guard
            let m = mapping(
                node, what, required: ["type"],
                optional: ["required", "min", "max", "max_decimals", "enum", "max_length", "min_items", "max_items", "items", "description"])
        else { return nil }
        guard let typeNode = m["type"], let typeName = text(typeNode, "type of \(what)") else { return nil }
        guard let kind = InputField.Kind(rawValue: typeName) else {
            error(
                .invalidValue,
                "\(what) has unknown type '\(typeName)'\(ExpressionCompiler.suggestion(typeName, among: InputField.Kind.allCases.map(\.rawValue))); types are \(InputField.Kind.allCases.map(\.rawValue).joined(separator: ", "))",
                typeNode)
            return nil
        }
        var field = InputField(path: path, kind: kind, location: location)
        if let n = m["required"], let b = boolean(n, "required of \(what)") { field.required = b }
        let numeric = kind == .integer || kind == .decimal
        func only(_ key: String, _ allowed: Bool, _ kinds: String) -> Node? {
            guard let n = m[key] else { return nil }
            guard allowed else {
                error(.invalidConstraint, "'\(key)' applies to \(kinds) inputs, not to \(what) of type \(kind.rawValue)", n)
                return nil
            }
            return n
        }
        if let n = only("min", numeric, "integer and decimal") { field.minimum = decimal(n, "min of \(what)") }
        if let n = only("max", numeric, "integer and decimal") { field.maximum = decimal(n, "max of \(what)") }
        if kind == .integer {
            for (key, bound) in [("min", field.minimum), ("max", field.maximum)] {
                if let bound, !bound.isInteger, let n = m[key] {
                    error(.invalidConstraint, "\(key) of integer \(what) must be a whole number, found \(bound)", n)
                }
            }
        }
        if let lo = field.minimum, let hi = field.maximum, lo > hi, let n = m["max"] {
            error(.invalidConstraint, "\(what) has min \(lo) above max \(hi): no value could pass", n)
        }
        if let n = only("max_decimals", kind == .decimal, "decimal") {
            field.maxDecimals = integer(n, "max_decimals of \(what)", in: 0...ExactDecimal.maxScale)
        }
        if let n = only("max_length", kind == .string, "string") { field.maxLength = integer(n, "max_length of \(what)", in: 1...1_000_000) }
        if let n = only("min_items", kind == .list, "list") { field.minItems = integer(n, "min_items of \(what)", in: 0...10_000) }
        if let n = only("max_items", kind == .list, "list") { field.maxItems = integer(n, "max_items of \(what)", in: 1...10_000) }
        if let lo = field.minItems, let hi = field.maxItems, lo > hi, let n = m["max_items"] {
            error(.invalidConstraint, "\(what) has min_items \(lo) above max_items \(hi)", n)
        }
        if let n = only("enum", kind == .string || numeric, "string, integer and decimal"), let items = sequence(n, "enum of \(what)") {
            var allowed: [JSONValue] = []
            for item in items {
                guard let v = value(of: item, "an enum value") else { continue }
                switch (kind, v) {
                case (.string, .string), (.integer, .number), (.decimal, .number):
                    allowed.append(v)
                case (.string, .number(let num)):
                    allowed.append(.string(num.description))  // enum: [7011] on a string means "7011"
                default:
                    error(.invalidConstraint, "enum value \(v.displayText) does not match type \(kind.rawValue) of \(what)", item)
                }
            }
            if allowed.isEmpty { error(.invalidConstraint, "enum of \(what) lists no values", n) }
            field.allowed = allowed
        }
        if kind == .list {
            guard allowList else {
                error(.invalidValue, "lists inside list items are not supported (\(what))", typeNode)
                return nil
            }
            guard let itemsNode = m["items"] else {
                error(.missingKey, "list \(what) needs 'items': the fields of each element", node)
                return nil
            }
            var items: [InputField] = []
            for (name, keyNode, value) in orderedPairs(itemsNode, "items of \(what)") {
                guard name.isFieldName else {
                    error(.invalidValue, "item field '\(name)' must be lowercase letters, digits and '_'", keyNode)
                    continue
                }
                guard var item = readField(value, path: name, at: source.location(keyNode), allowList: false) else { continue }
                item.slot = items.count
                items.append(item)
            }
            field.items = items
        } else if let n = m["items"] {
            error(.invalidConstraint, "'items' applies to list inputs, not to \(what) of type \(kind.rawValue)", n)
        }
        return field
    }

    // MARK: Rules

    mutating func readRules(_ node: Node, _ section: String, scope: ExpressionCompiler.Scope, reasons: [String: ReasonText]) -> [Rule] {
        guard let items = sequence(node, section) else { return [] }
        var rules: [Rule] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let m = mapping(item, "a rule in \(section)", required: ["code", "when"], optional: ["description"]) else { continue }
            let code = m["code"].flatMap { reasonCode($0, "code", catalogue: reasons) }
            if let code, let line = seen[code], let n = m["code"] {
                error(.duplicateName, "\(section) already has a rule \(code) (line \(line))", n)
            }
            if let code { seen[code] = source.location(item).line }
            guard let whenNode = m["when"], let (compiled, text) = expression(whenNode, "condition of \(code ?? "rule")", scope: scope) else { continue }
            guard compiled.type.kind == .bool, !compiled.type.nullable else {
                error(
                    compiled.type.kind == .bool ? .nullableValue : .typeMismatch,
                    "condition of \(code ?? "rule") must be true or false, but it is \(compiled.type)", whenNode)
                continue
            }
            if let code {
                rules.append(
                    Rule(
                        code: code, reason: Self.reason(code, reasons), source: text, condition: compiled.expression, reads: compiled.reads,
                        location: source.location(item)))
            }
        }
        return rules
    }

    // MARK: Scorecard

    mutating func readScorecard(_ node: Node, inputs: InputSchema, reasons: [String: ReasonText]) -> [Characteristic] {
        guard let items = sequence(node, "scorecard") else { return [] }
        let scope = ExpressionCompiler.Scope(inputs: inputs, computed: [], context: "a scorecard characteristic")
        var result: [Characteristic] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let m = mapping(item, "a scorecard characteristic", required: ["name", "value", "reason", "bands"], optional: ["missing", "description"])
            else { continue }
            var name = "characteristic"
            if let n = m["name"], let value = text(n, "name") {
                if !value.isFieldName {
                    error(.invalidValue, "characteristic name '\(value)' must be lowercase letters, digits and '_'", n)
                } else if let line = seen[value] {
                    error(.duplicateName, "the scorecard already has a characteristic \(value) (line \(line))", n)
                }
                seen[value] = source.location(item).line
                name = value
            }
            let reason = m["reason"].flatMap { reasonCode($0, "reason of \(name)", catalogue: reasons) }
            let missing = m["missing"].flatMap { integer($0, "missing points of \(name)", in: -10_000...10_000) }
            guard let valueNode = m["value"], let (compiled, text) = expression(valueNode, "value of \(name)", scope: scope) else { continue }
            let type = compiled.type
            switch type.kind {
            case .number, .bool, .string:
                break
            default:
                error(.typeMismatch, "value of \(name) must be a number, text or condition, not \(ValueType.describe(type.kind))", valueNode)
                continue
            }
            if type.nullable && missing == nil && m["missing"] == nil {
                error(.nullableValue, "value of \(name) may be missing (\(type)); add 'missing: POINTS' for that case", valueNode)
            }
            var integerDomain = false
            if case .input(let slot) = compiled.expression, inputs.fields[slot].kind == .integer { integerDomain = true }
            guard let bandsNode = m["bands"], let bands = readBands(bandsNode, name: name, type: type, integerDomain: integerDomain) else { continue }
            let maxPoints = (bands.map(\.points) + (missing.map { [$0] } ?? [])).max() ?? 0
            guard let reason else { continue }
            result.append(
                Characteristic(
                    name: name, source: text, value: compiled.expression, reads: compiled.reads, reason: Self.reason(reason, reasons),
                    missingPoints: missing, bands: bands, maxPoints: maxPoints, location: source.location(item),
                    isNumeric: type.kind == .number))
        }
        return result
    }

    mutating func readBands(_ node: Node, name: String, type: ValueType, integerDomain: Bool) -> [Band]? {
        guard let items = sequence(node, "bands of \(name)") else { return nil }
        if items.isEmpty {
            error(.bandGap, "\(name) has no bands", node)
            return nil
        }
        var bands: [Band] = []
        var ok = true
        for item in items {
            guard let m = mapping(item, "a band of \(name)", required: ["points"], optional: ["min", "above", "max", "below", "is"]) else {
                ok = false
                continue
            }
            guard let points = m["points"].flatMap({ integer($0, "points", in: -10_000...10_000) }) else {
                ok = false
                continue
            }
            var band = Band(lower: nil, upper: nil, equals: nil, points: points, location: source.location(item))
            let numericKeys = ["min", "above", "max", "below"].filter { m[$0] != nil }
            if !numericKeys.isEmpty && type.kind != .number {
                error(
                    .typeMismatch, "\(numericKeys[0]) compares numbers, but the value of \(name) is \(ValueType.describe(type.kind)); use 'is'",
                    m[numericKeys[0]]!)
                ok = false
                continue
            }
            if m["min"] != nil && m["above"] != nil {
                error(.invalidConstraint, "a band has either 'min' (≥) or 'above' (>), not both", m["above"]!)
                ok = false
            }
            if m["max"] != nil && m["below"] != nil {
                error(.invalidConstraint, "a band has either 'max' (≤) or 'below' (<), not both", m["below"]!)
                ok = false
            }
            if let n = m["min"], let v = decimal(n, "min") { band.lower = Band.Bound(value: v, inclusive: true) }
            if let n = m["above"], let v = decimal(n, "above") { band.lower = Band.Bound(value: v, inclusive: false) }
            if let n = m["max"], let v = decimal(n, "max") { band.upper = Band.Bound(value: v, inclusive: true) }
            if let n = m["below"], let v = decimal(n, "below") { band.upper = Band.Bound(value: v, inclusive: false) }
            if let n = m["is"], let v = value(of: n, "is") {
                let matches: Bool
                switch (type.kind, v) {
                case (.number, .number(let x)): band.equals = .number(x); matches = true
                case (.string, .string(let s)): band.equals = .string(s); matches = true
                case (.string, .number(let x)): band.equals = .string(x.description); matches = true
                case (.bool, .bool(let b)): band.equals = .bool(b); matches = true
                default: matches = false
                }
                if !matches {
                    error(.typeMismatch, "'is: \(v.displayText)' can never equal the value of \(name), which is \(ValueType.describe(type.kind))", n)
                    ok = false
                }
            }
            if let lo = band.lower, let hi = band.upper, lo.value > hi.value || (lo.value == hi.value && !(lo.inclusive && hi.inclusive)) {
                error(.invalidConstraint, "this band of \(name) is empty: no value is \(band.label)", item)
                ok = false
            }
            bands.append(band)
        }
        guard ok else { return nil }
        BandCoverage.check(
            bands, name: name, kind: type.kind, integerDomain: integerDomain,
            report: { code, message, band in
                diagnostics.append(Diagnostic(code, message, at: band.location))
            }, whole: source.location(node))
        return Band.withEffectiveBounds(bands)
    }

    // MARK: Tiers

    mutating func readRounding(_ node: Node, _ what: String, currency: Currency?) -> (RoundingRule, ExactDecimal)? {
        guard let m = mapping(node, what, required: ["mode", "unit"]) else { return nil }
        var rule: RoundingRule?
        if let n = m["mode"], let mode = text(n, "mode of \(what)") {
            rule = RoundingRule(rawValue: mode)
            if rule == nil {
                error(
                    .invalidRounding,
                    "rounding mode '\(mode)' is unknown\(ExpressionCompiler.suggestion(mode, among: RoundingRule.allCases.map(\.rawValue))); modes are \(RoundingRule.allCases.map(\.rawValue).joined(separator: ", "))",
                    n)
            }
        }
        var unit: ExactDecimal?
        if let n = m["unit"], let u = decimal(n, "unit of \(what)") {
            if u <= .zero {
                error(.invalidRounding, "rounding unit must be above zero, like 0.01 or 1", n)
            } else if let currency, u.significantScale > currency.minorUnits {
                error(.invalidRounding, "rounding unit \(u) is finer than \(currency.code) allows (\(currency.minorUnits) decimal places)", n)
            } else {
                unit = u
            }
        }
        guard let rule, let unit else { return nil }
        return (rule, unit)
    }

    mutating func readTiers(_ node: Node, inputs: InputSchema, defaultRounding: (RoundingRule, ExactDecimal)?, currency: Currency?) -> [Tier] {
        guard let items = sequence(node, "tiers") else { return [] }
        if items.isEmpty { error(.tierOrder, "a policy needs at least one tier", node) }
        let scope = ExpressionCompiler.Scope(inputs: inputs, computed: Set(ComputedValue.allCases.filter(\.knownForLimits)), context: "a tier limit")
        var tiers: [Tier] = []
        var seen: [String: Int] = [:]
        var previous: Int?
        for (index, item) in items.enumerated() {
            guard let m = mapping(item, "a tier", required: ["name", "terms", "limit"], optional: ["min_points", "rounding", "description"]) else { continue }
            let isLast = index == items.count - 1
            var name = "tier"
            if let n = m["name"], let value = text(n, "tier name") {
                if value.trimmingSpaces.isEmpty || value.count > 32 {
                    error(.invalidValue, "tier name must be 1 to 32 characters", n)
                } else if let line = seen[value] {
                    error(.duplicateName, "tier \(value) is already defined (line \(line))", n)
                }
                seen[value] = source.location(item).line
                name = value
            }
            var minPoints: Int?
            if let n = m["min_points"] {
                minPoints = integer(n, "min_points of tier \(name)", in: -100_000...100_000)
                if isLast {
                    error(.tierOrder, "the last tier (\(name)) must not have min_points: it takes every score below the others", n)
                } else if let p = minPoints, let prev = previous, p >= prev {
                    error(.tierOrder, "tiers must be best first: \(name) needs \(p) points, not fewer than the tier above it (\(prev))", n)
                }
                if let p = minPoints { previous = p }
            } else if !isLast {
                error(.tierOrder, "tier \(name) needs min_points (only the last tier has none)", item)
            }
            var terms: PaymentTerms?
            if let n = m["terms"], let t = mapping(n, "terms of tier \(name)", required: ["code", "net_days", "deposit_pct"]) {
                let code = t["code"].flatMap { text($0, "terms code") }
                let days = t["net_days"].flatMap { integer($0, "net_days", in: 0...3650) }
                var deposit = t["deposit_pct"].flatMap { decimal($0, "deposit_pct") }
                if let d = deposit, let dn = t["deposit_pct"], d < .zero || d > ExactDecimal(100) {
                    error(.invalidValue, "deposit_pct must be from 0 to 100, found \(d)", dn)
                    deposit = nil
                }
                if let code, let days, let deposit { terms = PaymentTerms(code: code, netDays: days, depositPct: deposit) }
            }
            var rounding = defaultRounding
            if let n = m["rounding"] { rounding = readRounding(n, "rounding of tier \(name)", currency: currency) }
            guard let limitNode = m["limit"], let (compiled, text) = expression(limitNode, "limit of tier \(name)", scope: scope) else { continue }
            guard compiled.type.kind == .number || compiled.type.kind == .nothing else {
                error(.typeMismatch, "limit of tier \(name) must be an amount, not \(ValueType.describe(compiled.type.kind))", limitNode)
                continue
            }
            if compiled.type.nullable {
                error(.nullableValue, "limit of tier \(name) may be missing (\(compiled.type)); use coalesce(…, 0)", limitNode)
                continue
            }
            guard let terms, let rounding else { continue }
            tiers.append(
                Tier(
                    name: name, minPoints: minPoints, terms: terms, limitSource: text, limit: compiled.expression, limitReads: compiled.reads,
                    rounding: rounding.0, roundingUnit: rounding.1, location: source.location(item)))
        }
        return tiers
    }

    // MARK: Adverse action

    mutating func readAdverseAction(_ node: Node, scope: ExpressionCompiler.Scope, reasons: [String: ReasonText]) -> AdverseActionRules {
        var rules = AdverseActionRules(requestedLimit: nil, limitReason: nil, termsReason: nil, maxFactors: 4)
        guard let m = mapping(node, "adverse_action", optional: ["requested_limit", "limit_reason", "terms_reason", "max_factors"]) else { return rules }
        if let n = m["requested_limit"], let (compiled, _) = expression(n, "requested_limit", scope: scope) {
            if compiled.type.kind != .number {
                error(.typeMismatch, "requested_limit must be an amount, not \(ValueType.describe(compiled.type.kind))", n)
            } else if compiled.type.nullable {
                error(.nullableValue, "requested_limit may be missing; use coalesce(…, 0)", n)
            } else {
                rules.requestedLimit = compiled.expression.lowered()
            }
        }
        if let n = m["limit_reason"], let code = reasonCode(n, "limit_reason", catalogue: reasons) { rules.limitReason = Self.reason(code, reasons) }
        if let n = m["terms_reason"], let code = reasonCode(n, "terms_reason", catalogue: reasons) { rules.termsReason = Self.reason(code, reasons) }
        if let n = m["max_factors"], let k = integer(n, "max_factors", in: 1...4) { rules.maxFactors = k }
        return rules
    }

    // MARK: Tests

    static let expectKeys = ["outcome", "tier", "points", "terms", "net_days", "deposit_pct", "limit", "reasons", "adverse_action", "input_errors"]

    mutating func readTests(_ node: Node, inputs: InputSchema, reasons: [String: ReasonText], tiers: [String]) -> [PolicyTestCase] {
        guard let m = mapping(node, "tests", required: ["cases"], optional: ["base"]) else { return [] }
        var base: JSONValue = .object([])
        if let b = m["base"] {
            if case .mapping = b {
                if let v = value(of: b, "tests.base") { base = v }
            } else {
                error(.invalidTest, "tests.base must be an application (a mapping)", b)
            }
        }
        guard let cases = m["cases"].flatMap({ sequence($0, "tests.cases") }) else { return [] }
        var known = Set(inputs.fields.map(\.path))
        for f in inputs.fields {
            var parts = f.path.split(separator: ".")
            while parts.count > 1 {
                parts.removeLast()
                known.insert(parts.joined(separator: "."))
            }
        }
        var result: [PolicyTestCase] = []
        var seen: [String: Int] = [:]
        for item in cases {
            guard let c = mapping(item, "a test case", required: ["name", "expect"], optional: ["application", "set", "unset", "at", "description"]) else {
                continue
            }
            guard let name = c["name"].flatMap({ text($0, "test name") }) else { continue }
            if let line = seen[name], let n = c["name"] { error(.duplicateName, "a test named '\(name)' already exists (line \(line))", n) }
            seen[name] = source.location(item).line
            var application = base
            if let a = c["application"] {
                if case .mapping = a {
                    if let v = value(of: a, "application of test '\(name)'") { application = v }
                } else {
                    error(.invalidTest, "application of test '\(name)' must be a mapping", a)
                }
            }
            if let s = c["set"] {
                for (path, keyNode, value) in orderedPairs(s, "set of test '\(name)'") {
                    guard known.contains(path) else {
                        error(
                            .invalidTest,
                            "test '\(name)' sets '\(path)', which is not a declared input\(ExpressionCompiler.suggestion(path, among: known.sorted()))", keyNode
                        )
                        continue
                    }
                    guard let v = self.value(of: value, "set \(path)") else { continue }
                    application = application.setting(path.split(separator: ".")[...], to: v)
                }
            }
            if let u = c["unset"], let paths = sequence(u, "unset of test '\(name)'") {
                for p in paths {
                    guard let path = text(p, "path") else { continue }
                    application = application.removing(path.split(separator: ".")[...])
                }
            }
            var at: Timestamp?
            if let n = c["at"], let t = text(n, "at") {
                at = Timestamp(t)
                if at == nil { error(.invalidTest, "at '\(t)' must be a date or RFC 3339 time", n) }
            }
            guard let e = c["expect"], let expect = readExpectation(e, test: name, reasons: reasons, tiers: tiers) else { continue }
            result.append(PolicyTestCase(name: name, application: application, at: at, expect: expect, location: source.location(item)))
        }
        return result
    }

    mutating func readExpectation(_ node: Node, test: String, reasons: [String: ReasonText], tiers: [String]) -> Expectation? {
        guard let m = mapping(node, "expect of test '\(test)'", optional: Self.expectKeys) else { return nil }
        if m.isEmpty { error(.invalidTest, "test '\(test)' expects nothing; add outcome, tier, limit or another key", node) }
        var e = Expectation()
        func isNull(_ n: Node) -> Bool {
            if case .scalar(let s) = n, s.style == .plain, Node.plainScalarValue(s.string) == .null { return true } else { return false }
        }
        if let n = m["outcome"], let v = text(n, "outcome") {
            e.outcome = Outcome(rawValue: v)
            if e.outcome == nil { error(.invalidTest, "outcome '\(v)' must be approve, refer or decline", n) }
        }
        if let n = m["tier"] {
            if isNull(n) {
                e.tier = .some(nil)
            } else if let v = text(n, "tier") {
                if !tiers.isEmpty && !tiers.contains(v) {
                    error(.invalidTest, "tier '\(v)' is not one of the policy's tiers (\(tiers.joined(separator: ", ")))", n)
                }
                e.tier = .some(v)
            }
        }
        if let n = m["points"] { e.points = isNull(n) ? .some(nil) : integer(n, "points").map { .some($0) } }
        if let n = m["terms"] { e.terms = isNull(n) ? .some(nil) : text(n, "terms").map { .some($0) } }
        if let n = m["net_days"] { e.netDays = integer(n, "net_days") }
        if let n = m["deposit_pct"] { e.depositPct = decimal(n, "deposit_pct") }
        if let n = m["limit"] { e.limit = decimal(n, "limit") }
        func codes(_ n: Node, _ what: String) -> [String]? {
            guard let items = sequence(n, what) else { return nil }
            return items.compactMap { reasonCode($0, "reason code", catalogue: reasons) }
        }
        if let n = m["reasons"] { e.reasons = codes(n, "reasons") }
        if let n = m["adverse_action"] { e.adverseAction = isNull(n) ? .some(nil) : codes(n, "adverse_action").map { .some($0) } }
        if let n = m["input_errors"], let items = sequence(n, "input_errors") { e.inputErrors = items.compactMap { text($0, "input path") } }
        return e
    }
}

extension String {
    var isReasonCode: Bool {
        guard let first = utf8.first, first >= 65, first <= 90 else { return false }
        return utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }
    }

    var isFieldName: Bool {
        guard let first = utf8.first, (first >= 97 && first <= 122) || first == UInt8(ascii: "_") else { return false }
        return utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }
    }

    var isFieldPath: Bool {
        !isEmpty && split(separator: ".", omittingEmptySubsequences: false).allSatisfy { String($0).isFieldName }
    }

    var isPolicyID: Bool {
        guard let first = utf8.first, first >= 97, first <= 122, utf8.count <= 64 else { return false }
        return utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    var trimmingSpaces: Substring {
        var s = self[...]
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return s
    }

    var replacingUnderscores: String { contains("_") ? String(filter { $0 != "_" }) : self }
}

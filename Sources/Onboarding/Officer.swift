import AuditTrail
import CreditPolicy
import Store
import Synchronization

/// A credit officer, as identified by an officer API key: the key's name is the officer (keys
/// rotate, the name stays), so the four-eyes rule compares names.
public struct Officer: Sendable, Hashable {
    /// The officer's name.
    public var name: String
    /// The key the request came with.
    public var keyID: String
    /// The largest limit this officer may grant or set, in the policy's currency; `nil`: none.
    public var authority: ExactDecimal?

    /// Creates an officer.
    public init(name: String, keyID: String, authority: ExactDecimal?) {
        self.name = name
        self.keyID = keyID
        self.authority = authority
    }

    /// The officer from an officer key.
    public init(key: APIKeyRecord) {
        self.init(name: key.name, keyID: key.id, authority: key.authorityLimit.flatMap(ExactDecimal.init))
    }

    /// How the officer appears in audit entries, decisions and history: `officer:NAME`.
    public var actor: String { "officer:\(name)" }

    /// Whether the officer may grant or set `amount`.
    func mayGrant(_ amount: ExactDecimal) -> Bool {
        guard let authority else { return false }
        return !(authority < amount)
    }
}

/// Compiled policies by the SHA-256 of their text, for decisions made under a policy that is
/// no longer live (every decided policy text is in the store).
final class PolicyCache: Sendable {
    private let compiled = Mutex<[String: Policy]>([:])

    func policy(sha256: String, live: PolicySet, store: any CreditStore) async throws -> Policy {
        if let live = live.policies.first(where: { $0.policy.sha256 == sha256 }) { return live.policy }
        if let cached = compiled.withLock({ $0[sha256] }) { return cached }
        guard let record = try await store.policyVersion(sha256: sha256) else {
            throw StoreError.unknownPolicyVersion(sha256: sha256)
        }
        let policy: Policy
        do {
            policy = try PolicyCompiler.compile(source: record.source, file: "\(record.policyID)@\(record.version)")
        } catch {
            throw StoreError.corruptRow(
                table: "policy_versions", key: sha256, reason: "the stored policy text no longer compiles")
        }
        compiled.withLock { $0[sha256] = policy }
        return policy
    }
}

/// Reads the members of a JSON request body, collecting every problem.
struct FieldReader {
    let members: [JSONValue.Member]
    var problems: [FieldProblem] = []

    init(_ value: JSONValue, allowed: [String]) {
        if case .object(let members) = value {
            self.members = members
            for member in members where !allowed.contains(member.key) {
                problems.append(
                    FieldProblem(
                        pointer: "/" + member.key,
                        message: "unknown field; expected \(allowed.joined(separator: ", "))"))
            }
        } else {
            self.members = []
            problems.append(FieldProblem(pointer: "", message: "the body must be a JSON object"))
        }
    }

    func value(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    /// A string of 1…`maxLength` characters (trimmed of surrounding spaces).
    mutating func text(_ key: String, required: Bool, maxLength: Int = 2_000) -> String? {
        guard let value = value(key), value != .null else {
            if required { problems.append(FieldProblem(pointer: "/" + key, message: "required")) }
            return nil
        }
        guard case .string(let raw) = value else {
            problems.append(FieldProblem(pointer: "/" + key, message: "must be a string"))
            return nil
        }
        let text = raw.trimmingSpaces
        guard !text.isEmpty, text.count <= maxLength else {
            problems.append(FieldProblem(pointer: "/" + key, message: "must be 1 to \(maxLength) characters"))
            return nil
        }
        return text
    }

    /// An amount in `currency`: a decimal string (`"120000.00"`) or a JSON number, 0 or more,
    /// with at most the currency's decimal places.
    mutating func amount(_ key: String, currency: Currency) -> ExactDecimal? {
        guard let value = value(key), value != .null else { return nil }
        let parsed: ExactDecimal?
        switch value {
        case .string(let text): parsed = Self.isPlainDecimal(text) ? ExactDecimal(text) : nil
        case .number(let number): parsed = number
        default: parsed = nil
        }
        guard let amount = parsed else {
            problems.append(FieldProblem(pointer: "/" + key, message: "must be an amount such as \"25000.00\""))
            return nil
        }
        guard !amount.isNegative, amount < ExactDecimal(1_000_000_000_000_000) else {
            problems.append(FieldProblem(pointer: "/" + key, message: "must be from 0 to 999999999999999.99"))
            return nil
        }
        guard amount.significantScale <= currency.minorUnits else {
            problems.append(
                FieldProblem(
                    pointer: "/" + key,
                    message: "\(currency.code) has \(currency.minorUnits) decimal places; \(amount) has more"))
            return nil
        }
        return amount
    }

    /// Digits with an optional fraction: `25000`, `25000.00` (no sign, exponent or separators).
    static func isPlainDecimal(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 20 }) else { return false }
        return parts.allSatisfy { $0.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }
    }

    /// A list of distinct strings, `count` items.
    mutating func codes(_ key: String, required: Bool, count: ClosedRange<Int>, of noun: String = "reason codes")
        -> [String]?
    {
        guard let value = value(key), value != .null else {
            if required { problems.append(FieldProblem(pointer: "/" + key, message: "required")) }
            return nil
        }
        guard case .array(let items) = value else {
            problems.append(FieldProblem(pointer: "/" + key, message: "must be a list of \(noun)"))
            return nil
        }
        var codes: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let code) = item else {
                problems.append(FieldProblem(pointer: "/\(key)/\(index)", message: "must be a string"))
                continue
            }
            if codes.contains(code) {
                problems.append(FieldProblem(pointer: "/\(key)/\(index)", message: "\(code) is listed twice"))
            } else {
                codes.append(code)
            }
        }
        guard count.contains(items.count) else {
            problems.append(
                FieldProblem(
                    pointer: "/" + key, message: "must list \(count.lowerBound) to \(count.upperBound) \(noun)"))
            return nil
        }
        return codes
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension ExactDecimal {
    /// Money text with the currency's decimal places (`"25000.00"`).
    func money(_ currency: Currency) -> String { formatted(fractionDigits: currency.minorUnits) }
}

/// A field of a request that is wrong, by JSON pointer.
public struct FieldProblem: Sendable, Hashable {
    /// JSON pointer to the field, e.g. `/bureau/score`.
    public var pointer: String
    /// What is wrong, for a person.
    public var message: String

    /// Creates a field problem.
    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }
}

/// What a use case refuses, in domain words; the API maps each case to an HTTP status.
public enum OnboardingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is not JSON (or not an object).
    case malformedJSON(line: Int, column: Int, message: String)
    /// Fields are missing or wrong; every one of them.
    case invalidFields([FieldProblem])
    /// Query parameters are wrong (HTTP 400); every one of them.
    case invalidParameters([FieldProblem])
    /// The policy is not in effect yet at the evaluation time.
    case policyNotInEffect(policyID: String, effectiveFrom: String)
    /// The application makes a rule's arithmetic overflow (named, not crashed).
    case evaluationFailed(String)
    /// The same idempotency key is being processed right now.
    case idempotencyKeyInFlight
    /// The idempotency key was used before with another body.
    case idempotencyKeyReused
    /// No such record (or not one this caller may see).
    case notFound(kind: String, id: String)
    /// The record changed meanwhile, or the action does not fit its state (HTTP 409).
    case conflict(String)
    /// `If-Match` names an older version (HTTP 412).
    case preconditionFailed(String)
    /// The change needs `If-Match` (HTTP 428).
    case preconditionRequired(String)
    /// The amount is above what this officer may grant (HTTP 403).
    case beyondAuthority(String)
    /// The officer who approved may not also confirm (HTTP 403).
    case fourEyes(String)

    /// One sentence for a person; never applicant data.
    public var description: String {
        switch self {
        case .malformedJSON(let line, let column, let message):
            "the body is not valid JSON: line \(line), column \(column): \(message)"
        case .invalidParameters(let problems):
            "\(problems.count) query parameter\(problems.count == 1 ? " is" : "s are") invalid"
        case .invalidFields(let problems):
            "\(problems.count) field\(problems.count == 1 ? " is" : "s are") missing or invalid"
        case .policyNotInEffect(let id, let from):
            "policy \(id) is not in effect before \(from)"
        case .evaluationFailed(let reason):
            "the application cannot be evaluated: \(reason)"
        case .idempotencyKeyInFlight:
            "a request with this Idempotency-Key is still being processed; retry shortly"
        case .idempotencyKeyReused:
            "this Idempotency-Key was already used with a different request body"
        case .notFound(let kind, let id):
            "no \(kind) \(id)"
        case .conflict(let detail), .preconditionFailed(let detail), .preconditionRequired(let detail),
            .beyondAuthority(let detail), .fourEyes(let detail):
            detail
        }
    }
}

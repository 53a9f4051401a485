import CreditPolicy
import Foundation
import Synchronization

/// One compiled policy in force, with the text it was compiled from.
public struct LivePolicy: Sendable {
    /// The compiled policy.
    public let policy: Policy
    /// The YAML text, byte for byte (stored by its hash so decisions can be replayed).
    public let source: String
    /// Whether applications use it when no other policy claims them.
    public let isDefault: Bool
}

/// The set of policies in force: every `*.yaml` of the policies directory.
public struct PolicySet: Sendable {
    /// Every policy, by file name order.
    public let policies: [LivePolicy]
    /// The one applications use.
    public let defaultPolicy: LivePolicy

    /// The policies that claim applications by an `applies_to` condition, highest priority first.
    public var selectors: [LivePolicy] {
        policies.filter { $0.policy.selectionPriority != nil }
            .sorted { ($0.policy.selectionPriority ?? 0) > ($1.policy.selectionPriority ?? 0) }
    }

    /// The top-level application members any policy in force reads.
    public var inputRoots: Set<String> { Set(policies.flatMap(\.policy.inputRoots)) }

    /// The policy with this id.
    public func policy(id: String) -> LivePolicy? {
        policies.first { $0.policy.id == id }
    }
}

/// Why a policy set cannot go live: every mistake of every file, with file:line:column.
public struct PolicySetError: Error, Sendable, CustomStringConvertible {
    /// Each mistake as `file:line:col: code: message`.
    public var problems: [String]

    /// All of them, one per line.
    public var description: String { problems.joined(separator: "\n") }
}

/// The policies in force, replaced only whole and only by a set without mistakes: a bad set
/// never goes live, and the last good one keeps serving.
public final class PolicyRegistry: Sendable {
    /// The directory the policies are read from.
    public let directory: String
    /// The id of the default policy.
    public let defaultPolicyID: String
    private let current: Mutex<PolicySet>

    /// Loads the policies of a directory; throws every mistake if any file has one.
    public init(directory: String, defaultPolicyID: String = "standard") throws(PolicySetError) {
        self.directory = directory
        self.defaultPolicyID = defaultPolicyID
        self.current = Mutex(try Self.load(directory: directory, defaultPolicyID: defaultPolicyID))
    }

    /// The set in force.
    public var policies: PolicySet {
        current.withLock { $0 }
    }

    /// Reads the directory again without changing what is in force: a candidate to
    /// ``publish(_:)`` once its texts are stored.
    public func loadCandidate() throws(PolicySetError) -> PolicySet {
        try Self.load(directory: directory, defaultPolicyID: defaultPolicyID)
    }

    /// Puts a set in force.
    public func publish(_ set: PolicySet) {
        current.withLock { $0 = set }
    }

    /// Compiles every `*.yaml` file of a directory, collecting every mistake.
    public static func load(directory: String, defaultPolicyID: String) throws(PolicySetError) -> PolicySet {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            throw PolicySetError(problems: ["\(directory): cannot read the policies directory"])
        }
        var problems: [String] = []
        var live: [LivePolicy] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8)
            else {
                problems.append("\(path): cannot read the file as UTF-8")
                continue
            }
            do {
                let policy = try PolicyCompiler.compile(source: source, file: path)
                live.append(LivePolicy(policy: policy, source: source, isDefault: policy.id == defaultPolicyID))
            } catch {
                problems += error.diagnostics.map(\.description)
            }
        }
        var seen: [String: String] = [:]
        for entry in live {
            if let other = seen[entry.policy.id] {
                problems.append("\(entry.policy.file): policy id '\(entry.policy.id)' is also used by \(other)")
            }
            seen[entry.policy.id] = entry.policy.file
        }
        var priorities: [Int: String] = [:]
        for entry in live {
            guard let priority = entry.policy.selectionPriority else { continue }
            if let other = priorities[priority] {
                problems.append(
                    "\(entry.policy.file): applies_to priority \(priority) is also used by \(other); priorities must differ so that one policy decides"
                )
            }
            priorities[priority] = entry.policy.file
        }
        guard problems.isEmpty else { throw PolicySetError(problems: problems) }
        guard let defaultPolicy = live.first(where: \.isDefault) else {
            throw PolicySetError(problems: ["\(directory): no policy with id '\(defaultPolicyID)' (the default policy)"])
        }
        return PolicySet(policies: live, defaultPolicy: defaultPolicy)
    }
}

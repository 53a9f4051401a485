import ArgumentParser
import CreditPolicy

/// `creditgate policy explain POLICY APPLICATION.json`
struct PolicyExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one decision for a person: every rule, the values read, the points, why, and what would change it."
    )

    @Argument(help: ArgumentHelp("The policy file.", valueName: "policy"))
    var policy: String

    @Argument(help: ArgumentHelp("One application as a JSON object ('-' reads stdin).", valueName: "application.json"))
    var application: String

    @OptionGroup var clock: ClockOptions

    func run() throws {
        let policy = try PolicyFiles.policy(self.policy)
        let at = try clock.clock()
        let bytes = try PolicyFiles.bytes(application)
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            Console.err("creditgate: \(application):\(error.line):\(error.column): invalid JSON: \(error.message)")
            throw ExitCode(1)
        }
        do {
            let explanation = try DecisionExplanation(policy: policy, application: document, at: at)
            for line in explanation.lines { Console.out(line) }
        } catch {
            if case .invalidInput(let errors) = error {
                Console.err("creditgate: \(application) does not match the inputs of policy \(policy.id):")
                for e in errors.errors { Console.err("  \(e.path): \(e.message)") }
            } else {
                Console.err("creditgate: \(error)")
            }
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import CreditPolicy

/// `creditgate policy eval POLICY [APPLICATIONS.jsonl | -]`
struct PolicyEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Decide each application of a JSON Lines file; one decision object per line on stdout.",
        discussion: """
            Blank lines are skipped. A line that is not valid JSON, or fails the policy's input \
            validation, gives {"line": N, "error": {...}} on its own output line and the run goes on. \
            Output lines keep input order. Exit 0 when the run completes, even with invalid lines.
            """
    )

    @Argument(help: ArgumentHelp("The policy file.", valueName: "policy"))
    var policy: String

    @Argument(help: ArgumentHelp("Applications, one JSON object per line; '-' or nothing reads stdin.", valueName: "applications.jsonl"))
    var applications: String = "-"

    @Flag(help: "Include each decision's trace.")
    var trace = false

    @OptionGroup var clock: ClockOptions

    func run() throws {
        let policy = try PolicyFiles.policy(self.policy)
        let at = try clock.clock()
        // One writer for the whole run: lines are written straight into it and flushed to
        // stdout in 64 KiB chunks.
        var w = JSONWriter(capacity: 1 << 17)
        // One binding buffer too: each line's inputs are bound in the previous line's memory.
        var buffer = BindingBuffer()
        let trace = self.trace  // read once: each read of the flag copies its ArgumentParser wrapper
        try PolicyFiles.withContents(of: applications) { input in
            PolicyFiles.forEachLine(input) { number, line in
                do {
                    // Straight from the bytes into validated inputs: no document tree is built.
                    switch try policy.bind(json: line, reusing: &buffer) {
                    case .success(let bound):
                        if trace {
                            try policy.decide(bound, at: at, trace: true).write(to: &w)
                        } else {
                            try policy.decide(bound, at: at, writingTo: &w)  // no Decision is built
                        }
                    case .failure(let errors): throw EvaluationFailure.invalidInput(errors)
                    }
                } catch let error as JSONParser.SyntaxError {
                    Self.writeError(line: number, to: &w) { w in
                        w.key("type")
                        w.string("invalid_json")
                        w.key("message")
                        w.string("column \(error.column): \(error.message)")
                    }
                } catch let failure as EvaluationFailure {
                    Self.writeError(line: number, to: &w) { w in
                        switch failure {
                        case .invalidInput(let errors):
                            w.key("type")
                            w.string("invalid_input")
                            w.key("errors")
                            errors.write(to: &w)
                        case .notInEffect:
                            w.key("type")
                            w.string("policy_not_in_effect")
                            w.key("message")
                            w.string(failure.description)
                        case .arithmetic:
                            w.key("type")
                            w.string("evaluation_failed")
                            w.key("message")
                            w.string(failure.description)
                        }
                    }
                } catch {
                    Self.writeError(line: number, to: &w) { w in
                        w.key("type")
                        w.string("error")
                        w.key("message")
                        w.string("\(error)")
                    }
                }
                w.endLine()
                if w.count >= 1 << 16 {
                    w.withBytes { Console.writeAll(1, $0) }
                    w.removeAll()
                }
            }
        }
        w.withBytes { Console.writeAll(1, $0) }
    }

    static func writeError(line: Int, to w: inout JSONWriter, _ body: (inout JSONWriter) -> Void) {
        w.beginObject()
        w.key("line")
        w.int(line)
        w.key("error")
        w.beginObject()
        body(&w)
        w.endObject()
        w.endObject()
    }
}

import ArgumentParser
import CreditPolicy

/// `creditgate policy check FILE…`
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate policy files; print every mistake as file:line:col: code: message.",
        discussion: "Exits 1 if any file has a mistake. Nothing is evaluated."
    )

    @Argument(help: ArgumentHelp("Policy files to check.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one policy file, e.g. policies/standard.yaml") }
    }

    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    func run() throws {
        var failed = 0
        var errorCount = 0
        for file in files {
            let source = try PolicyFiles.text(file)
            do {
                let p = try PolicyCompiler.compile(source: source, file: file)
                Console.out(
                    "\(file): \(Console.styled("ok", .green)) — \(p.id) v\(p.version), \(plural(p.inputs.fields.count, "input")), \(plural(p.tierNames.count, "tier")), \(plural(p.tests.count, "test")), sha256 \(p.sha256)"
                )
            } catch {
                PolicyFiles.report(error)
                failed += 1
                errorCount += error.diagnostics.count
            }
        }
        if failed > 0 {
            Console.err("\(errorCount) error\(errorCount == 1 ? "" : "s") in \(failed) file\(failed == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}

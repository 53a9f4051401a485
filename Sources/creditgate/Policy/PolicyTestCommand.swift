import ArgumentParser
import CreditPolicy

/// `creditgate policy test [FILE…]`
struct PolicyTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the test cases written in policy files.",
        discussion: "With no files, tests every .yaml file in the policies directory. Exits 1 if any case fails or any policy has mistakes."
    )

    @Argument(help: ArgumentHelp("Policy files (default: every .yaml in --policies).", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Directory of policies used when no file is named.", valueName: "dir"))
    var policies: String = "policies"

    @Flag(name: .shortAndLong, help: "List every case, not just failures.")
    var verbose = false

    func run() throws {
        let paths = files.isEmpty ? try PolicyFiles.policyFiles(in: policies) : files
        if paths.isEmpty {
            Console.err("creditgate: no policy files in \(policies)")
            throw ExitCode(2)
        }
        var passed = 0
        var failed = 0
        var broken = 0
        for path in paths {
            let source = try PolicyFiles.text(path)
            let policy: Policy
            do {
                policy = try PolicyCompiler.compile(source: source, file: path)
            } catch {
                PolicyFiles.report(error)
                broken += 1
                continue
            }
            let results = policy.runTests()
            let bad = results.filter { !$0.passed }
            Console.out("\(Console.styled(path, .bold))  \(policy.id) v\(policy.version): \(results.count - bad.count) of \(results.count) passed")
            for r in results {
                if r.passed {
                    passed += 1
                    if verbose { Console.out("  \(Console.styled("✓", .green)) \(r.name)") }
                } else {
                    failed += 1
                    Console.out("  \(Console.styled("✗", .red)) \(r.name)  \(Console.styled("(\(r.location))", .dim))")
                    for f in r.failures { Console.out("      \(f)") }
                }
            }
            if results.isEmpty { Console.out("  \(Console.styled("warning", .yellow)): this policy has no test cases") }
        }
        var summary = "\(passed) passed, \(failed) failed"
        if broken > 0 { summary += " (\(broken) polic\(broken == 1 ? "y" : "ies") did not compile)" }
        Console.out(summary)
        if failed > 0 || broken > 0 { throw ExitCode(1) }
    }
}

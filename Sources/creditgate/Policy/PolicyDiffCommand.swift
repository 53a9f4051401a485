import ArgumentParser
import CreditPolicy

/// `creditgate policy diff OLD NEW APPLICATIONS.jsonl`
struct PolicyDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a policy change would do to a set of applications.",
        discussion:
            "Counts changed outcomes, tiers, terms and limits; compares approval, referral and decline rates and the total granted limit; lists the changed cases."
    )

    @Argument(help: ArgumentHelp("The policy in force.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The proposed policy.", valueName: "new"))
    var new: String

    @Argument(help: ArgumentHelp("Applications, one JSON object per line ('-' reads stdin).", valueName: "applications.jsonl"))
    var applications: String

    @Flag(help: "Print the comparison as one JSON object.")
    var json = false

    @Option(help: ArgumentHelp("Most changed cases to list (all with --json).", valueName: "n"))
    var show: Int = 20

    @OptionGroup var clock: ClockOptions

    func validate() throws {
        if show < 0 { throw ValidationError("--show must be 0 or more, not \(show)") }
    }

    func run() throws {
        let oldPolicy = try PolicyFiles.policy(old)
        let newPolicy = try PolicyFiles.policy(new)
        let at = try clock.clock()
        var comparison = PolicyComparison(old: oldPolicy, new: newPolicy)
        var badJSON = 0
        try PolicyFiles.withContents(of: applications) { input in
            PolicyFiles.forEachLine(input) { number, line in
                guard let document = try? JSONParser.parse(line) else {
                    badJSON += 1
                    return
                }
                comparison.add(line: number, application: document, old: oldPolicy, new: newPolicy, at: at)
            }
        }
        if json {
            var w = JSONWriter()
            PolicyDiffReport.writeJSON(comparison, invalidJSONLines: badJSON, currency: newPolicy.currency, to: &w)
            Console.out(w.string)
        } else {
            for line in PolicyDiffReport.text(comparison, invalidJSONLines: badJSON, show: show, currency: newPolicy.currency) { Console.out(line) }
        }
    }
}

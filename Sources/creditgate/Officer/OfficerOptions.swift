import ArgumentParser
import CreditgateClient
import Foundation

/// `--url`, `--token`, `--json`: where the officer commands connect, as whom, and how they print.
struct OfficerOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The server's base URL (else CREDITGATE_URL, the config file, http://127.0.0.1:8080).",
            valueName: "url"))
    var url: String?

    @Option(
        help: ArgumentHelp(
            "An API key: an officer's, or an auditor's for audit and decision (else CREDITGATE_TOKEN or the config file; those keep it out of the process list).",
            valueName: "secret"))
    var token: String?

    @Flag(help: "Print the server's JSON answer unchanged instead of the text view.")
    var json = false

    /// Colour for stdout: only on a terminal, never with NO_COLOR.
    var style: TerminalStyle { .detect(fd: 1) }

    /// Resolves the settings, runs `body` with a client, and turns a ``ClientError`` into a
    /// message on stderr and its exit code.
    func withClient<Result: Sendable>(_ body: (CreditgateClient) async throws -> Result) async throws -> Result {
        do {
            let settings = try OfficerSettings.resolve(url: url, token: token)
            for warning in settings.warnings { OfficerOutput.err(warning) }
            return try await CreditgateClient.withClient(baseURL: settings.url, token: settings.token, body)
        } catch let error as ClientError {
            OfficerOutput.err("creditgate: " + error.lines[0])
            for line in error.lines.dropFirst() { OfficerOutput.err(line) }
            throw ExitCode(error.exitCode)
        }
    }

    /// Prints the server's bytes with `--json`, else the text view.
    func print<Value>(_ answer: Answer<Value>, _ lines: (Value) -> [String]) {
        if json {
            OfficerOutput.raw(answer.body)
        } else {
            for line in lines(answer.value) { OfficerOutput.out(line) }
        }
    }

    /// Prints the server's bytes with `--json`, else one line.
    func print<Value>(_ answer: Answer<Value>, line: String) {
        if json {
            OfficerOutput.raw(answer.body)
        } else {
            OfficerOutput.out(line)
        }
    }
}

import ArgumentParser

/// The officer commands, for the root command's `subcommands`.
enum OfficerCommands {
    /// `review`, `customer`, `application`, `report`.
    static let subcommands: [any ParsableCommand.Type] = [
        ReviewCommand.self, CustomerCommand.self, ApplicationCommand.self, ReportCommand.self,
    ]

    /// The root command's exit-code paragraph, officer codes included.
    static let exitCodesDiscussion = """
        Exit codes: 0 success; 1 the check found problems (policy errors, failed tests, a replayed \
        decision that differs, an audit log that does not verify); 2 a file could not be read or \
        written (a policy, an application, the officer config file, an export's --output, a key \
        or checkpoint file); 3 not found (404); 4 conflict: another officer acted first, the \
        action does not fit the review's status, or a stale or missing version (409, 412, 428); \
        5 not allowed: unknown key, wrong role, beyond your authority, four eyes (401, 403); \
        6 the server refused the input (400, 422); 7 the server is unreachable, timed out, failed \
        or broke off an answer (5xx, 429); 64 bad command-line usage, or no API key.

        The officer commands (review, customer, application, report), the auditor commands \
        (audit, decision) and the admin commands (webhooks) talk to a running server: --url or \
        CREDITGATE_URL (default http://127.0.0.1:8080), and a key from --token, CREDITGATE_TOKEN \
        or the config file ($CREDITGATE_CONFIG, else ~/.config/creditgate/config, lines \
        'url = …' and 'token = cg_…'; chmod 600).
        """
}

import ArgumentParser
import AuditTrail
import CreditPolicy
import CreditgateClient
import Foundation
import Store
import StoreFactory

extension AuditCommand {
    /// Checking the chain and signing checkpoints.
    static let integritySubcommands: [any ParsableCommand.Type] = [
        AuditVerifyCommand.self, AuditCheckpointCommand.self, AuditInitKeyCommand.self,
    ]
}

/// `creditgate audit init-key`: a new Ed25519 checkpoint signing key, kept outside the database.
struct AuditInitKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-key",
        abstract: "Make an Ed25519 key that signs audit checkpoints; prints its public key for auditors.",
        discussion: """
            The key file (mode 0600) stays outside the database: give it to `creditgate serve \
            --audit-key FILE` (which then signs a checkpoint every --checkpoint-every entries or \
            --checkpoint-minutes minutes) and keep a backup. The public key printed on stdout is \
            what auditors pass to `creditgate audit verify --public-key`. The key's name is the \
            log's origin, written in every checkpoint.

              creditgate audit init-key --name creditgate/prod --output /etc/creditgate/audit.key
            """)

    @Option(help: "The log's name (its origin), e.g. creditgate/prod.") var name = "creditgate"
    @Option(help: ArgumentHelp("Where to write the private key (refuses to overwrite).", valueName: "file"))
    var output: String

    func run() async throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            Console.err("creditgate audit init-key: \(output) exists; a key is never overwritten (move it away first)")
            throw ExitCode(2)
        }
        let signer: CheckpointSigner
        do {
            signer = try CheckpointSigner.generate(name: name)
        } catch {
            Console.err("creditgate audit init-key: \(error)")
            throw ExitCode(64)
        }
        guard
            FileManager.default.createFile(
                atPath: output, contents: Data(signer.keyFileText.utf8), attributes: [.posixPermissions: 0o600])
        else {
            Console.err("creditgate audit init-key: cannot write \(output)")
            throw ExitCode(2)
        }
        Console.err("wrote the private key to \(output) (mode 0600); the public key for auditors:")
        Console.out(signer.publicKey.verifierKey)
    }
}

/// `creditgate audit checkpoint`: sign one now, or export the stored ones.
struct AuditCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint of the log now (directly on the database), and/or export the stored checkpoints.",
        discussion: """
            With --key, signs the log as it is now (after checking that it still extends the last \
            checkpoint) and prints the signed checkpoint. With --export DIR, writes every stored \
            checkpoint to DIR/checkpoint-<size>.txt: keep those somewhere the database's \
            administrators cannot write, and verify against them.

              creditgate audit checkpoint --key audit.key
              creditgate audit checkpoint --export /mnt/worm/creditgate-checkpoints
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The signing key (from audit init-key).", valueName: "file")) var key: String?
    @Option(help: ArgumentHelp("Write every stored checkpoint into this directory.", valueName: "dir")) var export: String?

    func validate() throws {
        guard key != nil || export != nil else { throw ValidationError("give --key (sign now), --export DIR, or both") }
    }

    func run() async throws {
        let store = try await KeysCommand.open(database)
        defer { Task { try? await store.shutdown() } }
        if let key {
            let signer = try AuditVerifyCommand.signer(key)
            do {
                if let signed = try await store.signCheckpoint(
                    signer: signer, nowMicros: SQLCreditStore.systemClock(), actor: "cli:\(NSUserName())")
                {
                    Console.out(String(signed.text.dropLast(signed.text.hasSuffix("\n") ? 1 : 0)))
                } else {
                    Console.err("nothing new since the last checkpoint; nothing signed")
                }
            } catch let refusal as CheckpointRefusal {
                Console.err("creditgate audit checkpoint: \(refusal)")
                try? await store.shutdown()
                throw ExitCode(1)
            }
        }
        if let export {
            try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
            var count = 0
            var after: Int64 = 0
            while true {
                let page = try await store.checkpoints(afterSize: after, limit: 1_000)
                for checkpoint in page {
                    let path = (export as NSString).appendingPathComponent("checkpoint-\(checkpoint.size).txt")
                    try Data(checkpoint.signedText.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                    count += 1
                }
                guard let last = page.last, page.count == 1_000 else { break }
                after = last.size
            }
            Console.err("exported \(count) checkpoint(s) to \(export)")
        }
        try await store.shutdown()
    }
}

/// `creditgate audit verify`: recompute the whole chain and check it against signed checkpoints.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the whole audit chain and check it against signed checkpoints; exit 0 when intact, 1 when not.",
        discussion: """
            Reads the log directly from the database (--database, the default ./creditgate.db) or \
            through the API (--url and an auditor --token: the log is exported and verified here, \
            trusting nothing the server says). Checks every entry's hash and link, every \
            checkpoint's signature against the trusted --public-key, that each checkpoint \
            extends the one before, and that the log matches each checkpoint. Prints \
            {ok, entries_checked, head_seq, head_hash, checkpoints_checked, first_failure: {seq, kind}}.

              creditgate audit verify --public-key "$(cat audit.pub)" --checkpoint /mnt/worm/checkpoint-*.txt
              creditgate audit verify --url https://creditgate.internal --token "$AUDITOR" --public-key audit.pub --stored-checkpoints
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Verify through this server's API instead of the database.", valueName: "url")) var url: String?
    @Option(help: ArgumentHelp("An auditor key (or CREDITGATE_TOKEN) for --url.", valueName: "secret")) var token: String?
    @Option(
        name: .customLong("public-key"),
        help: ArgumentHelp("A trusted public key (name+id+key, as init-key printed it) or a file holding one; repeatable.", valueName: "key"))
    var publicKeys: [String] = []
    @Option(
        name: .customLong("checkpoint"), parsing: .upToNextOption,
        help: ArgumentHelp("Signed checkpoint files (a shell glob works: --checkpoint dir/*.txt).", valueName: "file"))
    var checkpointFiles: [String] = []
    @Flag(help: "Also check the checkpoints stored in the database (or served by GET /v1/audit/checkpoints).")
    var storedCheckpoints = false

    func run() async throws {
        var keys: [CheckpointPublicKey] = []
        for text in publicKeys {
            let value = FileManager.default.fileExists(atPath: text) ? ((try? String(contentsOfFile: text, encoding: .utf8)) ?? "") : text
            do {
                keys.append(try CheckpointPublicKey(verifierKey: value.trimmingCharacters(in: .whitespacesAndNewlines)))
            } catch {
                Console.err("creditgate audit verify: --public-key \(text): \(error)")
                throw ExitCode(64)
            }
        }
        var checkpoints: [SignedCheckpoint] = []
        for file in checkpointFiles {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                Console.err("creditgate audit verify: cannot read \(file)")
                throw ExitCode(2)
            }
            do {
                checkpoints.append(try SignedCheckpoint.parse(text))
            } catch {
                Console.err("creditgate audit verify: \(file): \(error)")
                throw ExitCode(2)
            }
        }
        if (!checkpoints.isEmpty || storedCheckpoints) && keys.isEmpty {
            Console.err("creditgate audit verify: checkpoints need the --public-key that signed them")
            throw ExitCode(64)
        }
        let origin = keys.first?.name ?? "creditgate"
        let report: VerificationReport
        if let url = url ?? (token != nil ? ProcessInfo.processInfo.environment["CREDITGATE_URL"] : nil) {
            report = try await Self.throughAPI(
                url: url, token: token, origin: origin, keys: keys, checkpoints: checkpoints, stored: storedCheckpoints)
        } else {
            let store = try await KeysCommand.open(database)
            if storedCheckpoints {
                for record in try await store.checkpoints(afterSize: 0, limit: 100_000) {
                    checkpoints.append(try SignedCheckpoint.parse(record.signedText))
                }
            }
            report = try await store.verifyAuditChain(origin: origin, trustedKeys: keys, checkpoints: checkpoints)
            try await store.shutdown()
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        Console.out(String(decoding: try encoder.encode(report), as: UTF8.self))
        if !report.ok { throw ExitCode(1) }
    }

    static func signer(_ path: String) throws -> CheckpointSigner {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Console.err("creditgate: cannot read the key file \(path)")
            throw ExitCode(2)
        }
        do {
            return try CheckpointSigner(keyFile: text)
        } catch {
            Console.err("creditgate: \(path) is not a checkpoint signing key: \(error)")
            throw ExitCode(2)
        }
    }

    /// Exports the log as NDJSON through the API into a private temporary file and verifies it
    /// here; only the auditor key is trusted to read, nothing the server says is trusted.
    static func throughAPI(
        url: String, token: String?, origin: String, keys: [CheckpointPublicKey], checkpoints: [SignedCheckpoint],
        stored: Bool
    ) async throws -> VerificationReport {
        guard let token = token ?? ProcessInfo.processInfo.environment["CREDITGATE_TOKEN"] else {
            Console.err("creditgate audit verify: --url needs an auditor key: --token or CREDITGATE_TOKEN")
            throw ExitCode(64)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("creditgate-verify-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var checkpoints = checkpoints
        do {
            try await CreditgateClient.withClient(baseURL: url, token: token) { client in
                _ = try await client.exportAudit(AuditFilter(), format: .ndjson, to: .file(path))
                if stored {
                    let answer = try await client.send(
                        OfficerRequest(.get, ["v1", "audit", "checkpoints"]), as: StoredCheckpoints.self)
                    for item in answer.value.checkpoints { checkpoints.append(try SignedCheckpoint.parse(item.signed)) }
                }
            }
        } catch let error as ClientError {
            Console.err("creditgate: " + error.lines[0])
            throw ExitCode(error.exitCode)
        }
        var verifier = CheckpointedChainVerifier(origin: origin, trustedKeys: keys, checkpoints: checkpoints)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for (index, line) in text.split(separator: "\n").enumerated() where verifier.failure == nil {
            guard let entry = Self.entry(fromExportLine: String(line)) else {
                Console.err("creditgate audit verify: line \(index + 1) of the export is not an audit entry")
                throw ExitCode(7)
            }
            verifier.check(entry)
        }
        return verifier.finish()
    }

    struct StoredCheckpoints: Decodable, Sendable {
        struct Item: Decodable, Sendable { var signed: String }
        var checkpoints: [Item]
    }

    /// An entry from a line of the NDJSON export: the payload re-encoded canonically (it was
    /// canonical when hashed, and RFC 8785 has one encoding), the time from its RFC 3339 text.
    static func entry(fromExportLine line: String) -> AuditEntry? {
        guard case .object(let members)? = try? CanonicalJSON.parse(line),
            case .integer(let seq)? = members["seq"], case .string(let time)? = members["time"],
            let micros = Timestamp(time)?.microseconds,
            case .string(let actor)? = members["actor"], case .string(let action)? = members["action"],
            case .string(let subjectType)? = members["subject_type"], case .string(let subjectID)? = members["subject_id"],
            let payload = members["payload"], case .string(let previous)? = members["prev_hash"],
            case .string(let hash)? = members["hash"]
        else { return nil }
        return AuditEntry(
            seq: seq, timeMicros: micros, actor: actor, action: action, subjectType: subjectType, subjectID: subjectID,
            payloadJSON: CanonicalJSON.string(payload), previousHash: previous, hash: hash)
    }
}

import ArgumentParser
import Foundation
import Logging
import Store
import StoreFactory
import StoreFixtures
import Synchronization

/// Store benchmarks and the crash test's writer. Not a test: run by hand, figures in
/// BENCHMARKS.md.
@main
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "creditgate-storebench",
        abstract: "Durable decisions per second through the store, and the writer the crash test kills.",
        subcommands: [Prepare.self, Throughput.self, CrashWriter.self])
}

struct DatabaseOptions: ParsableArguments {
    @Option(help: "An SQLite file path or a postgres:// URL.")
    var database: String

    @Option(help: "The migrations directory.")
    var migrations = "migrations"

    @Option(help: "Store log level (trace shows every group commit: size and milliseconds).")
    var logLevel = "warning"

    func open() async throws -> SQLCreditStore {
        var logger = Logger(label: "creditgate.storebench")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let store = try await StoreFactory.open(database, migrations: .apply(directory: migrations), logger: logger)
        try await store.recordPolicyVersion(Fixtures.policy, actor: "system")
        return store
    }
}

/// Migrates a database and records the fixture policy (for the pgbench comparison run).
struct Prepare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Migrate and record the fixture policy; nothing else.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.open()
        try await store.shutdown()
    }
}

/// Submits as fast as N concurrent writers can, for a while, at each N.
struct Throughput: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Durable decisions per second at several concurrency levels, audit chain on.")

    @OptionGroup var database: DatabaseOptions

    @Option(parsing: .upToNextOption, help: "Concurrent writers, one run each.")
    var writers: [Int] = [1, 16, 64]

    @Option(help: "Seconds per run.")
    var seconds: Double = 10

    func run() async throws {
        let store = try await database.open()
        let runID = UUID().uuidString.prefix(8).lowercased()
        let counter = Counter()
        print("backend  writers  decisions  seconds  decisions/s  p50 ms  p99 ms  max ms")
        for writerCount in writers {
            let start = ContinuousClock.now
            let deadline = start + .milliseconds(Int(seconds * 1000))
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for _ in 0..<writerCount {
                    group.addTask {
                        var latencies: [Double] = []
                        while ContinuousClock.now < deadline {
                            let index = counter.next()
                            let submission = Fixtures.submission(
                                index: index, crmID: "CRM-\(runID)-\(index)",
                                outcome: index % 10 == 0 ? .refer : (index % 10 == 1 ? .decline : .approve),
                                idempotencyKey: "\(runID)-\(index)")
                            let began = ContinuousClock.now
                            guard case .recorded = try await store.submit(submission) else {
                                throw ValidationError("submission \(index) was not recorded")
                            }
                            latencies.append((ContinuousClock.now - began) / .milliseconds(1))
                        }
                        return latencies
                    }
                }
                return try await group.reduce(into: [Double]()) { $0 += $1 }
            }
            let elapsed = (ContinuousClock.now - start) / .seconds(1)
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
            }
            print(
                String(
                    format: "%-8@ %7d  %9d  %7.2f  %11.0f  %6.2f  %6.2f  %6.2f", store.kind.rawValue as NSString,
                    writerCount, sorted.count, elapsed, Double(sorted.count) / elapsed, percentile(0.5),
                    percentile(0.99), sorted.last ?? 0))
        }
        let began = ContinuousClock.now
        let report = try await store.verifyAuditChain()
        let took = (ContinuousClock.now - began) / .seconds(1)
        print(
            "audit chain: \(report.ok ? "ok" : "BROKEN"), \(report.entriesChecked) entries verified in "
                + String(format: "%.2f s", took))
        try await store.shutdown()
        if !report.ok { throw ExitCode.failure }
    }
}

/// Submits forever from N writers, printing `ack APPLICATION_ID` for each acknowledged
/// submission only after the store returned. The crash test kills it with SIGKILL.
struct CrashWriter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-writer", abstract: "Write until killed; print each acknowledged application id.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Concurrent writers.")
    var writers = 16

    func run() async throws {
        let store = try await database.open()
        let runID = UUID().uuidString.prefix(8).lowercased()
        let counter = Counter()
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    while true {
                        let index = counter.next()
                        let submission = Fixtures.submission(
                            index: index, crmID: "CRM-\(runID)-\(index % 50)",
                            outcome: index % 7 == 0 ? .refer : .approve, idempotencyKey: "\(runID)-\(index)")
                        if case .recorded(let receipt, _) = try await store.submit(submission) {
                            // One write(2) per line: lines from concurrent writers never interleave.
                            FileHandle.standardOutput.write(Data("ack \(receipt.applicationID)\n".utf8))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

/// A shared, thread-safe counter.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.add(1, ordering: .relaxed).newValue
    }
}

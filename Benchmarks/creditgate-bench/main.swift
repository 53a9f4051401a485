// The engine benchmark. Not a test: run by hand in release mode, figures go to BENCHMARKS.md.
//
//   swift run -c release creditgate-bench [--policy policies/standard.yaml] [--count 10000] [--rounds 20]
//   swift run -c release creditgate-bench --write-jsonl /tmp/apps.jsonl --count 100000
//
// Single-threaded (one core). Measures, per application:
//   decide   – evaluation of already validated input (BoundApplication)
//   validate – validation + evaluation of a parsed JSON document
//   e2e      – what `policy eval` does per line: read the JSON bytes straight into validated inputs,
//              evaluate, write the JSON decision
//   e2e-tree – the same through a full JSON document tree (JSONParser, then validation)
//   trace    – e2e with the trace on
//   read / parse / write – the parts: bytes to validated inputs, bytes to a JSON tree, decision to JSON
import CreditPolicy
import Foundation
import TestSupport

/// Varied applications around the standard policy's band edges, as JSON lines.
func applications(count: Int, seed: UInt64) -> [String] {
    var rng = SeededGenerator(seed: seed)
    let countries = ["IE", "GB", "DE", "FR", "NL", "BE", "ES", "IT", "US", "CA", "IE", "DE", "US", "XX", "ie", ""]
    let industries = ["5045", "7011", "5812", "4121", "1521", "3423", "7372", "2752", "5621", "4213"]
    var lines: [String] = []
    lines.reserveCapacity(count)
    for i in 0..<count {
        let years = "\(rng.int(0...25)).\(rng.int(0...99))"
        let revenue = rng.int(0...40_000) * 1_000 + rng.int(0...999)
        var refs: [String] = []
        for _ in 0..<rng.int(0...4) {
            let pct = rng.chance(50) ? rng.int(800...1000) : rng.int(0...1000)
            refs.append("{\"on_time_pct\":\(pct / 1000).\(String(format: "%03d", pct % 1000))}")
        }
        let requested = rng.chance(10) ? rng.int(150_000...400_000) : rng.int(1...150) * 1_000
        lines.append(
            "{\"customer\":{\"crm_id\":\"CRM-\(i)\",\"legal_name\":\"Applicant \(i) Ltd\"},"
                + "\"applicant\":{\"country\":\"\(countries[rng.int(0...countries.count - 1)])\",\"industry\":\"\(industries[rng.int(0...industries.count - 1)])\","
                + "\"years_in_business\":\(years),\"annual_revenue\":\(revenue),\"sanctions_hit\":\(rng.chance(2)),\"bankruptcy\":\(rng.chance(3))},"
                + "\"bureau\":{\"score\":\(rng.int(300...850)),\"paydex\":\(rng.int(0...100)),\"derogatory_marks\":\(rng.chance(70) ? 0 : rng.int(1...5))},"
                + "\"trade_references\":[\(refs.joined(separator: ","))],"
                + "\"requested\":{\"credit_limit\":\(requested)}}")
    }
    return lines
}

func option(_ name: String) -> String? {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

let policyPath = option("--policy") ?? "policies/standard.yaml"
let count = Int(option("--count") ?? "10000")!
let rounds = Int(option("--rounds") ?? "20")!
let seed = UInt64(option("--seed") ?? "42")!
let lines = applications(count: count, seed: seed)

if let path = option("--write-jsonl") {
    try! (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    print("wrote \(count) applications to \(path)")
    exit(0)
}

let source = try! String(contentsOfFile: policyPath, encoding: .utf8)
let policy = try! PolicyCompiler.compile(source: source, file: policyPath)
let clock = Timestamp("2026-11-22T10:00:00Z")!
let documents = lines.map { try! JSONParser.parse($0) }
let bound: [BoundApplication] = documents.compactMap { try? policy.bind($0).get() }
let byteLines = lines.map { Array($0.utf8) }

func threadCPUNanoseconds() -> Int64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
}

/// Runs `body` over all applications `rounds` times; returns the best ns per application.
func measure(_ name: String, _ n: Int, _ body: () -> Int) -> Double {
    if let only = option("--only"), only != name { return 0 }
    var best = Double.infinity
    var sink = 0
    for _ in 0..<rounds {
        // Thread CPU time: other processes on the machine do not inflate it.
        let start = threadCPUNanoseconds()
        sink &+= body()
        let ns = Double(threadCPUNanoseconds() - start)
        best = min(best, ns / Double(n))
    }
    print(
        "\(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(format: "%8.0f", best)) ns/application  (best of \(rounds) rounds × \(n), checksum \(sink & 0xFFFF))"
    )
    return best
}

print("policy \(policy.id) v\(policy.version), \(count) applications (\(bound.count) valid), seed \(seed)")
_ = measure("decide", bound.count) {
    var s = 0
    for b in bound { s &+= (try? policy.decide(b, at: clock))?.points ?? 0 }
    return s
}
_ = measure("validate", documents.count) {
    var s = 0
    for d in documents { s &+= (try? policy.decide(d, at: clock))?.points ?? 0 }
    return s
}
_ = measure("e2e", byteLines.count) {
    // As `policy eval` does it: one output buffer for the run, a line per application.
    var s = 0
    var w = JSONWriter(capacity: 1 << 17)
    var buffer = BindingBuffer()
    for line in byteLines {
        line.withUnsafeBufferPointer { bytes in
            if case .success(let bound)? = try? policy.bind(json: bytes, reusing: &buffer) { try? policy.decide(bound, at: clock, writingTo: &w) }
        }
        w.endLine()
        if w.count >= 1 << 16 {
            s &+= w.count
            w.removeAll()
        }
    }
    return s &+ w.count
}
_ = measure("e2e-tree", byteLines.count) {
    var s = 0
    for line in byteLines {
        var w = JSONWriter(capacity: 1024)
        if let doc = try? JSONParser.parse(line), let d = try? policy.decide(doc, at: clock) { d.write(to: &w) }
        s &+= w.count
    }
    return s
}
_ = measure("trace", byteLines.count) {
    var s = 0
    for line in byteLines {
        var w = JSONWriter(capacity: 4096)
        if let doc = try? JSONParser.parse(line), let d = try? policy.decide(doc, at: clock, trace: true) { d.write(to: &w) }
        s &+= w.count
    }
    return s
}
_ = measure("read", byteLines.count) {
    var s = 0
    for line in byteLines {
        line.withUnsafeBufferPointer { bytes in
            if case .success? = try? policy.bind(json: bytes) { s &+= 1 }
        }
    }
    return s
}
_ = measure("parse", byteLines.count) {
    var s = 0
    for line in byteLines { if (try? JSONParser.parse(line)) != nil { s &+= 1 } }
    return s
}
let decisions = bound.compactMap { try? policy.decide($0, at: clock) }
_ = measure("write", decisions.count) {
    var s = 0
    for d in decisions {
        var w = JSONWriter(capacity: 1024)
        d.write(to: &w)
        s &+= w.count
    }
    return s
}
var outcomes: [Outcome: Int] = [:]
for b in bound { if let d = try? policy.decide(b, at: clock) { outcomes[d.outcome, default: 0] += 1 } }
print("outcomes: " + Outcome.allCases.map { "\($0.rawValue) \(outcomes[$0, default: 0])" }.joined(separator: ", "))

import Foundation
import Testing

@testable import AuditTrail

@Suite("VerificationReport JSON")
struct VerificationReportTests {
    static func json(_ report: VerificationReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test("a clean report has snake_case keys and no first_failure")
    func clean() throws {
        let report = VerificationReport(ok: true, entriesChecked: 1000, headSeq: 1000, headHash: "ab", firstFailure: nil)
        #expect(try Self.json(report) == #"{"entries_checked":1000,"head_hash":"ab","head_seq":1000,"ok":true}"#)
        #expect(try JSONDecoder().decode(VerificationReport.self, from: Data(Self.json(report).utf8)) == report)
    }

    @Test("a failure is written as seq, kind and detail", arguments: VerificationFailure.Kind.allCases)
    func failure(_ kind: VerificationFailure.Kind) throws {
        let failure = VerificationFailure(seq: 500, kind: kind, detail: "what differed")
        let report = VerificationReport(ok: false, entriesChecked: 500, headSeq: 499, headHash: "cd", firstFailure: failure)
        let text = try Self.json(report)
        #expect(
            text
                == #"{"entries_checked":500,"first_failure":{"detail":"what differed","kind":"\#(kind.rawValue)","seq":500},"head_hash":"cd","head_seq":499,"ok":false}"#
        )
        #expect(try JSONDecoder().decode(VerificationReport.self, from: Data(text.utf8)) == report)
    }

    @Test("kinds are written in snake_case")
    func kindNames() {
        #expect(
            VerificationFailure.Kind.allCases.map(\.rawValue) == [
                "edited", "missing", "broken_link", "duplicate", "reordered", "truncated", "checkpoint_mismatch", "bad_signature",
                "checkpoint_not_extending",
            ])
    }

    @Test("a checkpointed report adds checkpoints_checked; reports without it decode as before")
    func checkpointsChecked() throws {
        let failure = VerificationFailure(seq: 150, kind: .checkpointMismatch, detail: "what differed")
        let report = VerificationReport(ok: false, entriesChecked: 150, headSeq: 149, headHash: "cd", firstFailure: failure, checkpointsChecked: 2)
        let text = try Self.json(report)
        #expect(
            text
                == #"{"checkpoints_checked":2,"entries_checked":150,"first_failure":{"detail":"what differed","kind":"checkpoint_mismatch","seq":150},"head_hash":"cd","head_seq":149,"ok":false}"#
        )
        #expect(try JSONDecoder().decode(VerificationReport.self, from: Data(text.utf8)) == report)
        let old = #"{"entries_checked":3,"head_hash":"ab","head_seq":3,"ok":true}"#
        #expect(try JSONDecoder().decode(VerificationReport.self, from: Data(old.utf8)).checkpointsChecked == nil)
        let none = VerificationReport(ok: true, entriesChecked: 0, headSeq: 0, headHash: "ab", firstFailure: nil, checkpointsChecked: 0)
        #expect(try Self.json(none) == #"{"checkpoints_checked":0,"entries_checked":0,"head_hash":"ab","head_seq":0,"ok":true}"#)
    }

    @Test("a failure without detail decodes")
    func minimalFailure() throws {
        let failure = try JSONDecoder().decode(VerificationFailure.self, from: Data(#"{"seq":7,"kind":"edited"}"#.utf8))
        #expect(failure == VerificationFailure(seq: 7, kind: .edited, detail: ""))
    }
}

import TestSupport
import Testing

@testable import AuditTrail

@Suite("AuditChain hashing")
struct ChainHashTests {
    /// Known answer, computed independently with
    /// `printf '%s' '<document>' | sha256sum` over the document:
    /// `{"action":"application.decided","actor":"officer:alice","payload":{"amount":"25000.00","outcome":"approve","reasons":["R01","R07"],"score":712},"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"subject_id":"app-0001","subject_type":"application","time_us":1767225600000000,"v":1}`
    static let firstDocument =
        #"{"action":"application.decided","actor":"officer:alice","payload":{"amount":"25000.00","outcome":"approve","reasons":["R01","R07"],"score":712},"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,"subject_id":"app-0001","subject_type":"application","time_us":1767225600000000,"v":1}"#
    static let firstHash = "5858104a2289c50f673280e760faeb608c5e708552cbad1f4f6cee771d7f5be2"

    static let firstRecord = AuditRecord(
        timeMicros: 1_767_225_600_000_000, actor: "officer:alice", action: "application.decided", subjectType: "application",
        subjectID: "app-0001", payload: ["score": 712, "outcome": "approve", "amount": "25000.00", "reasons": ["R01", "R07"]])

    @Test("a fixed entry hashes to the known answer")
    func knownAnswer() {
        let hash = AuditChain.hash(
            seq: 1, timeMicros: 1_767_225_600_000_000, actor: "officer:alice", action: "application.decided", subjectType: "application",
            subjectID: "app-0001", payloadJSON: #"{"amount":"25000.00","outcome":"approve","reasons":["R01","R07"],"score":712}"#,
            previousHash: AuditChain.genesisHash)
        #expect(hash == Self.firstHash)
    }

    @Test("the hashing document is exactly the documented bytes")
    func documentBytes() {
        var document = HashingDocument()
        document.build(
            seq: 1, timeMicros: 1_767_225_600_000_000, actor: "officer:alice", action: "application.decided", subjectType: "application",
            subjectID: "app-0001", payloadJSON: #"{"amount":"25000.00","outcome":"approve","reasons":["R01","R07"],"score":712}"#,
            previousHash: AuditChain.genesisHash)
        #expect(document.bytes == Array(Self.firstDocument.utf8))
        #expect(CanonicalJSON.isCanonical(Self.firstDocument))
        #expect(ReferenceSHA256.hex(document.bytes) == Self.firstHash)
    }

    /// Known answer with escapes, non-ASCII and a negative time, computed the same way over:
    /// `{"action":"note.added","actor":"officer:zoë","payload":{},"prev_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","seq":42,"subject_id":"a\"b\\c\nd\u0001","subject_type":"application","time_us":-1,"v":1}`
    @Test("strings in the hashing document are escaped canonically (known answer)")
    func knownAnswerWithEscapes() {
        let hash = AuditChain.hash(
            seq: 42, timeMicros: -1, actor: "officer:zoë", action: "note.added", subjectType: "application", subjectID: "a\"b\\c\nd\u{1}",
            payloadJSON: "{}", previousHash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        #expect(hash == "1f07d7074ccdfcd84daf68381e544097c879600e4a4113e5ec72181fc8fda47a")
    }

    @Test("append encodes the payload canonically and links the first entry to genesis")
    func appendFirst() {
        let (entries, head) = AuditChain.append([Self.firstRecord], after: .genesis)
        #expect(
            entries == [
                AuditEntry(
                    seq: 1, timeMicros: 1_767_225_600_000_000, actor: "officer:alice", action: "application.decided", subjectType: "application",
                    subjectID: "app-0001", payloadJSON: #"{"amount":"25000.00","outcome":"approve","reasons":["R01","R07"],"score":712}"#,
                    previousHash: AuditChain.genesisHash, hash: Self.firstHash)
            ])
        #expect(head == ChainHead(seq: 1, hash: Self.firstHash))
    }

    @Test("genesis is seq 0 and 64 zeros; appending nothing changes nothing")
    func genesis() {
        #expect(AuditChain.genesisHash == String(repeating: "0", count: 64))
        #expect(ChainHead.genesis == ChainHead(seq: 0, hash: AuditChain.genesisHash))
        let (entries, head) = AuditChain.append([], after: .genesis)
        #expect(entries.isEmpty && head == .genesis)
    }

    @Test("appending in batches gives the same chain as appending at once")
    func batches() {
        let records = Array(ChainFixture.records.prefix(30))
        let whole = AuditChain.append(records, after: .genesis)
        let first = AuditChain.append(Array(records[..<11]), after: .genesis)
        let second = AuditChain.append(Array(records[11...]), after: first.head)
        #expect(first.entries + second.entries == whole.entries)
        #expect(second.head == whole.head)
        #expect(whole.entries.map(\.seq) == Array(1...30))
    }

    @Test(
        "any change to one hashed field changes the hash",
        arguments: [
            "seq", "time", "actor", "action", "subjectType", "subjectID", "payload space", "payload key order", "prevHash",
        ])
    func everyFieldCounts(_ field: String) {
        let original = ChainFixture.entries[8]
        #expect(original.payloadJSON == #"{"empty":{},"list":[]}"#)
        var e = original
        switch field {
        case "seq": e.seq += 1
        case "time": e.timeMicros += 1
        case "actor": e.actor += " "
        case "action": e.action = e.action.uppercased()
        case "subjectType": e.subjectType = "applicatioN"
        case "subjectID": e.subjectID += "0"
        case "payload space": e.payloadJSON = " " + e.payloadJSON
        case "payload key order": e.payloadJSON = #"{"list":[],"empty":{}}"#
        default: e.previousHash = String(e.previousHash.reversed())
        }
        #expect(ChainFixture.rehashed(e).hash != original.hash)
    }
}

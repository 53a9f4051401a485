import Crypto
import Testing

@testable import AuditTrail

@Suite("Checkpoint keys and signatures")
struct CheckpointSigningTests {
    /// The example of Go's golang.org/x/mod/sumdb/note (note_test.go and its documentation):
    /// key pair, note text and signature line, byte for byte.
    enum GoExample {
        static let signerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
        static let verifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
        static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
        static let signatureLine = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
        static let note = text + "\n" + signatureLine
    }

    @Test("Go's example key file, verifier key and signed note are read and reproduced byte for byte")
    func goKnownAnswer() throws {
        let signer = try CheckpointSigner(keyFile: GoExample.signerKey)
        #expect(signer.keyFileText == GoExample.signerKey + "\n")
        #expect(signer.publicKey.verifierKey == GoExample.verifierKey)
        #expect(signer.publicKey.keyID == 0xc74f_20a3)
        #expect(try CheckpointPublicKey(verifierKey: GoExample.verifierKey) == signer.publicKey)

        let note = try SignedNote.parse(GoExample.note)
        #expect(note.text == GoExample.text && note.serialized == GoExample.note)
        #expect(signer.publicKey.check(note) == .valid)
        // Ed25519 is deterministic (RFC 8032): the same key signs the same text identically.
        #expect(try signer.signature(over: GoExample.text).line == GoExample.signatureLine)

        let altered = try SignedNote.parse(GoExample.note.replacingOccurrences("cryptography", "cryptographY"))
        #expect(signer.publicKey.check(altered) == .invalid)
    }

    @Test("the example in the documentation parses and verifies (cross-checked with Python's cryptography package)")
    func documentedExample() throws {
        let key = try CheckpointPublicKey(verifierKey: "creditgate/prod+ce6f9491+ARVrCf6e2hjQ9Y2OIEV/3ZqW2Dao2DK5NCix9AeotLJM")
        let text = """
            creditgate/prod
            300
            gDLqvW0RmEWX/N3IkH22nQo+H+e18EpJHfrZUuMBAUM=
            time 2026-01-01T00:07:30.000000Z
            previous 250 yVrZLNgNXCrHvFS9sQvTtgXfN18MCV3PD75/+G8iLc0=

            — creditgate/prod zm+UkcaN2AQqxGzEMqTXFsBIAoiWLG5T+VFkSlyKccWaE4XicXYadnhMrv6qDoFqH7yFopkSat0LmQ2N2mL/9fPmrAA=

            """
        let signed = try SignedCheckpoint.parse(text)
        #expect(signed.text == text)
        #expect(key.check(signed.note) == .valid)
        #expect(signed.checkpoint.head == ChainHead(seq: 300, hash: "8032eabd6d11984597fcddc8907db69d0a3e1fe7b5f04a491dfad952e3010143"))
        #expect(signed.checkpoint.previous.seq == 250 && signed.checkpoint.timeMicros == 1_767_226_050_000_000)
    }

    @Test("a generated key survives its key file, and its public key its verifier key")
    func roundTrip() throws {
        let signer = try CheckpointSigner.generate(name: "creditgate/prod")
        let file = signer.keyFileText
        #expect(file.hasPrefix("PRIVATE+KEY+creditgate/prod+\(signer.publicKey.keyIDHex)+") && file.hasSuffix("\n"))
        let read = try CheckpointSigner(keyFile: file)
        #expect(read.publicKey == signer.publicKey)
        #expect(read.keyFileText == file)
        let vkey = signer.publicKey.verifierKey
        #expect(vkey.hasPrefix("creditgate/prod+\(signer.publicKey.keyIDHex)+"))
        #expect(try CheckpointPublicKey(verifierKey: vkey + "\n") == signer.publicKey)
        #expect(try CheckpointSigner.generate(name: "creditgate/prod").publicKey != signer.publicKey)
    }

    @Test("a signer's description names the key and never shows the secret")
    func noSecretInDescription() throws {
        let signer = try CheckpointSigner(keyFile: GoExample.signerKey)
        let secret = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
        for text in ["\(signer)", String(reflecting: signer), "\([signer])"] {
            #expect(text.contains("PeterNeumann+c74f20a3") && !text.contains(secret))
        }
    }

    @Test(
        "bad key files are refused, saying which part is wrong",
        arguments: [
            ("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "a checkpoint key file is one line starting with 'PRIVATE+KEY+'"),
            ("PRIVATE+KEY+PeterNeumann+c74f20+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "the key ID must be 8 lowercase hex digits"),
            ("PRIVATE+KEY+PeterNeumann+C74F20A3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "the key ID must be 8 lowercase hex digits"),
            ("PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", "the key must be base64 of 0x01 (Ed25519) and a 32-byte seed"),
            ("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF", "the key must be base64 of 0x01 (Ed25519) and a 32-byte seed"),
            (
                "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
                "the key ID does not match the name and key (damaged or edited file?)"
            ),
            (
                "PRIVATE+KEY+PeterNeumanm+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
                "the key ID does not match the name and key (damaged or edited file?)"
            ),
            (
                "PRIVATE+KEY++c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
                "a key name must be non-empty, without whitespace, '+' or control characters"
            ),
            (
                "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz\nmore",
                "a checkpoint key file is one line starting with 'PRIVATE+KEY+'"
            ),
        ])
    func badKeyFiles(_ text: String, _ reason: String) {
        #expect(throws: CheckpointFormatError.self) { try CheckpointSigner(keyFile: text) }
        do {
            _ = try CheckpointSigner(keyFile: text)
        } catch {
            #expect(error.reason == reason)
            #expect(!error.description.contains("AYEKFALVFGyNhPJEMzD1QIDr"))
        }
    }

    @Test(
        "bad verifier keys are refused",
        arguments: [
            "PeterNeumann+c74f20a3", "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a3+Alpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
            "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        ])
    func badVerifierKeys(_ text: String) {
        #expect(throws: CheckpointFormatError.self) { try CheckpointPublicKey(verifierKey: text) }
    }

    @Test("a signed checkpoint verifies with its key, not with another, and not once altered")
    func signAndVerify() throws {
        let signed = CheckpointFixture.checkpoints()[2]
        #expect(signed.checkpoint.size == 150)
        let parsed = try SignedCheckpoint.parse(signed.text)
        #expect(parsed == signed)
        #expect(CheckpointFixture.signer.publicKey.check(parsed.note) == .valid)
        #expect(CheckpointFixture.otherSigner.publicKey.check(parsed.note) == .absent)
        // Same name, another key: the key ID differs, so the line is not taken for the trusted key's.
        #expect(CheckpointFixture.otherSigner.publicKey.keyID != CheckpointFixture.signer.publicKey.keyID)

        let altered = try SignedCheckpoint.parse(signed.text.replacingOccurrences("\n150\n", "\n149\n"))
        #expect(altered.checkpoint.size == 149)
        #expect(CheckpointFixture.signer.publicKey.check(altered.note) == .invalid)
    }

    @Test("cosignatures by unknown keys are kept and ignored; a failing line by the trusted key spoils a valid one")
    func severalSignatures() throws {
        let signed = CheckpointFixture.checkpoints()[0]
        let witness = try CheckpointSigner(name: "witness.example", privateKey: CheckpointFixture.key(seed: 9))
        let cosigned = try SignedNote(text: signed.note.text, signatures: signed.note.signatures + [try witness.signature(over: signed.note.text)])
        let parsed = try SignedCheckpoint.parse(cosigned.serialized)
        #expect(parsed.note.signatures.count == 2)
        #expect(CheckpointFixture.signer.publicKey.check(parsed.note) == .valid)
        #expect(witness.publicKey.check(parsed.note) == .valid)

        var forged = signed.note.signatures[0]
        forged = NoteSignature(keyName: forged.keyName, keyID: forged.keyID, signature: forged.signature.reversed())
        let spoiled = try SignedNote(text: signed.note.text, signatures: signed.note.signatures + [forged])
        #expect(CheckpointFixture.signer.publicKey.check(spoiled) == .invalid)
    }

    /// A change to a signed checkpoint's text and the error it must give.
    static let malformedNotes: [(String, @Sendable (String) -> String, Int, String)] = [
        (
            "no signature block", { String($0.prefix(upTo: $0.range(of: "\n\n")!.lowerBound)) + "\n" }, 5,
            "no signatures: a signed note is its text, a blank line, then lines '— <key name> <signature>'"
        ),
        ("CRLF line endings", { $0.replacingOccurrences("\n", "\r\n") }, 1, "carriage return: the file must use LF line endings, not CRLF"),
        ("a tab", { $0.replacingOccurrences("time ", "time\t") }, 4, "control character U+09 is not allowed"),
        ("hyphen for the em dash", { $0.replacingOccurrences("— ", "- ") }, 7, "a signature line must start with '— ' (em dash U+2014, space)"),
        (
            "two spaces in a signature line", { $0.replacingOccurrences("— creditgate/test ", "— creditgate/test  ") }, 7,
            "a signature line is '— <key name> <base64 signature>', with single spaces"
        ),
        (
            "signature not base64", { $0.replacingOccurrences("— creditgate/test ", "— creditgate/test *") }, 7,
            "the signature must be padded standard base64 of a 4-byte key ID and the signature"
        ),
        ("blank line after the signatures", { $0 + "\n" }, 8, "no signature lines after the blank line"),
        ("no final newline", { String($0.dropLast()) }, 7, "the note must end with a newline"),
        (
            "checkpoint line missing", { $0.replacingOccurrences("\ntime ", "\n\ntime ") }, 4,
            "the time line is missing (blank line)"
        ),
        (
            "checkpoint size edited badly", { $0.replacingOccurrences("\n50\n", "\n50 \n") }, 2,
            "the size must be a decimal number without sign or leading zeros"
        ),
    ]

    @Test("parsing a signed checkpoint names the line and what is wrong", arguments: malformedNotes.indices)
    func parseErrors(_ index: Int) {
        let (_, change, line, reason) = Self.malformedNotes[index]
        let text = change(CheckpointFixture.checkpoints()[0].text)
        #expect(throws: CheckpointFormatError(line: line, reason: reason)) { try SignedCheckpoint.parse(text) }
    }
}

extension String {
    /// The text with every `target` replaced (without Foundation).
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

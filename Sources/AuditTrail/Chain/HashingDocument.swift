import Crypto

/// The bytes an entry's hash is taken over, built in one reusable buffer.
///
/// The document is the canonical JSON object
/// `{"action":…,"actor":…,"payload":<payloadJSON>,"prev_hash":…,"seq":…,"subject_id":…,"subject_type":…,"time_us":…,"v":1}`:
/// members in RFC 8785 order, strings escaped canonically, integers in plain decimal, and the
/// stored payload text spliced in byte for byte, so any change to it changes the hash.
struct HashingDocument: Sendable {
    /// The document last built.
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(512)
    }

    /// Replaces the buffer's contents with the document for these fields.
    mutating func build(
        seq: Int64, timeMicros: Int64, actor: String, action: String, subjectType: String, subjectID: String, payloadJSON: String,
        previousHash: String
    ) {
        bytes.removeAll(keepingCapacity: true)
        CanonicalWriter.appendASCII(#"{"action":"#, to: &bytes)
        CanonicalWriter.appendString(action, to: &bytes)
        CanonicalWriter.appendASCII(#","actor":"#, to: &bytes)
        CanonicalWriter.appendString(actor, to: &bytes)
        CanonicalWriter.appendASCII(#","payload":"#, to: &bytes)
        bytes.append(contentsOf: payloadJSON.utf8)
        CanonicalWriter.appendASCII(#","prev_hash":"#, to: &bytes)
        CanonicalWriter.appendString(previousHash, to: &bytes)
        CanonicalWriter.appendASCII(#","seq":"#, to: &bytes)
        CanonicalWriter.appendInteger(seq, to: &bytes)
        CanonicalWriter.appendASCII(#","subject_id":"#, to: &bytes)
        CanonicalWriter.appendString(subjectID, to: &bytes)
        CanonicalWriter.appendASCII(#","subject_type":"#, to: &bytes)
        CanonicalWriter.appendString(subjectType, to: &bytes)
        CanonicalWriter.appendASCII(#","time_us":"#, to: &bytes)
        CanonicalWriter.appendInteger(timeMicros, to: &bytes)
        CanonicalWriter.appendASCII(#","v":"#, to: &bytes)
        CanonicalWriter.appendInteger(AuditChain.encodingVersion, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }

    /// Replaces the buffer's contents with the document for `entry` (its `hash` is not part of it).
    mutating func build(_ entry: AuditEntry) {
        build(
            seq: entry.seq, timeMicros: entry.timeMicros, actor: entry.actor, action: entry.action, subjectType: entry.subjectType,
            subjectID: entry.subjectID, payloadJSON: entry.payloadJSON, previousHash: entry.previousHash)
    }

    /// SHA-256 of the document last built.
    func digest() -> SHA256.Digest {
        bytes.withUnsafeBytes { SHA256.hash(data: $0) }
    }

    /// Lowercase hex of the document's SHA-256.
    func hexDigest() -> String {
        let digest = digest()
        return String(unsafeUninitializedCapacity: 2 * SHA256.Digest.byteCount) { out in
            digest.withUnsafeBytes { raw in
                for (k, byte) in raw.enumerated() {
                    out[2 * k] = CanonicalWriter.hexDigits[Int(byte >> 4)]
                    out[2 * k + 1] = CanonicalWriter.hexDigits[Int(byte & 0xF)]
                }
            }
            return 2 * SHA256.Digest.byteCount
        }
    }

    /// True when `hex` is exactly the lowercase hex of the document's SHA-256.
    func digestMatches(hex: String) -> Bool {
        let digest = digest()
        var hex = hex
        return hex.withUTF8 { stored in
            guard stored.count == 2 * SHA256.Digest.byteCount else { return false }
            return digest.withUnsafeBytes { raw in
                var k = 0
                for byte in raw {
                    guard stored[k] == CanonicalWriter.hexDigits[Int(byte >> 4)], stored[k + 1] == CanonicalWriter.hexDigits[Int(byte & 0xF)] else {
                        return false
                    }
                    k += 2
                }
                return true
            }
        }
    }
}

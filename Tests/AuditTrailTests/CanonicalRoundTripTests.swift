import Testing

@testable import AuditTrail

@Suite("CanonicalJSON round trip")
struct CanonicalRoundTripTests {
    @Test("encode → parse gives the same value, and the text is canonical", arguments: [1, 2, 3] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var random = RandomCanonicalValue(seed: seed)
        for _ in 0..<150 {
            let value = random.value()
            let text = CanonicalJSON.string(value)
            #expect(try CanonicalJSON.parse(text) == value, "\(text.debugDescription)")
            #expect(CanonicalJSON.isCanonical(text), "\(text.debugDescription)")
            #expect(CanonicalJSON.encode(try CanonicalJSON.parse(text)) == Array(text.utf8))
        }
    }

    @Test("the one-pass check agrees with parse-and-re-encode on mutated text", arguments: [11, 12, 13, 14] as [UInt64])
    func scannerMatchesDefinition(seed: UInt64) {
        var random = RandomCanonicalValue(seed: seed)
        var stillCanonical = 0
        for _ in 0..<500 {
            var text = CanonicalJSON.string(random.value())
            for _ in 0..<random.int(1...3) { text = random.mutate(text) }
            let fast = CanonicalJSON.isCanonical(text)
            #expect(fast == CanonicalJSON.isCanonicalByRoundTrip(text), "\(text.debugDescription)")
            if fast { stillCanonical += 1 }
        }
        // Both outcomes are exercised.
        #expect(stillCanonical > 10 && stillCanonical < 490)
    }
}

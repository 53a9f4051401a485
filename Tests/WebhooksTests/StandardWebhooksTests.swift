import Foundation
import Testing
import Webhooks

@Suite("Standard Webhooks")
struct StandardWebhooksTests {
    static let secret = WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!
    static let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    static let timestamp: Int64 = 1_614_265_330
    static let body = Array(#"{"test": 2432232314}"#.utf8)

    @Test("the specification's published test vector")
    func vector() {
        #expect(
            StandardWebhooks.signature(id: Self.id, timestamp: Self.timestamp, body: Self.body, secret: Self.secret)
                == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("the documented verification accepts a genuine delivery, also during a rotation")
    func genuine() throws {
        let other = WebhookSecret.generate()
        let header = StandardWebhooks.signatureHeader(
            id: Self.id, timestamp: Self.timestamp, body: Self.body, secrets: [other, Self.secret])
        #expect(header.split(separator: " ").count == 2)
        try StandardWebhooks.verify(
            id: Self.id, timestamp: String(Self.timestamp), signatures: header, body: Self.body, secrets: [Self.secret],
            now: Self.timestamp + 10)
        // Unknown versions and junk in the header are skipped, not fatal.
        try StandardWebhooks.verify(
            id: Self.id, timestamp: String(Self.timestamp), signatures: "v2,abc v1,@@@ " + header, body: Self.body,
            secrets: [other], now: Self.timestamp)
    }

    @Test("a tampered body, a stale timestamp and a wrong secret are each rejected")
    func rejected() {
        let header = StandardWebhooks.signatureHeader(
            id: Self.id, timestamp: Self.timestamp, body: Self.body, secrets: [Self.secret])
        #expect(throws: StandardWebhooks.VerificationError.noMatchingSignature) {
            try StandardWebhooks.verify(
                id: Self.id, timestamp: String(Self.timestamp), signatures: header,
                body: Array(#"{"test": 2432232315}"#.utf8), secrets: [Self.secret], now: Self.timestamp)
        }
        #expect(throws: StandardWebhooks.VerificationError.timestampOutOfTolerance(seconds: 301)) {
            try StandardWebhooks.verify(
                id: Self.id, timestamp: String(Self.timestamp), signatures: header, body: Self.body,
                secrets: [Self.secret], now: Self.timestamp + 301)
        }
        #expect(throws: StandardWebhooks.VerificationError.timestampOutOfTolerance(seconds: -400)) {
            try StandardWebhooks.verify(
                id: Self.id, timestamp: String(Self.timestamp), signatures: header, body: Self.body,
                secrets: [Self.secret], now: Self.timestamp - 400)
        }
        #expect(throws: StandardWebhooks.VerificationError.noMatchingSignature) {
            try StandardWebhooks.verify(
                id: Self.id, timestamp: String(Self.timestamp), signatures: header, body: Self.body,
                secrets: [WebhookSecret.generate()], now: Self.timestamp)
        }
        // The id and the timestamp are signed too.
        #expect(throws: StandardWebhooks.VerificationError.noMatchingSignature) {
            try StandardWebhooks.verify(
                id: "msg_other", timestamp: String(Self.timestamp), signatures: header, body: Self.body,
                secrets: [Self.secret], now: Self.timestamp)
        }
        #expect(throws: StandardWebhooks.VerificationError.missingHeader("webhook-signature")) {
            try StandardWebhooks.verify(
                id: Self.id, timestamp: String(Self.timestamp), signatures: nil, body: Self.body,
                secrets: [Self.secret], now: Self.timestamp)
        }
        #expect(throws: StandardWebhooks.VerificationError.malformedTimestamp) {
            try StandardWebhooks.verify(
                id: Self.id, timestamp: "yesterday", signatures: header, body: Self.body, secrets: [Self.secret],
                now: Self.timestamp)
        }
    }

    @Test("secrets: whsec_ text round trip, at least 24 bytes, 32 random bytes when generated")
    func secrets() {
        let generated = WebhookSecret.generate()
        #expect(generated.bytes.count == 32)
        #expect(WebhookSecret(generated.description) == generated)
        #expect(WebhookSecret(String(generated.description.dropFirst(6))) == generated)
        #expect(WebhookSecret("whsec_" + Data(repeating: 1, count: 23).base64EncodedString()) == nil)
        #expect(WebhookSecret("whsec_not base64!") == nil)
        #expect(generated != WebhookSecret.generate())
    }

    @Test("retries back off exponentially with jitter, capped, for at most the maximum age")
    func schedule() {
        let schedule = RetrySchedule(base: .seconds(1), cap: .seconds(600), maxAge: .seconds(3 * 86_400))
        var random = SystemRandomNumberGenerator()
        for attempt in 1...30 {
            let backoff = min(600_000_000, 1_000_000 << Int64(min(attempt - 1, 40)))
            let delay = schedule.delayMicros(afterAttempt: attempt, random: &random)
            #expect(delay >= backoff / 2 && delay <= backoff, "attempt \(attempt): \(delay)")
        }
        #expect(schedule.stillTried(firstDueMicros: 0, nowMicros: 3 * 86_400 * 1_000_000 - 1))
        #expect(!schedule.stillTried(firstDueMicros: 0, nowMicros: 3 * 86_400 * 1_000_000))
    }
}

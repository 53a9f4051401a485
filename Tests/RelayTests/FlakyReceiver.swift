import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Webhooks

/// A webhook receiver on 127.0.0.1 that misbehaves on purpose: a share of requests gets a 500,
/// an answer slower than the relay's timeout, or the connection dropped after the request was
/// read. It verifies every request as the README tells receivers to, and de-duplicates on
/// `webhook-id`, recording what it accepted in order.
final class FlakyReceiver: Sendable {
    enum Behaviour: Sendable { case accept, fail, slow, drop }

    struct Accepted: Sendable {
        var id: String
        var type: String
        var customerID: String?
    }

    struct Log {
        var accepted: [Accepted] = []
        var seen: Set<String> = []
        var duplicates = 0
        var rejected = 0
        var behaviours: [String: Int] = [:]
    }

    let port: Int
    let secrets: Mutex<[WebhookSecret]>
    private let channel: any Channel
    private let log = Mutex(Log())
    private let choose: Mutex<SeededRandom>
    let failureShare: Double

    var snapshot: Log { log.withLock { $0 } }

    private init(port: Int, channel: any Channel, secret: WebhookSecret, seed: UInt64, failureShare: Double) {
        self.port = port
        self.channel = channel
        self.secrets = Mutex([secret])
        self.choose = Mutex(SeededRandom(seed: seed))
        self.failureShare = failureShare
    }

    static func start(secret: WebhookSecret, seed: UInt64, failureShare: Double, slowDelay: TimeAmount) async throws
        -> FlakyReceiver
    {
        let box = ReceiverBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(receiver: box, slowDelay: slowDelay))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let receiver = FlakyReceiver(
            port: channel.localAddress!.port!, channel: channel, secret: secret, seed: seed, failureShare: failureShare)
        box.value.withLock { $0 = receiver }
        return receiver
    }

    var url: String { "http://127.0.0.1:\(port)/hooks" }

    func shutdown() async throws { try await channel.close() }

    /// Decides what to do with a request and, for an accepted one, records it.
    func handle(headers: HTTPHeaders, body: [UInt8]) -> Behaviour {
        let behaviour: Behaviour = choose.withLock { random in
            let roll = random.unit()
            if roll >= failureShare { return .accept }
            switch random.next() % 3 {
            case 0: return .fail
            case 1: return .slow
            default: return .drop
            }
        }
        log.withLock { $0.behaviours["\(behaviour)", default: 0] += 1 }
        guard behaviour == .accept || behaviour == .slow else { return behaviour }
        // The documented verification: timestamp within 5 minutes, a v1 signature that matches.
        do {
            try StandardWebhooks.verify(
                id: headers.first(name: "webhook-id"), timestamp: headers.first(name: "webhook-timestamp"),
                signatures: headers.first(name: "webhook-signature"), body: body, secrets: secrets.withLock { $0 },
                now: Int64(Date().timeIntervalSince1970))
        } catch {
            log.withLock { $0.rejected += 1 }
            return .fail
        }
        let id = headers.first(name: "webhook-id") ?? ""
        let parsed = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let type = parsed?["type"] as? String ?? "?"
        let customer = (parsed?["data"] as? [String: Any])?["customer_id"] as? String
        log.withLock { log in
            // De-duplicate on webhook-id: a retry of something already processed is acknowledged, not processed again.
            if log.seen.insert(id).inserted {
                log.accepted.append(Accepted(id: id, type: type, customerID: customer))
            } else {
                log.duplicates += 1
            }
        }
        return behaviour
    }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let receiver: ReceiverBox
        let slowDelay: TimeAmount
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(receiver: ReceiverBox, slowDelay: TimeAmount) {
            self.receiver = receiver
            self.slowDelay = slowDelay
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(let chunk):
                body += chunk.readableBytesView
            case .end:
                guard let head, let receiver = receiver.value.withLock({ $0 }) else { return }
                let behaviour = receiver.handle(headers: head.headers, body: body)
                switch behaviour {
                case .accept: respond(context, 204)
                case .fail: respond(context, 500)
                case .drop: context.close(promise: nil)
                case .slow:
                    // Processed, but answered after the relay gave up: the relay retries, the
                    // receiver sees the same webhook-id again.
                    let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                    context.eventLoop.scheduleTask(in: slowDelay) {
                        self.respond(loopBound.value, 204)
                    }
                }
            }
        }

        func respond(_ context: ChannelHandlerContext, _ status: Int) {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers))),
                promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

/// Lets connection handlers reach the receiver once it exists.
final class ReceiverBox: Sendable {
    let value = Mutex<FlakyReceiver?>(nil)
}

/// SplitMix64: the same choices for the same seed.
struct SeededRandom: Sendable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP/1.1 server on 127.0.0.1 that records every request and answers with what its
/// route closure says: enough to test the client's headers and error mapping end to end.
final class StubServer: Sendable {
    /// A request as received.
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [String: String]
        var body: String
    }

    /// What to answer.
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String] = ["Content-Type": "application/json"]
        var body: String
        /// When set, the body is sent in these pieces (chunked, each flushed) instead of `body`.
        var chunks: [String]? = nil
        /// With `chunks`: close the connection after the last piece, before the body ends.
        var breaksOff = false
    }

    let port: Int
    private let channel: any Channel
    private let log: Mutex<[Request]>

    /// The requests received so far.
    var requests: [Request] { log.withLock { $0 } }

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
        self.log = Mutex([])
    }

    /// Starts a server on a free port.
    static func start(_ route: @escaping @Sendable (Request) -> Reply) async throws -> StubServer {
        let recorder = Recorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(route: route, recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = StubServer(port: channel.localAddress!.port!, channel: channel)
        recorder.server.withLock { $0 = server }
        return server
    }

    /// Stops listening.
    func shutdown() async throws {
        try await channel.close()
    }

    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    fileprivate func record(_ request: Request) {
        log.withLock { $0.append(request) }
    }

    /// Lets handlers reach the server once it exists.
    final class Recorder: Sendable {
        let server = Mutex<StubServer?>(nil)
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let route: @Sendable (Request) -> Reply
        let recorder: Recorder
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(route: @escaping @Sendable (Request) -> Reply, recorder: Recorder) {
            self.route = route
            self.recorder = recorder
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let request = Request(
                    method: head.method.rawValue, uri: head.uri, headers: headers,
                    body: String(buffer: body))
                recorder.server.withLock { $0?.record(request) }
                let reply = route(request)
                var responseHeaders = HTTPHeaders(reply.headers.map { ($0.key, $0.value) })
                if let chunks = reply.chunks {
                    stream(chunks, breaksOff: reply.breaksOff, status: reply.status, headers: responseHeaders, context: context)
                    return
                }
                responseHeaders.add(name: "Content-Length", value: String(reply.body.utf8.count))
                context.write(
                    wrapOutboundOut(
                        .head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: reply.status), headers: responseHeaders))),
                    promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }

        /// A body in flushed pieces, without Content-Length (so chunked), optionally cut off.
        func stream(
            _ chunks: [String], breaksOff: Bool, status: Int, headers: HTTPHeaders, context: ChannelHandlerContext
        ) {
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers))),
                promise: nil)
            for chunk in chunks {
                context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: chunk)))), promise: nil)
            }
            if breaksOff {
                context.close(promise: nil)
            } else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}

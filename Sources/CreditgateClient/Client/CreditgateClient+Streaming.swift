import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension CreditgateClient {
    /// Sends a request and hands a 2xx answer's body to `consume` chunk by chunk as it arrives
    /// (nothing is held but the chunk in hand); an error answer is read whole and mapped as
    /// ``send(_:as:)`` maps it.
    ///
    /// There is no overall deadline, only the read timeout between chunks: an export of a long
    /// log may take a while, but not stall.
    /// - Parameters:
    ///   - accept: The `Accept` header.
    ///   - consume: Takes each chunk; its ``ClientError`` stops the transfer and is rethrown.
    /// - Returns: The bytes received.
    /// - Throws: ``ClientError`` only; `unavailable` when the answer breaks off.
    public func stream(
        _ request: OfficerRequest, accept: String, into consume: (ByteBuffer) throws(ClientError) -> Void
    ) async throws(ClientError) -> Int {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(prepare(request, accept: accept), deadline: .distantFuture)
        } catch {
            throw Self.transportError(error, baseURL: baseURL)
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            var body = ByteBuffer()
            do {
                body = try await response.body.collect(upTo: Self.maxBodySize)
            } catch {
                throw Self.transportError(error, baseURL: baseURL)
            }
            throw ClientError.fromResponse(
                status: status, body: body.readBytes(length: body.readableBytes) ?? [],
                retryAfter: response.headers.first(name: "Retry-After"))
        }
        var received = 0
        do {
            for try await chunk in response.body {
                received += chunk.readableBytes
                try consume(chunk)
            }
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(
                .unavailable,
                "the answer from the Creditgate server at \(baseURL) broke off after \(MoneyText.count(received)) bytes (\(Self.breakReason(error)))",
                status: status)
        }
        return received
    }

    /// Why a body stopped: a few words, no data.
    static func breakReason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: return "no data for \(seconds(readTimeout)) s"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: break
            }
        }
        if error is HTTPParserError { return "the server closed the connection mid-answer" }
        return connectionFailure(error) ?? "\(error)"
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

extension CreditgateClient {
    /// One sentence for a request that got no answer: refused, timed out, unknown host.
    static func transportError(_ error: any Error, baseURL: String) -> ClientError {
        let serve = "(is `creditgate serve` running?)"
        if let error = error as? ClientError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return ClientError(
                    .unavailable,
                    "cannot reach the Creditgate server at \(baseURL): no connection within \(seconds(connectTimeout)) s \(serve)")
            case .readTimeout, .deadlineExceeded:
                return ClientError(
                    .unavailable, "the Creditgate server at \(baseURL) did not answer within \(seconds(readTimeout)) s")
            case .remoteConnectionClosed:
                return ClientError(
                    .unavailable, "the Creditgate server at \(baseURL) closed the connection before answering")
            case .invalidURL, .emptyHost, .emptyScheme:
                return ClientError(.usage, "\(baseURL) is not a usable server URL: give it as http://host:port")
            case .getConnectionFromPoolTimeout:
                return ClientError(
                    .unavailable,
                    "cannot reach the Creditgate server at \(baseURL): no connection within \(seconds(connectTimeout)) s \(serve)")
            default:
                break
            }
        }
        if let reason = connectionFailure(error) {
            return ClientError(.unavailable, "cannot reach the Creditgate server at \(baseURL): \(reason) \(serve)")
        }
        return ClientError(.unavailable, "cannot reach the Creditgate server at \(baseURL): \(error)")
    }

    /// "connection refused", "host not found", … for the errors NIO reports when a connection
    /// cannot be made.
    static func connectionFailure(_ error: any Error) -> String? {
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return "connection refused"
            case EHOSTUNREACH, ENETUNREACH: return "no route to the host"
            case ECONNRESET: return "connection reset"
            default: return error.description
            }
        }
        if let error = error as? NIOConnectionError {
            for attempt in error.connectionErrors {
                if let reason = connectionFailure(attempt.error) { return reason }
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "host not found" }
            return "no connection"
        }
        if error is SocketAddressError { return "host not found" }
        if let error = error as? ChannelError, case .connectTimeout(_) = error {
            return "no connection within \(seconds(connectTimeout)) s"
        }
        return nil
    }

    static func seconds(_ amount: TimeAmount) -> Int64 {
        amount.nanoseconds / 1_000_000_000
    }
}

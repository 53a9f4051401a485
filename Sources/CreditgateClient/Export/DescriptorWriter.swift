import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes bytes to an open file descriptor, all of them (short writes and `EINTR` retried).
struct DescriptorWriter {
    /// The descriptor, e.g. 1 for stdout.
    var descriptor: Int32
    /// What to call it in a message: a path, or `standard output`.
    var name: String

    /// Writes every readable byte of `buffer`.
    /// - Throws: ``ClientError`` of kind `configuration` (exit 2) naming the file and the reason.
    func write(_ buffer: ByteBuffer) throws(ClientError) {
        let failure: Int32? = buffer.withUnsafeReadableBytes { raw in
            guard var pointer = raw.baseAddress else { return nil }
            var left = raw.count
            while left > 0 {
                let written = systemWrite(descriptor, pointer, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                pointer += written
                left -= written
            }
            return nil
        }
        if let failure { throw Self.error("cannot write to \(name)", errno: failure) }
    }

    /// A file error with the system's reason: `cannot write to out.csv: No space left on device`.
    static func error(_ what: String, errno code: Int32) -> ClientError {
        ClientError(.configuration, "\(what): \(String(cString: strerror(code)))")
    }
}

/// `write(2)`, named apart from ``DescriptorWriter/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
        Darwin.write(descriptor, pointer, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, pointer, count)
    #else
        Glibc.write(descriptor, pointer, count)
    #endif
}

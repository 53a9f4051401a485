import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file that appears whole or not at all: bytes go to a hidden temporary file in the same
/// directory, which ``commit()`` renames over the path (atomic on one file system), and which
/// ``discard()`` — or dropping the value uncommitted — removes.
///
/// The file is created readable by its owner only (mode 0600): an export is the audit log.
public final class PendingFile {
    /// Where the file ends up.
    public let path: String
    /// Where the bytes go until ``commit()``: `DIR/.NAME.partial-XXXXXX`.
    public let temporaryPath: String
    private var writer: DescriptorWriter?

    /// Creates the temporary file next to `path`.
    /// - Throws: ``ClientError`` (`configuration`, exit 2) when the directory is not writable.
    public init(path: String) throws(ClientError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).partial-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw DescriptorWriter.error("cannot create a file in \(directory)", errno: errno)
        }
        self.path = path
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.writer = DescriptorWriter(descriptor: descriptor, name: path)
    }

    deinit {
        discard()
    }

    /// Appends `buffer`.
    public func write(_ buffer: ByteBuffer) throws(ClientError) {
        guard let writer else { throw ClientError(.configuration, "\(path) is already closed") }
        try writer.write(buffer)
    }

    /// Flushes the bytes to disk and renames the temporary file to ``path``, replacing a file
    /// that is there.
    public func commit() throws(ClientError) {
        guard let writer else { throw ClientError(.configuration, "\(path) is already closed") }
        self.writer = nil
        if fsync(writer.descriptor) != 0 {
            let code = errno
            close(writer.descriptor)
            unlink(temporaryPath)
            throw DescriptorWriter.error("cannot write to \(path)", errno: code)
        }
        close(writer.descriptor)
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw DescriptorWriter.error("cannot write \(path)", errno: code)
        }
    }

    /// Closes and removes the temporary file; ``path`` is left as it was. Does nothing after
    /// ``commit()``.
    public func discard() {
        guard let writer else { return }
        self.writer = nil
        close(writer.descriptor)
        unlink(temporaryPath)
    }
}

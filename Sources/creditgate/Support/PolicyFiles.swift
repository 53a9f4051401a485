import ArgumentParser
import CreditPolicy
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reading policies and application files for the commands, with errors for people.
enum PolicyFiles {
    /// Reads a file (or stdin for `-`) as bytes, or exits 2 with one clear sentence.
    static func bytes(_ path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            Console.err("creditgate: cannot read \(path): \(exists ? (isDirectory.boolValue ? "it is a directory" : "permission denied") : "no such file")")
            throw ExitCode(2)
        }
        return Array(data)
    }

    /// Reads a file as UTF-8 text, or exits 2.
    static func text(_ path: String) throws -> String {
        let b = try bytes(path)
        guard let s = String(validating: b, as: UTF8.self) else {
            Console.err("creditgate: \(path) is not UTF-8 text")
            throw ExitCode(2)
        }
        return s
    }

    /// Compiles a policy file, printing every diagnostic to stderr and exiting 1 on any.
    static func policy(_ path: String) throws -> Policy {
        let source = try text(path)
        do {
            return try PolicyCompiler.compile(source: source, file: path)
        } catch {
            report(error)
            throw ExitCode(1)
        }
    }

    /// Prints diagnostics as `file:line:col: code: message`.
    static func report(_ errors: PolicyErrors) {
        for d in errors.diagnostics {
            Console.err("\(Console.styled("\(d.location):", .bold, stderr: true)) \(Console.styled(d.code.rawValue, .red, stderr: true)): \(d.message)")
        }
    }

    /// The `.yaml`/`.yml` files of a directory, sorted.
    static func policyFiles(in directory: String) throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            Console.err("creditgate: cannot read directory \(directory)")
            throw ExitCode(2)
        }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    /// Calls `body` with the contents of `path` (stdin for `-`): a regular file is mapped
    /// into memory rather than copied, which matters for large application files.
    static func withContents<R>(of path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        if path != "-" {
            let fd = open(path, O_RDONLY)
            if fd >= 0 {
                defer { close(fd) }
                var info = stat()
                if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    let size = Int(info.st_size)
                    if size == 0 { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
                    if let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED {
                        defer { munmap(address, size) }
                        madvise(address, size, MADV_SEQUENTIAL)
                        return try body(UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size))
                    }
                }
            }
        }
        let copy = try bytes(path)
        return try copy.withUnsafeBufferPointer { try body($0) }
    }

    /// Calls `body` with each non-blank line of `all` and its 1-based line number.
    static func forEachLine(_ all: UnsafeBufferPointer<UInt8>, _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let base = all.baseAddress else { return }
        var start = 0
        var line = 0
        let n = all.count
        while start < n {
            line += 1
            // memchr finds the line end with vector instructions.
            let found = memchr(base + start, 0x0A, n - start)
            let end = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
            var trimmed = end
            if trimmed > start && all[trimmed - 1] == 0x0D { trimmed -= 1 }
            var blank = true
            for i in start..<trimmed where all[i] != 0x20 && all[i] != 0x09 {
                blank = false
                break
            }
            if !blank { try body(line, UnsafeBufferPointer(rebasing: all[start..<trimmed])) }
            start = end + 1
        }
    }
}

/// The clock option shared by commands that evaluate.
struct ClockOptions: ParsableArguments {
    @Option(
        name: .customLong("at"),
        help: ArgumentHelp("The clock for the evaluation (RFC 3339 or YYYY-MM-DD). Default: now, read once per run.", valueName: "time"))
    var at: String?

    func clock() throws -> Timestamp {
        if let at {
            guard let t = Timestamp(at) else { throw ValidationError("--at '\(at)' is not a date (2026-11-22) or an RFC 3339 time (2026-11-22T10:00:00Z)") }
            return t
        }
        return Timestamp(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
    }
}

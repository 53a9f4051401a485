import Foundation

/// One versioned SQL file from `migrations/`, named `NNNN_description.sql`.
public struct Migration: Sendable, Hashable {
    /// The number the file name starts with; migrations apply in this order.
    public var version: Int64
    /// The file name, e.g. `0001_initial.sql`.
    public var name: String
    /// The file's text.
    public var sql: String
    /// Lowercase hex SHA-256 of the file's bytes, recorded when applied.
    public var sha256: String

    /// Creates a migration from a file name and its text.
    public init(name: String, sql: String) throws {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let version = Int64(digits), version > 0,
            name.dropFirst(digits.count).first == "_", name.hasSuffix(".sql")
        else {
            throw StoreError.invalidMigration(
                file: name, reason: "the name must be NNNN_description.sql with NNNN a positive number")
        }
        self.version = version
        self.name = name
        self.sql = sql
        self.sha256 = SHA256Hex.of(sql)
    }

    /// The statements of the file, in order (see ``SQLStatementSplitter``).
    public var statements: [String] {
        SQLStatementSplitter.split(sql)
    }

    /// Every `*.sql` file of a directory, in version order.
    public static func load(directory: String) throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".sql") }
        } catch {
            throw StoreError.invalidMigration(file: directory, reason: "cannot read the migrations directory")
        }
        guard !names.isEmpty else {
            throw StoreError.invalidMigration(file: directory, reason: "no .sql files in the migrations directory")
        }
        var migrations: [Migration] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw StoreError.invalidMigration(file: path, reason: "cannot read the file as UTF-8")
            }
            migrations.append(try Migration(name: name, sql: text))
        }
        migrations.sort { $0.version < $1.version }
        for (earlier, later) in zip(migrations, migrations.dropFirst()) where earlier.version == later.version {
            throw StoreError.invalidMigration(
                file: later.name, reason: "version \(later.version) is also used by \(earlier.name)")
        }
        return migrations
    }
}

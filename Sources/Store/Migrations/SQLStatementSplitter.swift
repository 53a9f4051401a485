/// Splits an SQL file into statements at `;`, outside quotes and comments.
///
/// Both databases run one statement per call through their drivers' extended protocols, so
/// the migrator runs a file statement by statement. Understood: `'…'` strings (with `''`),
/// `"…"` identifiers, `--` and `/* */` comments. Not understood: PostgreSQL dollar-quoted
/// bodies (`$$ … $$`); migrations do not use them (see `migrations/0001_initial.sql`).
public enum SQLStatementSplitter {
    /// The statements, trimmed, without empty or comment-only ones.
    public static func split(_ sql: String) -> [String] {
        var statements: [String] = []
        var current: [UInt8] = []
        var hasCode = false
        let bytes = Array(sql.utf8)
        var index = 0

        func finish() {
            if hasCode {
                let text = String(decoding: current, as: UTF8.self)
                statements.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            current.removeAll(keepingCapacity: true)
            hasCode = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                current.append(UInt8(ascii: "\n"))
                index += 1
                continue
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
                current.append(UInt8(ascii: " "))
                continue
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                let quote = byte
                hasCode = true
                current.append(byte)
                index += 1
                while index < bytes.count {
                    current.append(bytes[index])
                    if bytes[index] == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            current.append(quote)
                            index += 2
                            continue
                        }
                        break
                    }
                    index += 1
                }
                index += 1
                continue
            case UInt8(ascii: ";"):
                finish()
                index += 1
                continue
            default:
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\t"),
                    byte != UInt8(ascii: "\r")
                {
                    hasCode = true
                }
                current.append(byte)
                index += 1
            }
        }
        finish()
        return statements
    }
}

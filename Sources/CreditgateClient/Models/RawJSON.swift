/// Byte ranges of JSON values, found without decoding them, so that values the server wrote
/// can be passed on unchanged (one audit entry per line for `audit list --all --json`).
public enum RawJSON {
    /// The elements of the array under `key` in the top-level object `bytes`, each exactly as
    /// written; `nil` when `bytes` is not an object with such an array.
    public static func arrayElements(ofMember key: String, in bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var scanner = Scanner(bytes: bytes)
        scanner.skipBlanks()
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        scanner.skipBlanks()
        if scanner.take(UInt8(ascii: "}")) { return nil }
        while true {
            scanner.skipBlanks()
            guard let name = scanner.string() else { return nil }
            scanner.skipBlanks()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipBlanks()
            if name.elementsEqual(key.utf8) {
                return scanner.arrayElements()
            }
            guard scanner.skipValue() else { return nil }
            scanner.skipBlanks()
            if scanner.take(UInt8(ascii: ",")) { continue }
            return nil
        }
    }

    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipBlanks() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        /// A string's raw bytes between its quotes (escapes left as they are).
        mutating func string() -> ArraySlice<UInt8>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while let byte = current {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                } else if byte == UInt8(ascii: "\"") {
                    let end = index
                    index += 1
                    return bytes[start..<end]
                } else {
                    index += 1
                }
            }
            return nil
        }

        /// Skips one value of any kind; brackets inside strings do not count.
        mutating func skipValue() -> Bool {
            guard let first = current else { return false }
            if first == UInt8(ascii: "\"") { return string() != nil }
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                // A number, true, false or null: up to the next delimiter.
                let start = index
                while let byte = current, !Self.delimiters.contains(byte) { index += 1 }
                return index > start
            }
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    guard string() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return true
                    }
                default:
                    break
                }
                index += 1
            }
            return false
        }

        mutating func arrayElements() -> [ArraySlice<UInt8>]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var elements: [ArraySlice<UInt8>] = []
            skipBlanks()
            if take(UInt8(ascii: "]")) { return elements }
            while true {
                skipBlanks()
                let start = index
                guard skipValue() else { return nil }
                elements.append(bytes[start..<index])
                skipBlanks()
                if take(UInt8(ascii: ",")) { continue }
                return take(UInt8(ascii: "]")) ? elements : nil
            }
        }

        static let delimiters: Set<UInt8> = [
            UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D,
        ]
    }
}

import Crypto

/// Lowercase hex SHA-256, the form every hash takes in the store.
public enum SHA256Hex {
    /// The hex SHA-256 of a string's UTF-8 bytes.
    public static func of(_ text: String) -> String {
        of(Array(text.utf8))
    }

    /// The hex SHA-256 of bytes.
    public static func of(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

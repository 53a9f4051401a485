extension UInt32 {
    /// The value of 4 big-endian bytes.
    init(bigEndianBytes b: [UInt8]) {
        self = UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    /// The 4 big-endian bytes of the value.
    var bigEndianBytes: [UInt8] {
        [UInt8(self >> 24), UInt8(self >> 16 & 0xFF), UInt8(self >> 8 & 0xFF), UInt8(self & 0xFF)]
    }
}

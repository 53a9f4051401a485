/// How many terminal columns text takes: wide (East Asian, emoji) characters count two,
/// combining marks and ANSI colour sequences none.
public enum DisplayWidth {
    /// The columns `text` takes.
    public static func of(_ text: String) -> Int {
        var width = 0
        for character in stripANSI(text) {
            width += of(character)
        }
        return width
    }

    /// The columns one character takes.
    static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        if first.properties.isEmojiPresentation { return 2 }
        for range in wide where range.contains(value) { return 2 }
        return 1
    }

    /// `text` without ANSI escape sequences (`ESC [ … letter`).
    public static func stripANSI(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                out.append(scalar)
                continue
            }
            guard let next = scalars.next() else { break }
            guard next == "[" else { continue }
            while let c = scalars.next(), !(("@"..."~").contains(c)) {}
        }
        return String(out)
    }

    /// East Asian Wide and Fullwidth blocks.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}

extension DisplayWidth {
    /// `text` cut to at most `columns` display columns, ending in `…` when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns, columns > 0 else { return text }
        var out = ""
        var width = 0
        for character in stripANSI(text) {
            let w = of(character)
            if width + w > columns - 1 { break }
            out.append(character)
            width += w
        }
        return out + "…"
    }
}

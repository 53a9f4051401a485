/// A plain-text table: columns padded to their widest cell (by display width), numbers and
/// money right-aligned, two spaces between columns, no trailing blanks.
public struct TextTable: Sendable {
    /// How a column's cells line up.
    public enum Alignment: Sendable {
        /// Text: padded on the right.
        case left
        /// Numbers and money: padded on the left.
        case right
    }

    /// One column: its heading and alignment.
    public struct Column: Sendable {
        /// The heading (upper case by convention).
        public var title: String
        /// How cells line up.
        public var alignment: Alignment

        /// Creates a column.
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// The columns.
    public var columns: [Column]
    /// The rows; a short row is padded with empty cells.
    public var rows: [[String]]
    /// Whether to print the heading line.
    public var showsHeader: Bool
    /// Put before every line (e.g. two spaces for a table inside a block).
    public var indent: String

    /// Creates a table.
    public init(_ columns: [Column], rows: [[String]] = [], showsHeader: Bool = true, indent: String = "") {
        self.columns = columns
        self.rows = rows
        self.showsHeader = showsHeader
        self.indent = indent
    }

    /// Appends a row.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table's lines; the heading is passed through `header` (to make it bold).
    public func lines(header: (String) -> String = { $0 }) -> [String] {
        let count = columns.count
        let cells = rows.map { row in (0..<count).map { $0 < row.count ? row[$0] : "" } }
        let titles = columns.map(\.title)
        let widths = (0..<count).map { column in
            ((showsHeader ? [titles] : []) + cells).map { DisplayWidth.of($0[column]) }.max() ?? 0
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(cell)))
                parts.append(columns[index].alignment == .right ? pad + cell : cell + pad)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out: [String] = []
        if showsHeader { out.append(header(line(titles))) }
        out.append(contentsOf: cells.map(line))
        return out
    }
}

/// A plain-text table: the first column (or first few) left-aligned, the others right-aligned,
/// widths fitted to the widest cell, optional blank separator lines.
struct TextTable {
    private let header: [String]
    private let textColumns: Int
    private var rows: [[String]?] = []

    /// A table with these column headings, the first `textColumns` of them left-aligned.
    init(header: [String], textColumns: Int = 1) {
        self.header = header
        self.textColumns = textColumns
    }

    /// A table with the headings and rows of `table`.
    init(_ table: SummaryTables.Table) {
        self.init(header: table.header, textColumns: table.textColumns)
        for row in table.rows { addRow(row) }
    }

    /// Adds a row; it may have fewer cells than the header.
    mutating func addRow(_ cells: [String]) { rows.append(cells) }

    /// Adds a blank line.
    mutating func addSeparator() { rows.append(nil) }

    /// The table's lines, trailing spaces removed.
    func lines() -> [String] {
        var widths = header.map(Self.width)
        for case let row? in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], Self.width(cell)) }
        }
        let render = { (cells: [String]) -> String in
            var line = ""
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - Self.width(cell))
                let separator = column == 0 ? "" : "  "
                line += column < textColumns ? separator + cell + padding : separator + padding + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        return [render(header)] + rows.map { $0.map(render) ?? "" }
    }

    /// How many terminal columns a cell takes, counting one per Unicode scalar (wide characters
    /// such as CJK take two).
    private static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + (isWide(scalar) ? 2 : (scalar.properties.generalCategory == .nonspacingMark ? 0 : 1))
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

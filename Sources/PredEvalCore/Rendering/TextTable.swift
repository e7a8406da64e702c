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
        var widths = header.map(TerminalText.displayWidth)
        for case let row? in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], TerminalText.displayWidth(cell)) }
        }
        let render = { (cells: [String]) -> String in
            var line = ""
            for (column, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - TerminalText.displayWidth(cell))
                let separator = column == 0 ? "" : "  "
                line += column < textColumns ? separator + cell + padding : separator + padding + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        return [render(header)] + rows.map { $0.map(render) ?? "" }
    }
}

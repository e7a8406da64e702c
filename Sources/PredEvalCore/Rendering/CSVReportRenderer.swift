/// Renders reports as CSV: one row per class with its counts and scores (full precision, an
/// empty cell where a score is undefined). Several files add a `file` column; slices a `group`
/// column, empty on the whole file's rows, which come first. With curves (`--curves`), one row
/// per curve point instead.
///
/// Labels keep their bytes, but a text cell that a spreadsheet would run as a formula (it begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a number) starts with `'`, as
/// OWASP advises against CSV injection, unless `guardsFormulas` is off.
public struct CSVReportRenderer: Sendable {
    /// The column headings after `file` and `group`.
    static let classColumns = ["label", "tp", "fp", "fn", "support", "predicted", "precision", "recall", "f1"]
    /// The column headings of curve points after `file` and `group`: `x` and `y` are the false
    /// and true positive rates of `roc` points, the recall and precision of `pr` points.
    static let curveColumns = ["label", "curve", "point", "x", "y", "threshold"]

    /// Whether cells that would start a formula get a leading `'` (`--csv-raw` turns it off).
    public var guardsFormulas: Bool
    /// Whether text cells are escaped as `TerminalText` escapes them: for a terminal, where raw
    /// control characters would drive it (a file keeps the bytes).
    public var escapesControlCharacters: Bool

    /// A renderer.
    ///
    /// - Parameters:
    ///   - guardsFormulas: prefix cells that would start a formula with `'`.
    ///   - escapesControlCharacters: escape control, bidi and zero-width characters in text cells.
    public init(guardsFormulas: Bool = true, escapesControlCharacters: Bool = false) {
        self.guardsFormulas = guardsFormulas
        self.escapesControlCharacters = escapesControlCharacters
    }

    /// The reports as CSV ending in a newline.
    ///
    /// - Parameters:
    ///   - reports: the reports, in order.
    ///   - withFileColumn: whether each row starts with its report's file.
    /// - Returns: CSV text ending in a newline.
    public func render(_ reports: [Report], withFileColumn: Bool) -> String {
        rendered(reports, withFileColumn: withFileColumn, columns: Self.classColumns) { report in
            report.classes.map { entry in
                [
                    text(entry.label), "\(entry.tp)", "\(entry.fp)", "\(entry.fn)", "\(entry.support)",
                    "\(entry.predicted)", Self.number(entry.precision), Self.number(entry.recall), Self.number(entry.f1),
                ]
            }
        }
    }

    /// The reports' curve points (`Report.curves`) as CSV ending in a newline: for each class
    /// in report order its ROC points, then its precision-recall points, numbered from 1 within
    /// each curve; an empty `threshold` where scikit-learn has none.
    ///
    /// - Parameters:
    ///   - reports: the reports, in order.
    ///   - withFileColumn: whether each row starts with its report's file.
    /// - Returns: CSV text ending in a newline.
    public func renderCurves(_ reports: [Report], withFileColumn: Bool) -> String {
        rendered(reports, withFileColumn: withFileColumn, columns: Self.curveColumns) { report in
            report.classes.flatMap { entry -> [[String]] in
                guard let curves = report.curves?[entry.label] else { return [] }
                return [("roc", curves.roc), ("pr", curves.pr)].flatMap { name, points in
                    points.enumerated().map { index, point in
                        [text(entry.label), name, "\(index + 1)", Self.number(point.x), Self.number(point.y), Self.number(point.threshold)]
                    }
                }
            }
        }
    }

    // MARK: Private

    /// The header, then for each report and each of its scopes (the whole file, then its
    /// slices) the rows `cells` gives, after the `file` and `group` cells.
    private func rendered(
        _ reports: [Report], withFileColumn: Bool, columns: [String], cells: (Report) -> [[String]]
    ) -> String {
        let withGroupColumn = reports.contains { $0.groups != nil }
        var lines = [Self.row((withFileColumn ? ["file"] : []) + (withGroupColumn ? ["group"] : []) + columns)]
        for report in reports {
            let file = withFileColumn ? [text(report.file)] : []
            var scopes: [(group: String, report: Report)] = [("", report)]
            scopes += (report.groups ?? []).map { ($0.group, $0.report) }
            for scope in scopes {
                let group = withGroupColumn ? [text(scope.group)] : []
                for row in cells(scope.report) { lines.append(Self.row(file + group + row)) }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A text cell: guarded against formulas, then escaped for a terminal if asked.
    private func text(_ cell: String) -> String {
        var shown = cell
        if guardsFormulas && Self.startsFormula(cell) { shown = "'" + cell }
        return escapesControlCharacters ? TerminalText.escaped(shown) : shown
    }

    /// Whether a spreadsheet would take `cell` for a formula: it begins with one of `= + - @`, a
    /// tab or a carriage return, and is not a number.
    ///
    /// - Parameter cell: a text cell.
    /// - Returns: true when the cell gets a leading `'`.
    public static func startsFormula(_ cell: String) -> Bool {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return Double(cell) == nil
    }

    private static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }

    /// One CSV record: a cell holding a comma, quote or line break is quoted, quotes doubled.
    private static func row(_ cells: [String]) -> String {
        cells.map { cell in
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            return "\"" + cell.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }.joined(separator: ",")
    }
}

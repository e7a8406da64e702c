/// Renders reports as CSV: one row per class with its counts and scores (full precision, an
/// empty cell where a score is undefined). Several files add a `file` column; slices a `group`
/// column, empty on the whole file's rows, which come first.
public enum CSVReportRenderer {
    /// The column headings after `file` and `group`.
    static let classColumns = ["label", "tp", "fp", "fn", "support", "predicted", "precision", "recall", "f1"]

    /// The reports as CSV ending in a newline; `withFileColumn` adds the `file` column.
    ///
    /// - Parameters:
    ///   - reports: the reports, in order.
    ///   - withFileColumn: whether each row starts with its report's file.
    /// - Returns: CSV text ending in a newline.
    public static func render(_ reports: [Report], withFileColumn: Bool) -> String {
        let withGroupColumn = reports.contains { $0.groups != nil }
        var lines = [row((withFileColumn ? ["file"] : []) + (withGroupColumn ? ["group"] : []) + classColumns)]
        for report in reports {
            let file = withFileColumn ? [report.file] : []
            var scopes: [(group: String, report: Report)] = [("", report)]
            scopes += (report.groups ?? []).map { ($0.group, $0.report) }
            for scope in scopes {
                let group = withGroupColumn ? [scope.group] : []
                for entry in scope.report.classes {
                    lines.append(row(file + group + [
                        entry.label, "\(entry.tp)", "\(entry.fp)", "\(entry.fn)", "\(entry.support)", "\(entry.predicted)",
                        number(entry.precision), number(entry.recall), number(entry.f1),
                    ]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
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

/// Renders a report as a table in the spirit of scikit-learn's `classification_report`, with
/// TP/FP/FN columns, the averages, accuracy and the row count; optionally the confusion matrix.
public struct TextReportRenderer: Sendable {
    /// Decimals shown for scores.
    public var digits: Int
    /// Whether to print the confusion matrix after the table (single-label).
    public var showsConfusionMatrix: Bool
    /// What ranks files in a leaderboard and marks the worst slice.
    public var rankBy: ReportMetric
    /// The most terminal columns a label or group value takes in a table (cut with `…`); nil
    /// shows them whole.
    public var maximumLabelWidth: Int?
    /// Whether the table also shows tn, specificity, npv and jaccard per class, and the report's
    /// statistics follow it (`--all-stats`).
    public var showsAllStatistics = false
    /// How the confusion matrix shows shares instead of counts (`--normalize`); nil for counts.
    public var normalization: MatrixNormalization?

    /// The default `maximumLabelWidth`.
    public static let defaultMaximumLabelWidth = 60

    /// A renderer showing `digits` decimals.
    ///
    /// - Parameters:
    ///   - digits: decimals shown for scores.
    ///   - showsConfusionMatrix: whether the confusion matrix follows the table.
    ///   - rankBy: what ranks files and marks the worst slice.
    ///   - maximumLabelWidth: the most columns a label takes in a table; nil for no limit.
    public init(
        digits: Int = 4, showsConfusionMatrix: Bool = false, rankBy: ReportMetric = .average(.macro, .f1),
        maximumLabelWidth: Int? = defaultMaximumLabelWidth
    ) {
        self.digits = digits
        self.showsConfusionMatrix = showsConfusionMatrix
        self.rankBy = rankBy
        self.maximumLabelWidth = maximumLabelWidth
    }

    /// The report as text ending in a newline.
    ///
    /// - Parameter report: the report.
    /// - Returns: the text, ending in a newline.
    public func render(_ report: Report) -> String {
        var lines: [String] = [headline(report), ""]
        lines += scoreTable(report)
        if showsConfusionMatrix {
            lines.append("")
            lines += confusionMatrix(report)
        }
        if let audit = report.audit {
            lines += ["", Self.auditLine(audit)]
        }
        if let groups = report.groups {
            lines += ["", "slices: \(groups.count)"]
            lines += TextTable(summaryTables.slices(groups)).lines()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several files: the leaderboard, then (with `details`) each file's report, in the order given.
    ///
    /// - Parameters:
    ///   - reports: the files' reports, in the order given.
    ///   - details: whether each full report follows the leaderboard.
    /// - Returns: the text, ending in a newline.
    /// - Throws: `MetricUnavailable` when a report lacks the ranking metric.
    public func render(_ reports: [Report], details: Bool) throws(MetricUnavailable) -> String {
        var text = "leaderboard: \(reports.count) files, best \(rankBy) first\n"
        text += TextTable(try summaryTables.leaderboard(reports)).lines().joined(separator: "\n") + "\n"
        if details {
            for report in reports { text += "\n" + render(report) }
        }
        return text
    }

    /// A comparison of candidates with a baseline: its headline, then one line per candidate.
    ///
    /// - Parameter report: the comparison.
    /// - Returns: the text, ending in a newline.
    public func render(_ report: ComparisonReport) -> String {
        SummaryTables.comparisonHeadline(report) + "\n"
            + TextTable(summaryTables.comparison(report)).lines().joined(separator: "\n") + "\n"
    }

    /// The audit of a join by id in one line.
    static func auditLine(_ audit: JoinAudit) -> String {
        func listed(_ count: Int, _ ids: [String]) -> String {
            guard count > 0 else { return "" }
            let more = count > ids.count ? ", ..." : ""
            return " (\(ids.map(TerminalText.quoted).joined(separator: ", "))\(more))"
        }
        return "ids: \(audit.matched) matched, \(audit.missing) missing\(listed(audit.missing, audit.missingIDs)), "
            + "\(audit.extra) extra\(listed(audit.extra, audit.extraIDs))"
    }

    // MARK: Private

    private func headline(_ report: Report) -> String {
        let rows =
            report.skippedRows == 0
            ? "\(report.rows) rows"
            : "\(report.rows + report.skippedRows) rows read: \(report.rows) scored, \(report.skippedRows) skipped"
        let labelCount = "\(report.labels.count) label\(report.labels.count == 1 ? "" : "s")"
        let missing =
            report.missingPredictions == 0
            ? "" : ", \(report.missingPredictions) missing prediction\(report.missingPredictions == 1 ? "" : "s")"
        let delimiter = report.dialect.map { $0.delimiter == "," ? "" : ", delimiter '\(TerminalText.quoted($0.delimiter))'" } ?? ""
        return "\(TerminalText.escaped(report.file)): \(report.mode.rawValue), \(rows)\(missing), \(labelCount)\(delimiter)"
    }

    private func scoreTable(_ report: Report) -> [String] {
        let fbetaColumn = report.beta.map { [SummaryTables.fbetaName($0)] } ?? []
        let statisticsColumns = showsAllStatistics ? ["tn", "specificity", "npv", "jaccard"] : []
        // With --ci: the interval of the figure in the f1-score column (every interval is in
        // the JSON).
        let intervalColumn = report.bootstrap.map { ["\(SummaryTables.levelName($0.level)) ci"] } ?? []
        var table = TextTable(
            header: ["", "precision", "recall", "f1-score"] + fbetaColumn + ["support", "tp", "fp", "fn"] + statisticsColumns
                + intervalColumn)
        for entry in report.classes {
            table.addRow(
                [label(entry.label), score(entry.precision), score(entry.recall), score(entry.f1)]
                    + (report.beta == nil ? [] : [score(entry.fbeta)])
                    + ["\(entry.support)", "\(entry.tp)", "\(entry.fp)", "\(entry.fn)"]
                    + (showsAllStatistics
                        ? ["\(entry.tn)", score(entry.specificity), score(entry.npv), score(entry.jaccard)] : [])
                    + (intervalColumn.isEmpty ? [] : [interval(entry.ci?["f1"])]))
        }
        table.addSeparator()
        let micro = report.classes.reduce(into: (tp: 0, fp: 0, fn: 0)) { total, entry in
            total.tp += entry.tp
            total.fp += entry.fp
            total.fn += entry.fn
        }
        let averages = report.averages
        // The columns between an average's support and its interval.
        let countBlanks = Array(repeating: "", count: 3 + statisticsColumns.count)
        func withInterval(_ row: [String], _ ci: [String: Interval?]?, filling blanks: Int) -> [String] {
            intervalColumn.isEmpty ? row : row + Array(repeating: "", count: blanks) + [interval(ci?["f1"])]
        }
        table.addRow(
            withInterval(
                averageRow("micro avg", averages.micro, report) + ["\(micro.tp)", "\(micro.fp)", "\(micro.fn)"],
                averages.micro.ci, filling: statisticsColumns.count))
        table.addRow(withInterval(averageRow("macro avg", averages.macro, report), averages.macro.ci, filling: countBlanks.count))
        table.addRow(
            withInterval(averageRow("weighted avg", averages.weighted, report), averages.weighted.ci, filling: countBlanks.count))
        if let samples = averages.samples {
            table.addRow(withInterval(averageRow("samples avg", samples, report), samples.ci, filling: countBlanks.count))
        }
        if let binary = averages.binary {
            table.addRow(withInterval(averageRow("binary", binary, report), binary.ci, filling: countBlanks.count))
        }
        table.addSeparator()
        let accuracyName = report.mode == .singleLabel ? "accuracy" : "subset accuracy"
        let beforeSupport = report.beta == nil ? [] : [""]
        let accuracyRow = [accuracyName, "", "", score(report.accuracy)] + beforeSupport + ["\(report.rows)"]
        table.addRow(
            intervalColumn.isEmpty ? accuracyRow : accuracyRow + countBlanks + [interval(report.accuracyCI ?? nil)])
        for figure in SummaryTables.scoreFigures(report) {
            let row = [figure.name, "", "", score(figure.value)] + beforeSupport + ["\(report.rows)"]
            table.addRow(intervalColumn.isEmpty ? row : row + countBlanks + [interval(figure.interval)])
        }
        if showsAllStatistics {
            for figure in SummaryTables.statisticsFigures(report) {
                let row = [figure.name, "", "", score(figure.value)] + beforeSupport + ["\(report.rows)"]
                table.addRow(intervalColumn.isEmpty ? row : row + countBlanks + [interval(figure.interval)])
            }
        }
        let rankingLines = summaryTables.rankingLines(report)
        return table.lines() + (SummaryTables.thresholdLine(report).map { ["", $0] } ?? []) + (rankingLines.isEmpty ? [] : [""] + rankingLines)
    }

    private func averageRow(_ name: String, _ average: AverageReport, _ report: Report) -> [String] {
        [name, score(average.precision), score(average.recall), score(average.f1)]
            + (report.beta == nil ? [] : [score(average.fbeta)]) + ["\(average.support)"]
    }

    private func confusionMatrix(_ report: Report) -> [String] {
        guard report.mode == .singleLabel else {
            return ["(no confusion matrix for multi-label files: see the tp, fp and fn columns)"]
        }
        guard let matrix = report.confusionMatrix else {
            return ["(no confusion matrix: it is kept for at most \(SingleLabelCounts.pairLimit) labels)"]
        }
        var table = TextTable(header: ["actual \\ predicted"] + report.labels.map(label))
        let cells: [[String]] = normalization.map { $0.normalized(matrix).map { $0.map(score) } } ?? matrix.map { $0.map(String.init) }
        for (label, row) in zip(report.labels, cells) {
            table.addRow([self.label(label)] + row)
        }
        let shares: String
        switch normalization {
        case nil: shares = ""
        case .actual?: shares = ", shares of each actual row"
        case .predicted?: shares = ", shares of each predicted column"
        case .all?: shares = ", shares of all rows"
        }
        return ["confusion matrix (rows: actual, columns: predicted\(shares))"] + table.lines()
    }

    private func score(_ value: Double?) -> String { summaryTables.score(value) }

    private func interval(_ interval: Interval??) -> String { summaryTables.interval(interval) }

    private var summaryTables: SummaryTables {
        SummaryTables(digits: digits, rankBy: rankBy, maximumLabelWidth: maximumLabelWidth)
    }

    /// A label as a table cell shows it.
    private func label(_ label: String) -> String {
        TerminalText.cell(label, maximumWidth: maximumLabelWidth)
    }
}

/// Renders reports as GitHub-flavoured Markdown: a headline, a table of the per-class rows and
/// the averages, the audit and the slices; several files as a leaderboard table.
public struct MarkdownReportRenderer: Sendable {
    /// Decimals shown for scores.
    public var digits: Int
    /// What ranks files in a leaderboard and marks the worst slice.
    public var rankBy: ReportMetric
    /// Whether the table also shows tn, specificity, npv and jaccard per class, and the report's
    /// statistics (`--all-stats`).
    public var showsAllStatistics = false

    /// A renderer showing `digits` decimals.
    ///
    /// - Parameters:
    ///   - digits: decimals shown for scores.
    ///   - rankBy: what ranks files and marks the worst slice.
    public init(digits: Int = 4, rankBy: ReportMetric = .average(.macro, .f1)) {
        self.digits = digits
        self.rankBy = rankBy
    }

    /// One report as Markdown ending in a newline.
    ///
    /// - Parameter report: the report.
    /// - Returns: the text, ending in a newline.
    public func render(_ report: Report) -> String {
        var lines = ["**\(Self.escaped(report.file))**: \(report.mode.rawValue), \(report.rows) rows"
            + (report.skippedRows > 0 ? " scored, \(report.skippedRows) skipped" : "") + ", \(report.labels.count) labels", ""]
        let withFbeta = report.beta != nil
        let statisticsColumns = showsAllStatistics ? ["tn", "specificity", "npv", "jaccard"] : []
        let blanks = Array(repeating: "", count: 3 + statisticsColumns.count)
        // With --ci: the interval of each row's f1-score figure.
        let intervalColumn = report.bootstrap.map { ["\(SummaryTables.levelName($0.level)) ci"] } ?? []
        func withInterval(_ row: [String], _ interval: Interval??) -> [String] {
            intervalColumn.isEmpty ? row : row + [summaryTables.interval(interval)]
        }
        var rows: [[String]] = report.classes.map { entry in
            withInterval(
                [Self.escaped(entry.label), score(entry.precision), score(entry.recall), score(entry.f1)]
                    + (withFbeta ? [score(entry.fbeta)] : [])
                    + ["\(entry.support)", "\(entry.tp)", "\(entry.fp)", "\(entry.fn)"]
                    + (showsAllStatistics ? ["\(entry.tn)", score(entry.specificity), score(entry.npv), score(entry.jaccard)] : []),
                entry.ci?["f1"])
        }
        let averages: [(String, AverageReport?)] = [
            ("micro avg", report.averages.micro), ("macro avg", report.averages.macro),
            ("weighted avg", report.averages.weighted), ("samples avg", report.averages.samples),
            ("binary", report.averages.binary),
        ]
        for case let (name, average?) in averages {
            rows.append(
                withInterval(
                    ["**\(name)**", score(average.precision), score(average.recall), score(average.f1)]
                        + (withFbeta ? [score(average.fbeta)] : []) + ["\(average.support)"] + blanks,
                    average.ci?["f1"]))
        }
        let accuracyName = report.mode == .singleLabel ? "accuracy" : "subset accuracy"
        var figures: [(name: String, value: Double?, interval: Interval?)] =
            [(accuracyName, report.accuracy, report.accuracyCI ?? nil)] + SummaryTables.scoreFigures(report)
        if showsAllStatistics { figures += SummaryTables.statisticsFigures(report) }
        for figure in figures {
            rows.append(
                withInterval(
                    ["**\(figure.name)**", "", "", score(figure.value)] + (withFbeta ? [""] : []) + ["\(report.rows)"] + blanks,
                    figure.interval))
        }
        lines += Self.table(SummaryTables.Table(
            header: ["label", "precision", "recall", "f1-score"] + (withFbeta ? [SummaryTables.fbetaName(report.beta!)] : [])
                + ["support", "tp", "fp", "fn"] + statisticsColumns + intervalColumn,
            rows: rows))
        if let thresholds = SummaryTables.thresholdLine(report) { lines += ["", Self.escaped(thresholds)] }
        for line in summaryTables.rankingLines(report) { lines += ["", Self.escaped(line)] }
        if let audit = report.audit {
            lines += ["", Self.escaped(TextReportRenderer.auditLine(audit))]
        }
        if let groups = report.groups {
            lines += ["", "Slices: \(groups.count)", ""]
            lines += Self.table(summaryTables.slices(groups), escaping: true)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Several files: the leaderboard table, then (with `details`) each file's report.
    ///
    /// - Parameters:
    ///   - reports: the files' reports, in the order given.
    ///   - details: whether each full report follows the leaderboard.
    /// - Returns: the text, ending in a newline.
    /// - Throws: `MetricUnavailable` when a report lacks the ranking metric.
    public func render(_ reports: [Report], details: Bool) throws(MetricUnavailable) -> String {
        var text = "Leaderboard: \(reports.count) files, best \(rankBy) first\n\n"
        text += Self.table(try summaryTables.leaderboard(reports), escaping: true).joined(separator: "\n") + "\n"
        if details {
            for report in reports { text += "\n" + render(report) }
        }
        return text
    }

    /// A comparison of candidates with a baseline: its headline, then a table of one row per
    /// candidate.
    ///
    /// - Parameter report: the comparison.
    /// - Returns: the text, ending in a newline.
    public func render(_ report: ComparisonReport) -> String {
        Self.escaped(SummaryTables.comparisonHeadline(report)) + "\n\n"
            + Self.table(summaryTables.comparison(report), escaping: true).joined(separator: "\n") + "\n"
    }

    // MARK: Private

    private var summaryTables: SummaryTables { SummaryTables(digits: digits, rankBy: rankBy) }

    private func score(_ value: Double?) -> String { summaryTables.score(value) }

    /// A Markdown table: text columns left-aligned, the others right-aligned.
    private static func table(_ table: SummaryTables.Table, escaping: Bool = false) -> [String] {
        let line = { (cells: [String]) in "| " + cells.map { escaping ? escaped($0) : $0 }.joined(separator: " | ") + " |" }
        let rule = "|" + table.header.indices.map { $0 < table.textColumns ? ":---|" : "---:|" }.joined()
        return [line(table.header), rule] + table.rows.map(line)
    }

    /// A cell's text that cannot break the table or start Markdown markup: pipes, backslashes and
    /// markup characters escaped, line breaks and other control characters shown escaped.
    static func escaped(_ text: String) -> String {
        var shown = ""
        for character in TerminalText.escaped(text) {
            if "\\|*_`<>[]#".contains(character) { shown.append("\\") }
            shown.append(character)
        }
        return shown
    }
}

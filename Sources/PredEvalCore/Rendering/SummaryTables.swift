/// The tables that summarize several reports in one line each, for the text and Markdown
/// renderers alike: the leaderboard of several files and the slices of one file.
public struct SummaryTables: Sendable {
    /// Decimals shown for scores.
    public var digits: Int
    /// What ranks files, and what marks the worst slice.
    public var rankBy: ReportMetric
    /// The most terminal columns a group value takes (cut with `…`); nil shows it whole.
    public var maximumLabelWidth: Int?

    /// Tables showing `digits` decimals, ranked by `rankBy`.
    ///
    /// - Parameters:
    ///   - digits: decimals shown for scores.
    ///   - rankBy: what ranks files and marks the worst slice.
    ///   - maximumLabelWidth: the most columns a group value takes; nil for no limit.
    public init(digits: Int = 4, rankBy: ReportMetric = .average(.macro, .f1), maximumLabelWidth: Int? = nil) {
        self.digits = digits
        self.rankBy = rankBy
        self.maximumLabelWidth = maximumLabelWidth
    }

    /// A table: column headings and rows of cells.
    public struct Table: Sendable, Equatable {
        /// Column headings.
        public var header: [String]
        /// Rows of cells, as many as headings.
        public var rows: [[String]]
        /// How many leading columns hold text (left-aligned); the others hold numbers.
        public var textColumns = 1
    }

    /// The files ranked best first by `rankBy` (undefined values last, ties in the order given):
    /// rank, file, rows, accuracy, micro precision, recall and F1, macro and weighted F1, samples
    /// F1 when a report is multi-label, binary F1, top-k accuracy and log loss when a report has
    /// them, and the ranking metric when it is none of these.
    ///
    /// - Parameter reports: the files' reports.
    /// - Returns: one row per file, best first.
    /// - Throws: `MetricUnavailable` when a report lacks the ranking metric.
    public func leaderboard(_ reports: [Report]) throws(MetricUnavailable) -> Table {
        let order = try ranking(reports)
        let columns = summaryColumns(for: reports)
        let rows = order.enumerated().map { rank, entry in
            ["\(rank + 1)", TerminalText.escaped(reports[entry.index].file)] + cells(reports[entry.index], columns)
        }
        return Table(header: ["rank", "file"] + columns.map(\.description), rows: rows, textColumns: 2)
    }

    /// The reports best first by `rankBy` (undefined values last, ties in the order given): each
    /// one's value and index in `reports`.
    ///
    /// - Parameter reports: the files' reports.
    /// - Returns: one entry per report, best first.
    /// - Throws: `MetricUnavailable` when a report lacks the ranking metric.
    public func ranking(_ reports: [Report]) throws(MetricUnavailable) -> [(value: Double?, index: Int)] {
        var keyed: [(value: Double?, index: Int)] = []
        for (index, report) in reports.enumerated() { keyed.append((try rankBy.value(in: report), index)) }
        return keyed.sorted { left, right in
            switch (left.value, right.value) {
            case let (l?, r?): return l != r ? (rankBy.lowerIsBetter ? l < r : l > r) : left.index < right.index
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.index < right.index
            }
        }
    }

    /// One line per slice, in the report's order, the worst by `rankBy` marked `<- worst`.
    ///
    /// - Parameter groups: the slices' reports.
    /// - Returns: one row per slice.
    public func slices(_ groups: [GroupReport]) -> Table {
        let reports = groups.map(\.report)
        let columns = summaryColumns(for: reports)
        let values = reports.map { try? rankBy.value(in: $0) }
        let worst = values.indices.filter { values[$0] != nil }.min {
            rankBy.lowerIsBetter ? values[$0]! > values[$1]! : values[$0]! < values[$1]!
        }
        let rows = groups.enumerated().map { index, group in
            [TerminalText.cell(group.group, maximumWidth: maximumLabelWidth)] + cells(group.report, columns)
                + [index == worst && groups.count > 1 ? "<- worst \(rankBy)" : ""]
        }
        return Table(header: ["group"] + columns.map(\.description) + [""], rows: rows)
    }

    /// One line per candidate of a comparison, in order: the candidate's file, rows paired, the
    /// baseline's and the candidate's value, their difference and its interval, McNemar's b, c
    /// and p-value, and the verdict: `better` or `worse` where the interval leaves 0 out.
    ///
    /// - Parameter report: the comparison.
    /// - Returns: one row per candidate.
    public func comparison(_ report: ComparisonReport) -> Table {
        let rows = report.comparisons.map { comparison in
            [
                TerminalText.escaped(comparison.candidate), "\(comparison.pairedRows)", score(comparison.baselineValue),
                score(comparison.candidateValue), comparison.difference.map(signed) ?? "nan",
                comparison.differenceCI.map { "[\(signed($0.low)), \(signed($0.high))]" } ?? "-",
                "\(comparison.mcnemar.b)", "\(comparison.mcnemar.c)", pValue(comparison.mcnemar.pValue),
                Self.verdict(comparison),
            ]
        }
        let level = SummaryTables.levelName(report.bootstrap.level)
        return Table(
            header: ["file", "rows", "baseline", "candidate", "difference", "\(level) ci", "b", "c", "p-value", ""],
            rows: rows)
    }

    /// The line above a comparison's table: the baseline, the metric, and how intervals were drawn.
    ///
    /// - Parameter report: the comparison.
    /// - Returns: the line (file names escaped).
    public static func comparisonHeadline(_ report: ComparisonReport) -> String {
        let bootstrap = report.bootstrap
        let baseline = report.comparisons.first.map { TerminalText.escaped($0.baseline) } ?? "-"
        let metric = report.comparisons.first?.metric ?? "-"
        return "baseline: \(baseline); \(metric), difference = candidate - baseline; \(levelName(bootstrap.level)) paired "
            + "bootstrap interval (\(bootstrap.replicates) replicates, seed \(bootstrap.seed), rows keyed by "
            + "\(bootstrap.key == .id ? "id" : "the baseline's offsets")); b, c, p-value: McNemar's exact test"
    }

    /// `better` or `worse` where the difference's interval leaves 0 out, else empty.
    private static func verdict(_ comparison: ModelComparison) -> String {
        guard let interval = comparison.differenceCI else { return "" }
        if comparison.isWorse { return "worse" }
        let isBetter = comparison.lowerIsBetter ? interval.high < 0 : interval.low > 0
        return isBetter ? "better" : ""
    }

    /// A difference with its sign.
    private func signed(_ value: Double) -> String {
        (value < 0 ? "" : "+") + FixedPointText.format(value, digits: digits)
    }

    /// A p-value at `digits` decimals, or `<` the least it can show.
    private func pValue(_ value: Double) -> String {
        var least = 1.0
        for _ in 0..<digits { least /= 10 }
        guard value < least / 2 else { return FixedPointText.format(value, digits: digits) }
        return "<" + FixedPointText.format(least, digits: digits)
    }

    /// The figures a report has from score columns, named as tables show them: top-k accuracy
    /// and log loss, where the report has them.
    ///
    /// - Parameter report: a report.
    /// - Returns: name, value (nil where undefined) and, with `--ci`, interval of each.
    public static func scoreFigures(_ report: Report) -> [(name: String, value: Double?, interval: Interval?)] {
        var figures: [(name: String, value: Double?, interval: Interval?)] = []
        if let topK = report.topKAccuracy { figures.append(("top-\(topK.k) accuracy", topK.value, topK.ci?["value"] ?? nil)) }
        if let logLoss = report.logLoss { figures.append(("log loss", logLoss, report.logLossCI ?? nil)) }
        return figures
    }

    /// The statistics of a report as `--all-stats` lists them: balanced accuracy, MCC and Cohen's
    /// kappa (single-label); Hamming loss and the Jaccard averages (multi-label).
    ///
    /// - Parameter report: a report.
    /// - Returns: each statistic's name, value (nil where undefined) and, with `--ci`, interval, in order.
    public static func statisticsFigures(_ report: Report) -> [(name: String, value: Double?, interval: Interval?)] {
        guard let statistics = report.statistics else { return [] }
        let ci = statistics.ci ?? [:]
        if let jaccard = statistics.jaccard {
            let jaccardCI = jaccard.ci ?? [:]
            return [
                ("hamming loss", statistics.hammingLoss, ci["hamming_loss"] ?? nil),
                ("jaccard micro", jaccard.micro, jaccardCI["micro"] ?? nil), ("jaccard macro", jaccard.macro, jaccardCI["macro"] ?? nil),
                ("jaccard weighted", jaccard.weighted, jaccardCI["weighted"] ?? nil),
                ("jaccard samples", jaccard.samples, jaccardCI["samples"] ?? nil),
            ]
        }
        return [
            ("balanced accuracy", statistics.balancedAccuracy, ci["balanced_accuracy"] ?? nil),
            ("mcc", statistics.mcc, ci["mcc"] ?? nil), ("cohen's kappa", statistics.cohenKappa, ci["cohen_kappa"] ?? nil),
        ]
    }

    /// A bootstrap level as a percentage: `95%`, `99.9%`.
    ///
    /// - Parameter level: the level, in (0, 1).
    /// - Returns: its name.
    public static func levelName(_ level: Double) -> String {
        let percent = (level * 100 * 1e6).rounded() / 1e6
        return (percent == percent.rounded() ? String(Int(percent)) : "\(percent)") + "%"
    }

    /// The name of the F-beta column: `f2-score`, `f0.5-score`.
    ///
    /// - Parameter beta: the β.
    /// - Returns: the column's name.
    public static func fbetaName(_ beta: Double) -> String {
        let shown = beta == beta.rounded() && abs(beta) < 1e15 ? String(Int(beta)) : "\(beta)"
        return "f\(shown)-score"
    }

    /// What the scores say beyond the decision, in at most two lines: ROC-AUC and average
    /// precision (the positive label's, or their averages; with `--ci`, each value's interval
    /// after it), then calibration.
    ///
    /// - Parameter report: a report.
    /// - Returns: the lines; none without score columns.
    public func rankingLines(_ report: Report) -> [String] {
        var lines: [String] = []
        switch report.ranking {
        case nil:
            break
        case .binary(let rocAUC, let averagePrecision, let ci)?:
            lines.append(
                "ranking: roc-auc \(score(rocAUC, ci, "roc_auc")), average precision \(score(averagePrecision, ci, "average_precision"))")
        case .averaged(let rocAUC, let averagePrecision)?:
            func averages(_ figure: RankingAverages) -> String {
                var shown = [
                    "macro \(score(figure.macro, figure.ci, "macro"))", "weighted \(score(figure.weighted, figure.ci, "weighted"))",
                    "micro \(score(figure.micro, figure.ci, "micro"))",
                ]
                if let samples = figure.samples { shown.append("samples \(score(samples, figure.ci, "samples"))") }
                return shown.joined(separator: ", ")
            }
            lines.append("ranking: roc-auc \(averages(rocAUC)); average precision \(averages(averagePrecision))")
        }
        switch report.calibration {
        case nil:
            break
        case .some(nil):
            lines.append("calibration: undefined (see the warnings)")
        case .some(let calibration?):
            lines.append("calibration: brier \(score(calibration.brier)), ece \(score(calibration.ece)) (\(calibration.bins.count) bins)")
        }
        return lines
    }

    /// A score and, when `intervals` holds one named `name`, its interval after it.
    private func score(_ value: Double?, _ intervals: [String: Interval?]?, _ name: String) -> String {
        guard let intervals, let interval = intervals[name] else { return score(value) }
        return "\(score(value)) \(self.interval(interval))"
    }

    /// The thresholds scores were cut at, in one line, or nil when none were.
    ///
    /// - Parameter report: a report.
    /// - Returns: `thresholds: a ≥ 0.3, b ≥ 0.7` (labels escaped), or nil.
    public static func thresholdLine(_ report: Report) -> String? {
        guard let thresholds = report.thresholds, !thresholds.isEmpty else { return nil }
        let listed = thresholds.prefix(20).map { "\(TerminalText.quoted($0.label)) >= \($0.threshold)" }
        return "thresholds: " + listed.joined(separator: ", ") + (thresholds.count > 20 ? ", ..." : "")
    }

    /// An interval as `[low, high]` at `digits` decimals; `-` where none was drawn or none is
    /// defined.
    ///
    /// - Parameter interval: an interval, nil (or nil inside) where there is none.
    /// - Returns: its text.
    public func interval(_ interval: Interval??) -> String {
        guard let interval = interval ?? nil else { return "-" }
        return "[\(score(interval.low)), \(score(interval.high))]"
    }

    /// A score as text: `digits` decimals, `nan` where undefined.
    ///
    /// - Parameter value: a score, nil where undefined.
    /// - Returns: its text.
    public func score(_ value: Double?) -> String {
        guard let value else { return "nan" }
        return FixedPointText.format(value, digits: digits)
    }

    // MARK: Private

    private func summaryColumns(for reports: [Report]) -> [SummaryColumn] {
        var metrics: [ReportMetric] = [
            .accuracy, .average(.micro, .precision), .average(.micro, .recall), .average(.micro, .f1),
            .average(.macro, .f1), .average(.weighted, .f1),
        ]
        if reports.contains(where: { $0.mode == .multiLabel }) { metrics.append(.average(.samples, .f1)) }
        if reports.contains(where: { $0.averages.binary != nil }) { metrics.append(.average(.binary, .f1)) }
        if reports.contains(where: { $0.topKAccuracy != nil }) { metrics.append(.topKAccuracy) }
        if reports.contains(where: { $0.logLoss != nil }) { metrics.append(.logLoss) }
        if reports.contains(where: { $0.ranking != nil }) { metrics.append(.ranking(.rocAUC, nil)) }
        if !metrics.contains(rankBy) { metrics.append(rankBy) }
        return [.rows] + metrics.map(SummaryColumn.metric)
    }

    private func cells(_ report: Report, _ columns: [SummaryColumn]) -> [String] {
        columns.map { column in
            switch column {
            case .rows: return "\(report.rows)"
            case .metric(let metric):
                do { return score(try metric.value(in: report)) } catch { return "-" }
            }
        }
    }
}

/// A column of a summary table.
private enum SummaryColumn: CustomStringConvertible {
    case rows
    case metric(ReportMetric)

    var description: String {
        switch self {
        case .rows: return "rows"
        case .metric(let metric): return metric.description
        }
    }
}

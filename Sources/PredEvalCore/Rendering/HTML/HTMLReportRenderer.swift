/// Renders reports as one self-contained HTML page (no network, no external fonts or scripts):
/// the headline, the overall figures, the confusion matrix as an SVG heatmap (single-label) or
/// per-label counts and the rows' overlap (multi-label), the per-class table with inline bars,
/// slices, ranking curves and the reliability diagram; several files as a leaderboard; a
/// comparison as differences with their intervals. Every label is HTML-escaped.
public struct HTMLReportRenderer: Sendable {
    /// Decimals shown for scores.
    public var digits: Int
    /// What ranks files in a leaderboard and marks the worst slice.
    public var rankBy: ReportMetric
    /// What the heatmap's shares are of; nil is the recall view (each actual row).
    public var normalization: MatrixNormalization?
    /// How many classes' ROC and precision-recall curves are drawn (the rest are in the table).
    public static let drawnCurveLimit = 20
    /// Up to how many labels the multi-label count bars are drawn (the table lists them all).
    public static let drawnLabelLimit = 100

    /// A renderer showing `digits` decimals.
    ///
    /// - Parameters:
    ///   - digits: decimals shown for scores.
    ///   - rankBy: what ranks files and marks the worst slice.
    ///   - normalization: what the heatmap's shares are of (`--normalize`); nil for each row.
    public init(digits: Int = 4, rankBy: ReportMetric = .average(.macro, .f1), normalization: MatrixNormalization? = nil) {
        self.digits = digits
        self.rankBy = rankBy
        self.normalization = normalization
    }

    /// One report as a page.
    ///
    /// - Parameter report: the report.
    /// - Returns: the HTML document.
    public func render(_ report: Report) -> String {
        HTMLPage.document(title: "predeval: \(report.file)", body: body(of: report, heading: "h1") + footer)
    }

    /// Several files: the leaderboard (a chart and a table), then (with `details`) each file's
    /// report.
    ///
    /// - Parameters:
    ///   - reports: the files' reports, in the order given.
    ///   - details: whether each full report follows the leaderboard.
    /// - Returns: the HTML document.
    /// - Throws: `MetricUnavailable` when a report lacks the ranking metric.
    public func render(_ reports: [Report], details: Bool) throws(MetricUnavailable) -> String {
        let table = try summaryTables.leaderboard(reports)
        var body = "<h1>Leaderboard: \(reports.count) files, best \(HTMLText.escaped(rankBy.description)) first</h1>\n"
        let ranked = try summaryTables.ranking(reports).map { SVGCharts.Bar(label: reports[$0.index].file, value: $0.value) }
        body += "<div class=\"scroll\">\(SVGCharts.bars(ranked, digits: digits))</div>\n"
        body += tableMarkup(table, sortable: true)
        if details {
            for report in reports { body += "<section class=\"file\">\n" + self.body(of: report, heading: "h2") + "</section>\n" }
        }
        return HTMLPage.document(title: "predeval: leaderboard of \(reports.count) files", body: body + footer)
    }

    /// A comparison of candidates with a baseline: its headline, the differences with their
    /// intervals as a chart, and the table.
    ///
    /// - Parameter report: the comparison.
    /// - Returns: the HTML document.
    public func render(_ report: ComparisonReport) -> String {
        let metric = report.comparisons.first?.metric ?? "-"
        var body = "<h1>Comparison: \(HTMLText.escaped(metric))</h1>\n"
        body += "<p>\(HTMLText.escaped(SummaryTables.comparisonHeadline(report)))</p>\n"
        let items = report.comparisons.map { (name: $0.candidate, difference: $0.difference, interval: $0.differenceCI) }
        body += "<div class=\"scroll\">\(SVGCharts.differences(items, digits: digits))</div>\n"
        body += tableMarkup(summaryTables.comparison(report), sortable: true)
        return HTMLPage.document(title: "predeval: comparison of \(report.comparisons.count + 1) files", body: body + footer)
    }

    // MARK: Private

    private var summaryTables: SummaryTables { SummaryTables(digits: digits, rankBy: rankBy) }

    private func score(_ value: Double?) -> String { summaryTables.score(value) }

    private var footer: String { "<footer>Written by predeval. Scores as scikit-learn computes them.</footer>\n" }

    /// The sections of one report; `heading` is its title's element (`h1` alone, `h2` in a
    /// leaderboard), the sections' headings one level below.
    private func body(of report: Report, heading: String) -> String {
        let sub = heading == "h1" ? "h2" : "h3"
        var html = "<\(heading)>\(HTMLText.escaped(report.file))</\(heading)>\n" + headline(report)
        html += "<\(sub)>Overall</\(sub)>\n" + overall(report)
        if report.mode == .singleLabel {
            html += "<\(sub)>Confusion matrix</\(sub)>\n" + confusion(report)
        } else {
            html += "<\(sub)>Per-label counts</\(sub)>\n" + multiLabelCounts(report)
        }
        html += "<\(sub)>Per class</\(sub)>\n" + classTable(report)
        if report.curves != nil || report.ranking != nil { html += "<\(sub)>Ranking</\(sub)>\n" + ranking(report) }
        if case let calibration?? = report.calibration, !calibration.bins.isEmpty {
            html += "<\(sub)>Calibration</\(sub)>\n" + reliability(calibration)
        }
        if let groups = report.groups { html += "<\(sub)>Slices: \(groups.count)</\(sub)>\n" + slices(groups) }
        return html
    }

    private func headline(_ report: Report) -> String {
        var facts: [(String, String)] = [
            ("mode", report.mode.rawValue), ("rows read", "\(report.rows + report.skippedRows)"), ("rows scored", "\(report.rows)"),
            ("rows skipped", "\(report.skippedRows)"),
        ]
        if report.missingPredictions > 0 { facts.append(("missing predictions", "\(report.missingPredictions)")) }
        facts.append(("labels", "\(report.labels.count)"))
        if let dialect = report.dialect { facts.append(("delimiter", HTMLText.escaped(dialect.delimiter))) }
        if let bootstrap = report.bootstrap {
            facts.append(
                ("intervals", "\(SummaryTables.levelName(bootstrap.level)) bootstrap, \(bootstrap.replicates) replicates, seed \(bootstrap.seed)"))
        }
        if let thresholds = SummaryTables.thresholdLine(report) { facts.append(("thresholds", HTMLText.escaped(thresholds))) }
        if let audit = report.audit {
            var shown = "\(audit.matched) matched, \(audit.missing) missing, \(audit.extra) extra"
            if !audit.missingIDs.isEmpty { shown += "; missing ids: " + audit.missingIDs.map(HTMLText.escaped).joined(separator: ", ") }
            if !audit.extraIDs.isEmpty { shown += "; extra ids: " + audit.extraIDs.map(HTMLText.escaped).joined(separator: ", ") }
            if audit.truthSkippedRows > 0 { shown += "; \(audit.truthSkippedRows) truth rows skipped" }
            facts.append(("truth join", shown))
        }
        var html = "<dl class=\"facts\">" + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>\n"
        if !report.warnings.isEmpty {
            html += "<p>Warnings: \(report.warnings.count)</p><ul class=\"warnings\">"
                + report.warnings.map { "<li>\(HTMLText.escaped($0))</li>" }.joined() + "</ul>\n"
        }
        return html
    }

    private func overall(_ report: Report) -> String {
        let withCI = report.bootstrap != nil
        var rows: [[String]] = []
        let averages: [(String, AverageReport?)] = [
            ("micro avg", report.averages.micro), ("macro avg", report.averages.macro), ("weighted avg", report.averages.weighted),
            ("samples avg", report.averages.samples), ("binary", report.averages.binary),
        ]
        let withFbeta = report.beta != nil
        for case let (name, average?) in averages {
            var row = [name, score(average.precision), score(average.recall), score(average.f1)]
            if withFbeta { row.append(score(average.fbeta)) }
            row.append("\(average.support)")
            if withCI { row.append(summaryTables.interval(average.ci?["f1"])) }
            rows.append(row)
        }
        var header = ["average", "precision", "recall", "f1-score"]
        if withFbeta { header.append(SummaryTables.fbetaName(report.beta!)) }
        header.append("support")
        if withCI { header.append("f1 \(SummaryTables.levelName(report.bootstrap!.level)) ci") }
        var html = tableMarkup(SummaryTables.Table(header: header, rows: rows), sortable: false)
        let accuracyName = report.mode == .singleLabel ? "accuracy" : "subset accuracy"
        let figures = [(accuracyName, report.accuracy, report.accuracyCI ?? nil)] + SummaryTables.scoreFigures(report)
            + SummaryTables.statisticsFigures(report)
        let figureRows = figures.map { figure in
            [figure.0, score(figure.1)] + (withCI ? [summaryTables.interval(figure.2)] : [])
        }
        html += tableMarkup(
            SummaryTables.Table(header: ["figure", "value"] + (withCI ? ["ci"] : []), rows: figureRows), sortable: false)
        for line in summaryTables.rankingLines(report) { html += "<p>\(HTMLText.escaped(line))</p>\n" }
        return html
    }

    private func confusion(_ report: Report) -> String {
        guard let matrix = report.confusionMatrix else {
            return "<p class=\"note\">The matrix is kept for at most \(SingleLabelCounts.pairLimit) labels; this report has \(report.labels.count).</p>\n"
        }
        let normalization = self.normalization ?? .actual
        let heatmap = ConfusionHeatmap(labels: report.labels, matrix: matrix, normalization: normalization)
        let basis: String
        switch normalization {
        case .actual: basis = "its actual row (recall view)"
        case .predicted: basis = "its predicted column (precision view)"
        case .all: basis = "all rows"
        }
        var html = "<p class=\"note\">Rows actual, columns predicted; each cell's colour and percentage are its share of \(basis); "
            + "the diagonal is marked in orange. "
        if report.labels.count > ConfusionHeatmap.readableClassLimit {
            html += "\(report.labels.count) classes: ordered so that confused classes sit together; only non-zero cells are drawn "
                + "(hover for counts); the JSON report has the matrix in label order."
        }
        html += "</p>\n<p class=\"scale note\">0% " + (0...8).map { "<span style=\"background:var(--q\($0))\"></span>" }.joined()
            + " 100%</p>\n"
        html += "<div class=\"scroll\">\(heatmap.svg())</div>\n"
        let pairs = heatmap.mostConfusedPairs()
        if !pairs.isEmpty {
            let rowSums = matrix.map { $0.reduce(0, +) }
            let rows = pairs.map { pair in
                [report.labels[pair.actual], report.labels[pair.predicted], "\(pair.count)",
                 HTMLText.percent(Double(pair.count) / Double(max(1, rowSums[pair.actual])))]
            }
            html += "<h3>Most confused pairs</h3>\n" + tableMarkup(
                SummaryTables.Table(header: ["actual", "predicted", "rows", "share of actual"], rows: rows, textColumns: 2), sortable: true)
        }
        return html
    }

    private func multiLabelCounts(_ report: Report) -> String {
        var html = ""
        if report.classes.count <= Self.drawnLabelLimit {
            html += "<div class=\"scroll\">\(SVGCharts.stackedCounts(report.classes))</div>\n"
        } else {
            html += "<p class=\"note\">\(report.classes.count) labels: the counts are in the table below.</p>\n"
        }
        if let histogram = report.rowJaccardHistogram {
            let names = (0..<10).map { "\(FixedPointText.format(Double($0) / 10, digits: 1))–" } + ["1 (exact)"]
            html += "<h3>Rows by overlap (per-row Jaccard index)</h3>\n<div>\(SVGCharts.histogram(Array(zip(names, histogram)).map { (name: $0.0, count: $0.1) }))</div>\n"
        }
        return html
    }

    private func classTable(_ report: Report) -> String {
        let withFbeta = report.beta != nil
        let withRanking = report.classes.contains { $0.rocAUC != nil || $0.averagePrecision != nil } || report.ranking != nil
        var header = ["label", "precision", "recall", "f1-score"]
        if withFbeta { header.append(SummaryTables.fbetaName(report.beta!)) }
        header += ["support", "predicted", "tp", "fp", "fn"]
        if withRanking { header += ["roc-auc", "average precision"] }
        var html = "<div class=\"scroll\"><table class=\"sortable classes\"><thead><tr>"
            + header.enumerated().map { "<th\($0.offset == 0 ? " class=\"text\"" : "")>\($0.element)</th>" }.joined() + "</tr></thead><tbody>"
        for entry in report.classes {
            html += "<tr><td class=\"text\">\(HTMLText.escaped(entry.label))</td>"
            html += meter(entry.precision, entry.ci?["precision"] ?? nil) + meter(entry.recall, entry.ci?["recall"] ?? nil)
                + meter(entry.f1, entry.ci?["f1"] ?? nil)
            if withFbeta { html += "<td>\(score(entry.fbeta))</td>" }
            html += [entry.support, entry.predicted, entry.tp, entry.fp, entry.fn].map { "<td>\($0)</td>" }.joined()
            if withRanking { html += "<td>\(score(entry.rocAUC))</td><td>\(score(entry.averagePrecision))</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table></div>\n"
    }

    /// A score cell with a bar of its value and, with an interval, a whisker.
    private func meter(_ value: Double?, _ interval: Interval?) -> String {
        guard let value else { return "<td class=\"meter\" data-sort=\"-1\">nan</td>" }
        var cell = "<td class=\"meter\"><span class=\"fill\" style=\"width:\(HTMLText.number(max(0, min(1, value)) * 5.5))em\"></span>"
        if let interval {
            let low = max(0, min(1, interval.low)) * 5.5
            let width = max(0, min(1, interval.high)) * 5.5 - low
            cell += "<span class=\"ci\" style=\"left:calc(8px + \(HTMLText.number(low))em);width:\(HTMLText.number(width))em\" "
                + "title=\"\(summaryTables.interval(interval))\"></span>"
        }
        return cell + score(value) + "</td>"
    }

    private func ranking(_ report: Report) -> String {
        guard let curves = report.curves else {
            return "<p class=\"note\">Curves are drawn with <code>--curves</code>.</p>\n"
        }
        let drawn = report.classes.filter { curves[$0.label] != nil }.prefix(Self.drawnCurveLimit)
        var roc: [SVGCharts.Series] = []
        var pr: [SVGCharts.Series] = []
        for entry in drawn {
            roc.append(SVGCharts.Series(name: "\(entry.label) (auc \(score(entry.rocAUC)))", points: curves[entry.label]!.roc))
            pr.append(SVGCharts.Series(name: "\(entry.label) (ap \(score(entry.averagePrecision)))", points: curves[entry.label]!.pr))
        }
        var html = "<div class=\"charts\"><figure>\(SVGCharts.curves(roc, xName: "false positive rate", yName: "true positive rate", diagonal: true))"
            + "<figcaption>ROC</figcaption></figure><figure>"
            + SVGCharts.curves(pr, xName: "recall", yName: "precision", diagonal: false)
            + "<figcaption>Precision-recall</figcaption></figure></div>\n"
        let withCurves = report.classes.filter { curves[$0.label] != nil }.count
        if withCurves > drawn.count {
            html += "<p class=\"note\">\(drawn.count) of \(withCurves) classes drawn; every class's figures are in the per-class table.</p>\n"
        }
        return html
    }

    private func reliability(_ calibration: Calibration) -> String {
        let points = calibration.bins.compactMap { bin in
            bin.meanScore.flatMap { mean in bin.fractionPositive.map { CurvePoint(x: mean, y: $0, threshold: nil) } }
        }
        var html = "<div class=\"charts\"><figure>"
            + SVGCharts.curves(
                [SVGCharts.Series(name: "observed", points: points)], xName: "mean score", yName: "fraction positive", diagonal: true,
                markers: true)
            + "<figcaption>Reliability diagram (brier \(score(calibration.brier)), ece \(score(calibration.ece)))</figcaption></figure>"
        let counts = calibration.bins.map { (name: "\(score($0.low).prefix(4))", count: $0.count) }
        html += "<figure>\(SVGCharts.histogram(counts))<figcaption>Rows per bin (by lower edge)</figcaption></figure></div>\n"
        let rows = calibration.bins.map { bin in
            ["[\(score(bin.low)), \(score(bin.high)))", "\(bin.count)", score(bin.meanScore), score(bin.fractionPositive)]
        }
        return html + tableMarkup(
            SummaryTables.Table(header: ["bin", "rows", "mean score", "fraction positive"], rows: rows), sortable: false)
    }

    private func slices(_ groups: [GroupReport]) -> String {
        let table = summaryTables.slices(groups)
        let values = groups.map { try? rankBy.value(in: $0.report) }
        let worst = table.rows.firstIndex { !($0.last ?? "").isEmpty }
        let bars = groups.enumerated().map { index, group in
            SVGCharts.Bar(label: group.group, value: values[index] ?? nil, interval: nil, marked: index == worst)
        }
        var html = "<div class=\"scroll\">\(SVGCharts.bars(bars, digits: digits, markNote: "worst \(rankBy)"))</div>\n"
        html += tableMarkup(table, sortable: true, marked: worst)
        return html
    }

    /// A table's markup; cells are text, escaped here.
    private func tableMarkup(_ table: SummaryTables.Table, sortable: Bool, marked: Int? = nil) -> String {
        func cellClass(_ column: Int) -> String { column < table.textColumns ? " class=\"text\"" : "" }
        var html = "<div class=\"scroll\"><table\(sortable ? " class=\"sortable\"" : "")><thead><tr>"
        html += table.header.enumerated().map { "<th\(cellClass($0.offset))>\(HTMLText.escaped($0.element))</th>" }.joined()
        html += "</tr></thead><tbody>"
        for (index, row) in table.rows.enumerated() {
            html += index == marked ? "<tr class=\"marked\">" : "<tr>"
            html += row.enumerated().map { "<td\(cellClass($0.offset))>\(HTMLText.escaped($0.element))</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table></div>\n"
    }
}

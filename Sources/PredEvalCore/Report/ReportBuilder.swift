/// Turns counts into a `Report`: picks and orders the labels, scores each, averages them, and
/// words the warnings that `--zero-division warn` asks for.
public struct ReportBuilder: Sendable {
    /// The file as the user named it.
    public var file: String
    /// Rows skipped while reading.
    public var skippedRows: Int
    /// The ids of a `--labels` list, in its order; nil to report every label seen, sorted.
    public var listedLabels: [Int32]?
    /// What undefined metrics become.
    public var zeroDivision: ZeroDivision

    /// A builder for the report on `file`.
    ///
    /// - Parameters:
    ///   - file: the file as the user named it.
    ///   - skippedRows: rows skipped while reading.
    ///   - listedLabels: the ids of the labels to report, in order; nil for every label seen.
    ///   - zeroDivision: what undefined metrics become.
    public init(file: String, skippedRows: Int = 0, listedLabels: [Int32]? = nil, zeroDivision: ZeroDivision = .warn) {
        self.file = file
        self.skippedRows = skippedRows
        self.listedLabels = listedLabels
        self.zeroDivision = zeroDivision
    }

    /// The report for single-label counts whose ids `interner` names.
    ///
    /// - Parameters:
    ///   - counts: the counted rows.
    ///   - interner: the labels of their ids.
    /// - Returns: the report.
    public func report(_ counts: SingleLabelCounts, interner: LabelInterner) -> Report {
        let totals = counts.totals
        let ids = reportedIDs(interner: interner, totals: totals)
        let classCounts = ids.map(totals.classCounts(of:))
        let matrix = ids.allSatisfy { Int($0) < SingleLabelCounts.pairLimit }
            ? ids.map { row in ids.map { column in counts.count(actual: row, predicted: column) ?? 0 } }
            : nil
        return assemble(
            .singleLabel, rows: counts.rows, ids: ids, classCounts: classCounts, interner: interner,
            samples: nil, accuracy: Metrics.accuracy(correct: counts.correctRows, rows: counts.rows),
            confusionMatrix: matrix)
    }

    /// The report for multi-label counts whose ids `interner` names.
    ///
    /// - Parameters:
    ///   - counts: the counted rows.
    ///   - interner: the labels of their ids.
    /// - Returns: the report.
    public func report(_ counts: MultiLabelCounts, interner: LabelInterner) -> Report {
        let ids = reportedIDs(interner: interner, totals: counts.totals)
        let classCounts = ids.map(counts.totals.classCounts(of:))
        let exactMatches = counts.overlaps.reduce(0) { $0 + ($1.key.isExactMatch ? $1.value : 0) }
        return assemble(
            .multiLabel, rows: counts.rows, ids: ids, classCounts: classCounts, interner: interner,
            samples: counts.overlaps, accuracy: Metrics.accuracy(correct: exactMatches, rows: counts.rows),
            confusionMatrix: nil)
    }

    // MARK: Private

    /// The listed ids, or the id of every label that occurred in the counted rows, sorted by the
    /// labels' bytes (Unicode code point order). (An interner may know labels of rows that were
    /// not counted here: other slices of a file, truth rows without a prediction.)
    private func reportedIDs(interner: LabelInterner, totals: LabelTotals) -> [Int32] {
        if let listedLabels { return listedLabels }
        return (0..<Int32(interner.count)).filter(totals.occurred)
            .sorted { interner.bytes(of: $0).lexicographicallyPrecedes(interner.bytes(of: $1)) }
    }

    private func assemble(
        _ mode: Report.Mode, rows: Int, ids: [Int32], classCounts: [ClassCounts], interner: LabelInterner,
        samples overlaps: [RowOverlap: Int]?, accuracy: Double, confusionMatrix: [[Int]]?
    ) -> Report {
        let labels = ids.map { interner.label($0) }
        let classScores = classCounts.map { Metrics.scores($0, zeroDivision: zeroDivision) }
        let totalSupport = classCounts.reduce(0) { $0 + $1.support }
        let classes = zip(zip(labels, classCounts), classScores).map { pair, scores in
            let (label, counts) = pair
            return ClassReport(
                label: label, tp: counts.truePositives, fp: counts.falsePositives, fn: counts.falseNegatives,
                support: counts.support, predicted: counts.predicted, precision: defined(scores.precision),
                recall: defined(scores.recall), f1: defined(scores.f1))
        }
        let averages = Averages(
            micro: average(Metrics.micro(classCounts, zeroDivision: zeroDivision), support: totalSupport),
            macro: average(Metrics.macro(classScores), support: totalSupport),
            weighted: average(Metrics.weighted(classScores, supports: classCounts.map(\.support)), support: totalSupport),
            samples: overlaps.map { average(Metrics.samples($0, zeroDivision: zeroDivision), support: totalSupport) })
        let warnings =
            zeroDivision == .warn
            ? ZeroDivisionWarnings(labels: labels, counts: classCounts, overlaps: overlaps).messages : []
        return Report(
            file: file, mode: mode, rows: rows, skippedRows: skippedRows, labels: labels, classes: classes,
            averages: averages, accuracy: defined(accuracy), confusionMatrix: confusionMatrix, warnings: warnings)
    }

    private func average(_ scores: Scores, support: Int) -> AverageReport {
        AverageReport(
            precision: defined(scores.precision), recall: defined(scores.recall), f1: defined(scores.f1),
            support: support)
    }

    private func defined(_ value: Double) -> Double? { value.isNaN ? nil : value }
}

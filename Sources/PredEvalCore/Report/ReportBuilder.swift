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
    /// The most cells a confusion matrix may have; a larger one is left out (nil: the matrix is
    /// limited only by `SingleLabelCounts.pairLimit` labels).
    public var maximumMatrixCells: Int?
    /// The id of the `--positive` label: the report gains `averages.binary`, that label's own
    /// scores (scikit-learn's `average='binary'`, `pos_label`).
    public var positiveLabel: Int32?
    /// The id that missing predictions are counted as (`LabelClasses.none`): a class never
    /// reported, whose predictions are no class's false positives, and whose count is the
    /// report's `missingPredictions`.
    public var missingPredictionLabel: Int32?
    /// Whether labels are numbers, reported in numeric order instead of byte order.
    public var labelsAreNumbers = false
    /// The β of `--beta`: classes and averages gain F-beta.
    public var beta: Double?
    /// With `--curves`: the most points of each ROC and precision-recall curve.
    public var curvePoints: Int?
    /// With `--ci`: how replicates are drawn and the intervals' level; reports built with
    /// replicate counts (`attachIntervals`) gain intervals.
    public var bootstrap: BootstrapSummary?

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
        let occurring = counts.occurringClassCounts()
        return singleLabelReport(occurring: occurring, rows: counts.rows, interner: interner) { ids in
            // The matrix needs every pair's count (counts that are not compact have none past
            // `pairLimit`) and is shown for at most `pairLimit` labels.
            let withinLimits = ids.count <= SingleLabelCounts.pairLimit && ids.count * ids.count <= maximumMatrixCells ?? Int.max
            return withinLimits && ids.allSatisfy { counts.count(actual: $0, predicted: $0) != nil }
                ? ids.map { row in ids.map { column in counts.count(actual: row, predicted: column) ?? 0 } }
                : nil
        }
    }

    /// The report for multi-label counts whose ids `interner` names.
    ///
    /// - Parameters:
    ///   - counts: the counted rows.
    ///   - interner: the labels of their ids.
    /// - Returns: the report.
    public func report(_ counts: MultiLabelCounts, interner: LabelInterner) -> Report {
        var report = multiLabelReport(
            occurring: counts.occurringClassCounts(), rows: counts.rows, overlaps: counts.overlaps, interner: interner)
        report.missingPredictions = counts.missingPredictions
        return report
    }

    /// The ids a report on single-label counts lists, in its order (missing predictions aside).
    ///
    /// - Parameters:
    ///   - counts: the counted rows.
    ///   - interner: the labels of their ids.
    /// - Returns: the listed ids, or the sorted ids of every label that occurred.
    public func reportedIDs(_ counts: SingleLabelCounts, interner: LabelInterner) -> [Int32] {
        var occurring = counts.occurringClassCounts()
        if let missingPredictionLabel { occurring.removeValue(forKey: missingPredictionLabel) }
        return reportedIDs(interner: interner, occurring: occurring)
    }

    /// The ids a report on multi-label counts lists, in its order.
    ///
    /// - Parameters:
    ///   - counts: the counted rows.
    ///   - interner: the labels of their ids.
    /// - Returns: the listed ids, or the sorted ids of every label that occurred.
    public func reportedIDs(_ counts: MultiLabelCounts, interner: LabelInterner) -> [Int32] {
        reportedIDs(interner: interner, occurring: counts.occurringClassCounts())
    }

    /// The report on one bootstrap replicate's counts (no matrix, no warnings): give the
    /// builder the point estimate's labels as `listedLabels`, so that every replicate reports
    /// the same classes.
    ///
    /// - Parameters:
    ///   - replicate: the replicate's rows, label counts and (multi-label) overlaps.
    ///   - mode: the report's mode.
    ///   - interner: the labels of the ids.
    /// - Returns: the replicate's report.
    public func replicateReport(
        _ replicate: (rows: Int, occurring: [Int32: ClassCounts], overlaps: [RowOverlap: Int]), mode: Report.Mode,
        interner: LabelInterner
    ) -> Report {
        var builder = self
        builder.writesWarnings = false
        switch mode {
        case .singleLabel:
            return builder.singleLabelReport(occurring: replicate.occurring, rows: replicate.rows, interner: interner) { _ in nil }
        case .multiLabel:
            return builder.multiLabelReport(
                occurring: replicate.occurring, rows: replicate.rows, overlaps: replicate.overlaps, interner: interner)
        }
    }

    /// Gives `report` (built by this builder on the same rows, listing `ids`) the intervals of
    /// every metric, from the counts of the rows' replicates; nothing without `bootstrap`.
    ///
    /// - Parameters:
    ///   - report: the point estimate.
    ///   - replicates: the replicates' counts, under the report's ids.
    ///   - ids: the ids the report lists, in its order.
    ///   - interner: the labels of the ids.
    public func attachIntervals(to report: inout Report, replicates: ReplicateCounts, ids: [Int32], interner: LabelInterner) {
        guard let bootstrap else { return }
        var builder = self
        builder.listedLabels = ids
        let mode = report.mode
        ReportIntervals.attach(to: &report, summary: bootstrap) {
            builder.replicateReport(replicates.replicate($0), mode: mode, interner: interner)
        }
    }

    // MARK: Private

    /// Whether the report words warnings (replicates of a bootstrap need none).
    private var writesWarnings = true

    private func singleLabelReport(
        occurring allOccurring: [Int32: ClassCounts], rows: Int, interner: LabelInterner, matrix: ([Int32]) -> [[Int]]?
    ) -> Report {
        var occurring = allOccurring
        let missingPredictions = missingPredictionLabel.flatMap { occurring.removeValue(forKey: $0) }?.predicted ?? 0
        let ids = reportedIDs(interner: interner, occurring: occurring)
        let classCounts = ids.map { occurring[$0] ?? Self.noCounts }
        var report = assemble(
            .singleLabel, rows: rows, ids: ids, classCounts: classCounts, interner: interner, samples: nil,
            accuracy: Metrics.accuracy(correct: occurring.values.reduce(0) { $0 + $1.truePositives }, rows: rows),
            confusionMatrix: matrix(ids))
        report.averages.binary = binaryAverage(occurring)
        report.missingPredictions = missingPredictions
        // Every class of the counted rows, not only the listed ones, as scikit-learn's functions
        // (which take no `labels`) see the table; in the order of the labels' bytes, so that sums
        // are the same whatever order a dictionary keeps or the rows gave the labels their ids
        // (parts of a file, merged states).
        let everyClass = occurring.sorted { interner.bytes(of: $0.key).lexicographicallyPrecedes(interner.bytes(of: $1.key)) }.map(\.value)
        report.statistics = Statistics(
            balancedAccuracy: defined(Metrics.balancedAccuracy(everyClass)),
            mcc: defined(Metrics.matthews(everyClass, unclassedPredictions: missingPredictions, rows: rows)),
            cohenKappa: defined(Metrics.cohenKappa(everyClass, rows: rows)))
        return report
    }

    private func multiLabelReport(
        occurring: [Int32: ClassCounts], rows: Int, overlaps: [RowOverlap: Int], interner: LabelInterner
    ) -> Report {
        let ids = reportedIDs(interner: interner, occurring: occurring)
        let classCounts = ids.map { occurring[$0] ?? Self.noCounts }
        let exactMatches = overlaps.reduce(0) { $0 + ($1.key.isExactMatch ? $1.value : 0) }
        var report = assemble(
            .multiLabel, rows: rows, ids: ids, classCounts: classCounts, interner: interner,
            samples: overlaps, accuracy: Metrics.accuracy(correct: exactMatches, rows: rows), confusionMatrix: nil)
        report.averages.binary = binaryAverage(occurring)
        let jaccard = Metrics.averages(of: { Metrics.jaccard($0, zeroDivision: zeroDivision) }, classCounts, overlaps: overlaps)
        report.statistics = Statistics(
            hammingLoss: defined(Metrics.hammingLoss(classCounts, rows: rows)),
            jaccard: JaccardAverages(
                micro: defined(jaccard.micro), macro: defined(jaccard.macro), weighted: defined(jaccard.weighted),
                samples: defined(jaccard.samples)))
        report.rowJaccardHistogram = Self.rowJaccardHistogram(overlaps)
        return report
    }

    /// Rows by their own Jaccard index in the 11 bins of `Report.rowJaccardHistogram`.
    private static func rowJaccardHistogram(_ overlaps: [RowOverlap: Int]) -> [Int] {
        var bins = Array(repeating: 0, count: 11)
        for (overlap, rows) in overlaps {
            let union = overlap.actual + overlap.predicted - overlap.common
            // common ≤ union; bin ⌊10·common/union⌋ in integers, so that 0.3 lands in [0.3, 0.4).
            bins[union == 0 ? 10 : overlap.common * 10 / union] += rows
        }
        return bins
    }

    /// The listed ids, or the id of every label that occurred in the counted rows, sorted by the
    /// labels' bytes (Unicode code point order), or by value when labels are numbers. (An
    /// interner may know labels of rows that were not counted here: other slices of a file, truth
    /// rows without a prediction.)
    private func reportedIDs(interner: LabelInterner, occurring: [Int32: ClassCounts]) -> [Int32] {
        if let listedLabels { return listedLabels }
        let byBytes = { (left: Int32, right: Int32) in
            interner.bytes(of: left).lexicographicallyPrecedes(interner.bytes(of: right))
        }
        guard labelsAreNumbers else { return occurring.keys.sorted(by: byBytes) }
        // Numbers by value; a label that is no number (a missing value kept as a class) after them.
        let values = Dictionary(uniqueKeysWithValues: occurring.keys.map { ($0, NumericLabel.value(interner.bytes(of: $0))) })
        return occurring.keys.sorted { left, right in
            switch (values[left]!, values[right]!) {
            case let (leftValue?, rightValue?): leftValue < rightValue
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): byBytes(left, right)
            }
        }
    }

    /// The positive label's scores, when there is one.
    private func binaryAverage(_ occurring: [Int32: ClassCounts]) -> AverageReport? {
        guard let positiveLabel else { return nil }
        let counts = occurring[positiveLabel] ?? Self.noCounts
        var binary = average(Metrics.scores(counts, zeroDivision: zeroDivision), support: counts.support)
        if let beta { binary.fbeta = defined(Metrics.fbeta(counts, beta: beta, zeroDivision: zeroDivision)) }
        return binary
    }

    /// The counts of a label no counted row holds.
    private static let noCounts = ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0)

    private func assemble(
        _ mode: Report.Mode, rows: Int, ids: [Int32], classCounts: [ClassCounts], interner: LabelInterner,
        samples overlaps: [RowOverlap: Int]?, accuracy: Double, confusionMatrix: [[Int]]?
    ) -> Report {
        let labels = ids.map { interner.label($0) }
        let classScores = classCounts.map { Metrics.scores($0, zeroDivision: zeroDivision) }
        let totalSupport = classCounts.reduce(0) { $0 + $1.support }
        let classes = zip(zip(labels, classCounts), classScores).map { pair, scores in
            let (label, counts) = pair
            let trueNegatives = rows - counts.truePositives - counts.falsePositives - counts.falseNegatives
            return ClassReport(
                label: label, tp: counts.truePositives, fp: counts.falsePositives, fn: counts.falseNegatives,
                support: counts.support, predicted: counts.predicted, precision: defined(scores.precision),
                recall: defined(scores.recall), f1: defined(scores.f1), tn: trueNegatives,
                specificity: defined(Metrics.specificity(counts, trueNegatives: trueNegatives, zeroDivision: zeroDivision)),
                npv: defined(Metrics.negativePredictiveValue(counts, trueNegatives: trueNegatives, zeroDivision: zeroDivision)),
                jaccard: defined(Metrics.jaccard(counts, zeroDivision: zeroDivision)),
                fbeta: beta.flatMap { defined(Metrics.fbeta(counts, beta: $0, zeroDivision: zeroDivision)) })
        }
        var averages = Averages(
            micro: average(Metrics.micro(classCounts, zeroDivision: zeroDivision), support: totalSupport),
            macro: average(Metrics.macro(classScores), support: totalSupport),
            weighted: average(Metrics.weighted(classScores, supports: classCounts.map(\.support)), support: totalSupport),
            samples: overlaps.map { average(Metrics.samples($0, zeroDivision: zeroDivision), support: totalSupport) })
        if let beta {
            let fbeta = Metrics.averages(
                of: { Metrics.fbeta($0, beta: beta, zeroDivision: zeroDivision) }, classCounts, overlaps: overlaps)
            averages.micro.fbeta = defined(fbeta.micro)
            averages.macro.fbeta = defined(fbeta.macro)
            averages.weighted.fbeta = defined(fbeta.weighted)
            averages.samples?.fbeta = defined(fbeta.samples)
        }
        var warnings =
            zeroDivision == .warn && writesWarnings
            ? ZeroDivisionWarnings(labels: labels, counts: classCounts, overlaps: overlaps).messages : []
        if writesWarnings, let disjoint = Self.disjointLabelsWarning(labels: labels, counts: classCounts) {
            warnings.append(disjoint)
        }
        var report = Report(
            file: file, mode: mode, rows: rows, skippedRows: skippedRows, labels: labels, classes: classes,
            averages: averages, accuracy: defined(accuracy), confusionMatrix: confusionMatrix, warnings: warnings)
        report.beta = beta
        return report
    }

    /// The warning that no label occurs both as an actual and as a predicted one (the columns
    /// spell labels differently, such as `LABEL_0` and `0`), naming a few of each side.
    private static func disjointLabelsWarning(labels: [String], counts: [ClassCounts]) -> String? {
        let actual = zip(labels, counts).filter { $0.1.support > 0 }.map(\.0)
        let predicted = zip(labels, counts).filter { $0.1.predicted > 0 }.map(\.0)
        guard !actual.isEmpty, !predicted.isEmpty, Set(actual).isDisjoint(with: predicted) else { return nil }
        func few(_ labels: [String]) -> String {
            labels.prefix(5).map { "'\(TerminalText.quoted($0))'" }.joined(separator: ", ")
                + (labels.count > 5 ? ", ... (\(labels.count) in all)" : "")
        }
        return "no label occurs both as an actual and as a predicted label: actual \(few(actual)); predicted "
            + "\(few(predicted)); do the two columns spell labels differently? A label map renames them"
    }

    private func average(_ scores: Scores, support: Int) -> AverageReport {
        AverageReport(
            precision: defined(scores.precision), recall: defined(scores.recall), f1: defined(scores.f1),
            support: support)
    }

    private func defined(_ value: Double) -> Double? { value.isNaN ? nil : value }
}

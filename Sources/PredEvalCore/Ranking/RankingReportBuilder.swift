/// Reads ranking and calibration figures off `RankingCounts` into a report: each score class's
/// ROC-AUC and average precision, their averages as scikit-learn takes them, calibration.
public struct RankingReportBuilder: Sendable {
    /// How the score columns stand to the labels.
    public enum Form: Sendable {
        /// One score of the positive label (the histograms: the negative's, 1 − s; the positive's, s).
        case binary(positiveColumn: Int)
        /// One column per class of single-label rows (one-vs-rest).
        case multiclass
        /// One column per label of multi-label rows.
        case multiLabel
    }

    /// How the columns stand to the labels.
    public let form: Form
    /// Each score column's label (nil: a column no reported class stands for).
    public let columnLabels: [String?]

    /// A builder for score columns of `form` whose labels are `columnLabels`.
    ///
    /// - Parameters:
    ///   - form: how the columns stand to the labels.
    ///   - columnLabels: each column's label.
    public init(form: Form, columnLabels: [String?]) {
        self.form = form
        self.columnLabels = columnLabels
    }

    /// Sets the report's `ranking`, `ranking_exact`, each class's `roc_auc` and
    /// `average_precision`, and (when `calibrates` is not nil) `calibration`: computed when
    /// `calibrates` is true, `null` when false. Warns once for each class without positive or
    /// without negative rows. With `curvePoints`, also each class's `curves` (binary: the
    /// positive label's), thinned to that many points.
    ///
    /// - Parameters:
    ///   - counts: the rows' ranking counts.
    ///   - report: the report.
    ///   - calibrates: whether the scores are probabilities (nil: no calibration at all).
    ///   - curvePoints: the most points of each curve (nil: no curves).
    public func apply(_ counts: RankingCounts, to report: inout Report, calibrates: Bool?, curvePoints: Int? = nil) {
        let entries = counts.histograms.map(\.descending)
        let figures = figures(of: entries, samples: counts.samples)
        for (column, label) in columnLabels.enumerated() {
            guard let label, let index = report.classes.firstIndex(where: { $0.label == label }) else { continue }
            guard let rocAUC = figures.rocAUC[column] else {
                let lacking = entries[column].contains { $0.positives > 0 } ? "negative" : "positive"
                report.warnings.append(
                    "the class '\(TerminalText.quoted(label))' has no \(lacking) row: its ROC-AUC and average precision are undefined")
                continue
            }
            report.classes[index].rocAUC = rocAUC
            report.classes[index].averagePrecision = figures.averagePrecision[column]
        }
        report.ranking = figures.ranking
        report.rankingExact = counts.isExact
        if let curvePoints { report.curves = curves(entries, of: Set(report.classes.map(\.label)), maximumPoints: curvePoints) }
        if counts.binnedForMemory {
            report.warnings.append(
                "the exact score histograms outgrew their memory (--max-score-memory): ranking figures come from \(RankingCounts.fallbackBins) bins")
        }
        if let calibrates { report.calibration = .some(calibrates ? Self.calibration(counts.calibration) : nil) }
    }

    /// What one set of score histograms gives: each column's ROC-AUC and average precision
    /// (nil where the class has no positive or no negative row) and the report's `ranking`.
    struct Figures {
        var rocAUC: [Double?]
        var averagePrecision: [Double?]
        var ranking: Ranking
    }

    /// The figures of every column's entries (each highest score first) and, for multi-label
    /// rows, of the rows' own rankings (`samples`).
    func figures(of entries: [[ScoreHistogram.Entry]], samples: RankingCounts.Samples?) -> Figures {
        var figures = Figures(rocAUC: [], averagePrecision: [], ranking: .binary(rocAUC: nil, averagePrecision: nil))
        for classEntries in entries {
            let defined = RankingMetrics.isDefined(classEntries)
            figures.rocAUC.append(defined ? RankingMetrics.rocAUC(classEntries) : nil)
            figures.averagePrecision.append(defined ? RankingMetrics.averagePrecision(classEntries) : nil)
        }
        switch form {
        case .binary(let positiveColumn):
            figures.ranking = .binary(rocAUC: figures.rocAUC[positiveColumn], averagePrecision: figures.averagePrecision[positiveColumn])
        case .multiclass, .multiLabel:
            let micro = Self.pooled(entries)
            var rocAUC = Self.averages(entries, RankingMetrics.rocAUC)
            rocAUC.micro = micro.rocAUC
            var averagePrecision = Self.averages(entries) { RankingMetrics.averagePrecision($0) }
            averagePrecision.micro = micro.hasPositives ? micro.averagePrecision : nil
            if case .multiLabel = form, let samples {
                rocAUC.samples = .some(samples.rows > 0 && samples.rowsOfOneKind == 0 ? samples.rocAUCSum / samples.rows : nil)
                averagePrecision.samples = .some(samples.rows > 0 ? samples.averagePrecisionSum / samples.rows : nil)
            }
            figures.ranking = .averaged(rocAUC: rocAUC, averagePrecision: averagePrecision)
        }
        return figures
    }

    // MARK: Private

    /// The curves of each column of a reported class with positive and negative rows (binary:
    /// the positive one).
    private func curves(_ entries: [[ScoreHistogram.Entry]], of reported: Set<String>, maximumPoints: Int) -> [String: ClassCurves] {
        var curves: [String: ClassCurves] = [:]
        for (column, label) in columnLabels.enumerated() {
            if case .binary(let positiveColumn) = form, column != positiveColumn { continue }
            guard let label, reported.contains(label), let roc = RankingCurves.roc(entries[column], maximumPoints: maximumPoints),
                let pr = RankingCurves.precisionRecall(entries[column], maximumPoints: maximumPoints)
            else { continue }
            curves[label] = ClassCurves(roc: roc, pr: pr)
        }
        return curves
    }

    /// Macro and weighted averages of a per-class figure (nil where a class's is undefined).
    private static func averages(
        _ entries: [[ScoreHistogram.Entry]], _ figure: ([ScoreHistogram.Entry]) -> Double?
    ) -> RankingAverages {
        let values = entries.map(figure)
        let macro = values.contains(nil) || values.isEmpty ? nil : values.reduce(0) { $0 + $1! } / Double(values.count)
        // Weighted by positives: classes without any weigh nothing (scikit-learn leaves them out).
        var (weightedSum, weights) = (0.0, 0)
        var weightedIsDefined = true
        for (classEntries, value) in zip(entries, values) {
            let positives = RankingMetrics.positives(classEntries)
            guard positives > 0 else { continue }
            guard let value else {
                weightedIsDefined = false
                break
            }
            weightedSum += Double(positives) * value
            weights += positives
        }
        let weighted = weightedIsDefined && weights > 0 ? weightedSum / Double(weights) : nil
        return RankingAverages(macro: macro, weighted: weighted, micro: nil)
    }

    /// The sweep of every class's rows pooled (the micro average): the columns' sorted entries
    /// merged, highest score first, equal scores taken together — no table of them all.
    private static func pooled(_ entries: [[ScoreHistogram.Entry]]) -> RankingMetrics.Curve {
        var curve = RankingMetrics.Curve()
        var next = Array(repeating: 0, count: entries.count)
        while true {
            // The highest score not yet taken, and the rows every column has at it.
            var highest: Double?
            for (column, position) in next.enumerated() where position < entries[column].count {
                let score = entries[column][position].score
                if highest.map({ score > $0 }) ?? true { highest = score }
            }
            guard let score = highest else { return curve }
            var pooled = ScoreHistogram.Entry(score: score, positives: 0, negatives: 0)
            for column in next.indices where next[column] < entries[column].count && entries[column][next[column]].score == score {
                pooled.positives += entries[column][next[column]].positives
                pooled.negatives += entries[column][next[column]].negatives
                next[column] += 1
            }
            curve.add(pooled)
        }
    }

    /// The Brier score, ECE and bins of the counts.
    private static func calibration(_ counts: CalibrationCounts) -> Calibration {
        guard counts.rows > 0 else { return Calibration(brier: nil, ece: nil, bins: []) }
        let edges = CalibrationCounts.edges(counts.binCount)
        let rows = Double(counts.rows)
        var ece = 0.0
        var bins: [CalibrationBin] = []
        for bin in 0..<counts.binCount {
            let count = counts.binRows[bin]
            let meanScore = count > 0 ? counts.binScoreSums[bin].value / Double(count) : nil
            let fractionPositive = count > 0 ? Double(counts.binPositives[bin]) / Double(count) : nil
            if let meanScore, let fractionPositive { ece += Double(count) / rows * abs(meanScore - fractionPositive) }
            bins.append(
                CalibrationBin(
                    low: edges[bin], high: edges[bin + 1], count: count, meanScore: meanScore, fractionPositive: fractionPositive))
        }
        return Calibration(brier: counts.brierSum.value / rows, ece: ece, bins: bins)
    }
}

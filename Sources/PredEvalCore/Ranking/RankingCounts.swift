/// What a file's score columns say beyond the decision, counted row by row and merged exactly:
/// one `ScoreHistogram` per score column (its class's rows against the rest), calibration
/// counts, and for multi-label files each row's own ROC-AUC and average precision (`samples`).
public struct RankingCounts: Sendable, Equatable {
    /// One histogram per score column, in column order.
    public private(set) var histograms: [ScoreHistogram]
    /// Calibration, while every row's scores are probabilities.
    public private(set) var calibration: CalibrationCounts
    /// Multi-label: the sum of the rows' ROC-AUCs, and the rows that have one.
    public private(set) var samplesROCAUCSum = ExactSum()
    /// Multi-label: rows whose labels are all of one kind (no ROC-AUC of their own).
    public private(set) var rowsOfOneKind = 0
    /// Multi-label: the sum of the rows' average precisions.
    public private(set) var samplesAveragePrecisionSum = ExactSum()
    /// Multi-label: rows counted for `samples`.
    public private(set) var samplesRows = 0
    /// Whether the histograms were binned because they outgrew their memory.
    public private(set) var binnedForMemory = false

    /// The bins the histograms switch to when they outgrow their memory.
    public static let fallbackBins = 4096

    /// No rows of `columns` score columns, calibrated in `calibrationBins` bins.
    ///
    /// - Parameters:
    ///   - columns: score columns.
    ///   - calibrationBins: bins of the reliability diagram.
    public init(columns: Int, calibrationBins: Int) {
        histograms = Array(repeating: ScoreHistogram(), count: columns)
        calibration = CalibrationCounts(binCount: calibrationBins)
    }

    /// Multi-label rows' own rankings of their labels, summed: what `samples` averages.
    public struct Samples: Sendable {
        /// Rows (a replicate's: weighted).
        public var rows: Double
        /// Rows whose labels are all of one kind.
        public var rowsOfOneKind: Double
        /// The sum of the rows' ROC-AUCs (of the rows that have one).
        public var rocAUCSum: Double
        /// The sum of the rows' average precisions.
        public var averagePrecisionSum: Double
    }

    /// The `samples` sums.
    public var samples: Samples {
        Samples(
            rows: Double(samplesRows), rowsOfOneKind: Double(rowsOfOneKind), rocAUCSum: samplesROCAUCSum.value,
            averagePrecisionSum: samplesAveragePrecisionSum.value)
    }

    /// Bytes the histograms take.
    public var memoryBytes: Int { histograms.reduce(0) { $0 + $1.memoryBytes } }

    /// Whether every histogram is exact.
    public var isExact: Bool { histograms.allSatisfy { $0.binCount == nil } }

    /// Bins every histogram (`ScoreHistogram.bin(into:)`).
    ///
    /// - Parameters:
    ///   - binCount: the bins' N.
    ///   - forMemory: whether it is for want of memory (the report then warns).
    public mutating func bin(into binCount: Int, forMemory: Bool) {
        for column in histograms.indices { histograms[column].bin(into: binCount) }
        binnedForMemory = binnedForMemory || forMemory
    }

    /// Counts a row's score in column `column`.
    ///
    /// - Parameters:
    ///   - score: the score.
    ///   - column: its column.
    ///   - isPositive: whether the row is of the column's class.
    @inline(__always)
    public mutating func add(_ score: Double, column: Int, isPositive: Bool) {
        histograms[column].add(score, isPositive: isPositive)
    }

    /// Counts a row for calibration (its scores are probabilities).
    ///
    /// - Parameters:
    ///   - score: the positive class's (binary) or top label's (multiclass) score.
    ///   - isPositive: the row's outcome for that score.
    ///   - brierTerm: the row's term of the Brier score.
    @inline(__always)
    public mutating func calibrate(score: Double, isPositive: Bool, brierTerm: Double) {
        calibration.add(score: score, isPositive: isPositive, brierTerm: brierTerm)
    }

    /// Counts a multi-label row's own ranking of its labels (`samples`).
    ///
    /// - Parameters:
    ///   - scores: the row's scores, one per label.
    ///   - isPositive: whether each label is in the row's actual set.
    /// - Returns: the row's ROC-AUC (nil: its labels are of one kind) and average precision.
    @discardableResult
    public mutating func addSample(
        _ scores: UnsafeBufferPointer<Double>, isPositive: UnsafeBufferPointer<Bool>
    ) -> (rocAUC: Double?, averagePrecision: Double) {
        let (rocAUC, averagePrecision) = RankingMetrics.rowValues(scores, isPositive: isPositive)
        samplesRows += 1
        samplesAveragePrecisionSum.add(averagePrecision)
        if let rocAUC { samplesROCAUCSum.add(rocAUC) } else { rowsOfOneKind += 1 }
        return (rocAUC, averagePrecision)
    }

    /// Adds the rows of `other` (the same columns and bins).
    ///
    /// - Parameter other: counts of other rows.
    public mutating func merge(_ other: RankingCounts) {
        for column in histograms.indices { histograms[column].merge(other.histograms[column]) }
        binnedForMemory = binnedForMemory || other.binnedForMemory
        calibration.merge(other.calibration)
        samplesROCAUCSum.merge(other.samplesROCAUCSum)
        samplesAveragePrecisionSum.merge(other.samplesAveragePrecisionSum)
        rowsOfOneKind += other.rowsOfOneKind
        samplesRows += other.samplesRows
    }
}

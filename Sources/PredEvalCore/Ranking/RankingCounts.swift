/// What a file's score columns say beyond the decision, counted row by row and merged exactly:
/// one `ScoreHistogram` per score column (its class's rows against the rest), calibration
/// counts, and for multi-label files each row's own ROC-AUC and average precision (`samples`).
public struct RankingCounts: Sendable {
    /// One histogram per score column, in column order (the rows still pending counted in).
    public var histograms: [ScoreHistogram] {
        if pendingScores.isEmpty { return columnHistograms }
        var counted = self
        counted.countPending()
        return counted.columnHistograms
    }
    /// The histograms, without the pending rows.
    private var columnHistograms: [ScoreHistogram]
    /// Rows not yet in the histograms, row by row: each score, and whether its row is of its
    /// column's class. Gathered so that each histogram then takes many scores in one tight loop,
    /// not one call per score.
    private var pendingScores: [Double] = []
    private var pendingIsPositive: [Bool] = []
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
    /// Scores gathered (a row's all at once) before they go into the histograms.
    static let pendingLimit = 1 << 13

    /// No rows of `columns` score columns, calibrated in `calibrationBins` bins.
    ///
    /// - Parameters:
    ///   - columns: score columns.
    ///   - calibrationBins: bins of the reliability diagram.
    public init(columns: Int, calibrationBins: Int) {
        columnHistograms = Array(repeating: ScoreHistogram(), count: columns)
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

    /// Bytes the histograms and the pending rows take.
    public var memoryBytes: Int {
        columnHistograms.reduce(pendingScores.capacity * 8 + pendingIsPositive.capacity) { $0 + $1.memoryBytes }
    }

    /// Whether every histogram is exact.
    public var isExact: Bool { columnHistograms.allSatisfy { $0.binCount == nil } }

    /// Bins every histogram (`ScoreHistogram.bin(into:)`).
    ///
    /// - Parameters:
    ///   - binCount: the bins' N.
    ///   - forMemory: whether it is for want of memory (the report then warns).
    public mutating func bin(into binCount: Int, forMemory: Bool) {
        countPending()
        for column in columnHistograms.indices { columnHistograms[column].bin(into: binCount) }
        binnedForMemory = binnedForMemory || forMemory
    }

    /// Counts a single-label row's scores, one per column, in column order.
    ///
    /// - Parameters:
    ///   - scores: the row's scores.
    ///   - positiveColumn: the column of the row's class (nil: no column's).
    @inline(__always)
    public mutating func add(row scores: UnsafeBufferPointer<Double>, positiveColumn: Int?) {
        pendingScores.append(contentsOf: scores)
        pendingIsPositive.append(contentsOf: repeatElement(false, count: scores.count))
        if let positiveColumn { pendingIsPositive[pendingIsPositive.count - scores.count + positiveColumn] = true }
        if pendingScores.count >= Self.pendingLimit { countPending() }
    }

    /// Counts a multi-label row's scores, one per column, in column order.
    ///
    /// - Parameters:
    ///   - scores: the row's scores.
    ///   - isPositive: whether each column's class is in the row's actual set.
    @inline(__always)
    public mutating func add(row scores: UnsafeBufferPointer<Double>, isPositive: UnsafeBufferPointer<Bool>) {
        pendingScores.append(contentsOf: scores)
        pendingIsPositive.append(contentsOf: isPositive)
        if pendingScores.count >= Self.pendingLimit { countPending() }
    }

    /// Puts the pending rows into the histograms, column by column.
    private mutating func countPending() {
        let columns = columnHistograms.count
        guard !pendingScores.isEmpty, columns > 0 else { return }
        pendingScores.withUnsafeBufferPointer { scores in
            pendingIsPositive.withUnsafeBufferPointer { isPositive in
                for column in 0..<columns {
                    columnHistograms[column].add(
                        scores.baseAddress! + column, isPositive: isPositive.baseAddress! + column, stride: columns,
                        count: scores.count / columns)
                }
            }
        }
        pendingScores.removeAll(keepingCapacity: true)
        pendingIsPositive.removeAll(keepingCapacity: true)
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
        countPending()
        let otherHistograms = other.histograms
        for column in columnHistograms.indices { columnHistograms[column].merge(otherHistograms[column]) }
        binnedForMemory = binnedForMemory || other.binnedForMemory
        calibration.merge(other.calibration)
        samplesROCAUCSum.merge(other.samplesROCAUCSum)
        samplesAveragePrecisionSum.merge(other.samplesAveragePrecisionSum)
        rowsOfOneKind += other.rowsOfOneKind
        samplesRows += other.samplesRows
    }
}

extension RankingCounts: Equatable {
    /// Whether both counted the same scores and rows (whatever is still pending).
    public static func == (lhs: RankingCounts, rhs: RankingCounts) -> Bool {
        lhs.histograms == rhs.histograms && lhs.calibration == rhs.calibration && lhs.samplesROCAUCSum == rhs.samplesROCAUCSum
            && lhs.samplesAveragePrecisionSum == rhs.samplesAveragePrecisionSum && lhs.rowsOfOneKind == rhs.rowsOfOneKind
            && lhs.samplesRows == rhs.samplesRows && lhs.binnedForMemory == rhs.binnedForMemory
    }
}

extension RankingCounts: Codable {
    private enum CodingKeys: String, CodingKey {
        case histograms, calibration, samplesROCAUCSum, rowsOfOneKind, samplesAveragePrecisionSum, samplesRows, binnedForMemory
    }

    /// Reads the counts `encode(to:)` wrote; nothing is pending.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        columnHistograms = try container.decode([ScoreHistogram].self, forKey: .histograms)
        calibration = try container.decode(CalibrationCounts.self, forKey: .calibration)
        samplesROCAUCSum = try container.decode(ExactSum.self, forKey: .samplesROCAUCSum)
        rowsOfOneKind = try container.decode(Int.self, forKey: .rowsOfOneKind)
        samplesAveragePrecisionSum = try container.decode(ExactSum.self, forKey: .samplesAveragePrecisionSum)
        samplesRows = try container.decode(Int.self, forKey: .samplesRows)
        binnedForMemory = try container.decode(Bool.self, forKey: .binnedForMemory)
    }

    /// Writes the histograms (the pending rows counted in) and the other counts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(histograms, forKey: .histograms)
        try container.encode(calibration, forKey: .calibration)
        try container.encode(samplesROCAUCSum, forKey: .samplesROCAUCSum)
        try container.encode(rowsOfOneKind, forKey: .rowsOfOneKind)
        try container.encode(samplesAveragePrecisionSum, forKey: .samplesAveragePrecisionSum)
        try container.encode(samplesRows, forKey: .samplesRows)
        try container.encode(binnedForMemory, forKey: .binnedForMemory)
    }
}

import PredEvalCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What single-label score columns (or a binary score, as the two columns 1 − p and p) tell
/// beyond the predicted class, counted row by row so that
/// it streams and merges exactly: top-k hits and the log loss (an exact sum, so any split of the
/// rows gives the same bits), each column's score histogram and the calibration counts, with
/// what decides whether the scores are probabilities.
struct ScoreTally: Codable, Sendable, Equatable {
    /// Each score column's class id (a binary score: the negative's, -1 until known, and the
    /// positive's).
    private(set) var columnClassIDs: [Int32]
    /// Whether the columns are a binary score's (1 − p, p).
    let isBinary: Bool
    /// ROC-AUC, average precision and calibration counts.
    private(set) var ranking: RankingCounts
    /// Rows counted.
    private(set) var rows = 0
    /// Rows whose actual class is among the `k` highest-scored (scikit-learn's tie rule).
    private(set) var topKHits = 0
    /// The sum of each row's −log(clip(p_actual, ε, 1 − ε)).
    private(set) var logLossSum = ExactSum()
    /// Rows with a score outside [0, 1]: the scores are then not probabilities.
    private(set) var rowsOutsideUnitInterval = 0
    /// Rows whose scores sum to more than `sumTolerance` away from 1.
    private(set) var rowsNotSummingToOne = 0
    /// Rows whose actual label has no score column.
    private(set) var rowsWithUnscoredActual = 0

    /// How far from 1 a probability row's scores may sum (files written with 6 decimals over 20
    /// columns are often 5e-6 off).
    static let sumTolerance = 1e-3
    /// scikit-learn's clip: the spacing of doubles at 1.
    static let epsilon = Double.ulpOfOne

    /// No rows of score columns of classes `columnClassIDs` (a binary score's two columns when
    /// `isBinary`), calibrated in `calibrationBins` bins.
    init(columnClassIDs: [Int32], isBinary: Bool, calibrationBins: Int, scoreBins: Int? = nil) {
        self.columnClassIDs = columnClassIDs
        self.isBinary = isBinary
        ranking = RankingCounts(columns: columnClassIDs.count, calibrationBins: calibrationBins)
        if let scoreBins { ranking.bin(into: scoreBins, forMemory: false) }
    }

    /// Bins the score histograms once they take more than `limit` bytes; returns whether they
    /// are binned for want of memory.
    mutating func limitRankingMemory(to limit: Int) -> Bool {
        if ranking.isExact && ranking.memoryBytes > limit { ranking.bin(into: RankingCounts.fallbackBins, forMemory: true) }
        return ranking.binnedForMemory
    }

    /// Bins the score histograms as the whole file's were for want of memory.
    mutating func binRankingForMemory() {
        ranking.bin(into: RankingCounts.fallbackBins, forMemory: true)
    }

    /// What one row added: whether it was a top-k hit, and its log-loss term (nil when none
    /// was summed) — for the bootstrap's replicates (`ScoreReplicates`).
    struct RowScore {
        var isHit = false
        var loss: Double?
        /// The column of the row's actual class (nil: none), for the replicates' rankings.
        var actualColumn: Int?
    }

    /// Counts one row: its scores in column order and the column of its actual class (nil when
    /// the actual label has none); `k` for top-k accuracy, if asked.
    @inline(__always)
    @discardableResult
    mutating func add(_ scores: UnsafeBufferPointer<Double>, actualColumn: Int?, k: Int?) -> RowScore {
        rows += 1
        let actualScore = actualColumn.map { scores[$0] } ?? 0
        let actual = actualColumn ?? -1
        var sum = 0.0
        var outside = false
        // scikit-learn sorts stably and reverses: among equal scores, later columns rank first.
        var rank = 0
        // The top label: the first column of the highest score, as the argmax predicts.
        var top = 0
        for column in scores.indices {
            let score = scores[column]
            sum += score
            outside = outside || score < 0 || score > 1
            rank &+= score > actualScore || (score == actualScore && column > actual) ? 1 : 0
            if score > scores[top] { top = column }
        }
        ranking.add(row: scores, positiveColumn: actualColumn)
        if outside { rowsOutsideUnitInterval += 1 }
        if abs(sum - 1) > Self.sumTolerance { rowsNotSummingToOne += 1 }
        var row = RowScore(actualColumn: actualColumn)
        guard actualColumn != nil else {
            rowsWithUnscoredActual += 1
            return row
        }
        if !outside { calibrate(scores, actual: actual, top: top) }
        if !outside {
            // scikit-learn clips every probability to [ε, 1 − ε] first.
            let loss = -log(min(max(actualScore, Self.epsilon), 1 - Self.epsilon))
            logLossSum.add(loss)
            row.loss = loss
        }
        if let k, rank < k {
            topKHits += 1
            row.isHit = true
        }
        return row
    }

    /// Counts a row of probabilities for calibration: the positive score (binary) or the top
    /// label's, and the row's Brier term.
    @inline(__always)
    private mutating func calibrate(_ scores: UnsafeBufferPointer<Double>, actual: Int, top: Int) {
        if isBinary {
            let outcome = actual == 1 ? 1.0 : 0.0
            ranking.calibrate(score: scores[1], isPositive: actual == 1, brierTerm: (scores[1] - outcome) * (scores[1] - outcome))
            return
        }
        var brier = 0.0
        for column in scores.indices {
            let difference = scores[column] - (column == actual ? 1 : 0)
            brier += difference * difference
        }
        ranking.calibrate(score: scores[top], isPositive: top == actual, brierTerm: brier)
    }

    /// The tally with class ids mapped by `idMap`.
    func relabeled(_ idMap: [Int32]) -> ScoreTally {
        var relabeled = self
        relabeled.columnClassIDs = columnClassIDs.map { $0 < 0 ? $0 : idMap[Int($0)] }
        return relabeled
    }

    /// Gives a binary score's negative column its class, once known.
    mutating func settle(negative: Int32) {
        if isBinary && columnClassIDs[0] < 0 { columnClassIDs[0] = negative }
    }

    /// Adds the rows of `other`.
    mutating func merge(_ other: ScoreTally) {
        ranking.merge(other.ranking)
        rows += other.rows
        topKHits += other.topKHits
        logLossSum.merge(other.logLossSum)
        rowsOutsideUnitInterval += other.rowsOutsideUnitInterval
        rowsNotSummingToOne += other.rowsNotSummingToOne
        rowsWithUnscoredActual += other.rowsWithUnscoredActual
    }

    /// Sets the report's ranking and calibration figures, `interner` naming the classes.
    func applyRanking(to report: inout Report, interner: LabelInterner, curvePoints: Int?) {
        let calibrates = rows > 0 && rowsOutsideUnitInterval == 0 && rowsWithUnscoredActual == 0
        rankingBuilder(interner).apply(
            ranking, to: &report, calibrates: calibrates, curvePoints: curvePoints)
        if rows > 0 && !calibrates {
            report.warnings.append(
                "calibration is left undefined: "
                    + (rowsOutsideUnitInterval > 0 ? "the scores are not probabilities" : "some actual labels have no score column"))
        }
    }

    /// Gives the report's ranking figures (`applyRanking`) their intervals at `level` from the
    /// replicates' histograms.
    func attachRankingIntervals(_ replicates: RankingReplicates, to report: inout Report, interner: LabelInterner, level: Double) {
        RankingIntervals.attach(replicates, point: ranking, builder: rankingBuilder(interner), to: &report, level: level)
    }

    /// How the columns stand to the classes `interner` names.
    private func rankingBuilder(_ interner: LabelInterner) -> RankingReportBuilder {
        let labels = columnClassIDs.map { $0 < 0 ? nil : interner.label($0) }
        return RankingReportBuilder(form: isBinary ? .binary(positiveColumn: 1) : .multiclass, columnLabels: labels)
    }

    /// Sets the report's `top_k_accuracy` (with `k`) and `log_loss`, and warns where they are
    /// left undefined or the scores look off.
    func apply(to report: inout Report, k: Int?) {
        let defined = rows > 0 && rowsWithUnscoredActual == 0
        if let k { report.topKAccuracy = TopKAccuracy(k: k, value: defined ? Double(topKHits) / Double(rows) : nil) }
        let probabilities = rowsOutsideUnitInterval == 0
        report.logLoss = .some(defined && probabilities ? logLossSum.value / Double(rows) : nil)
        if rowsWithUnscoredActual > 0 {
            report.warnings.append(
                "\(rowsWithUnscoredActual) of \(rows) rows have an actual label that no score column stands for: "
                    + (k == nil ? "log loss is" : "log loss and top-k accuracy are") + " left undefined")
        }
        if !probabilities {
            report.warnings.append(
                "\(rowsOutsideUnitInterval) of \(rows) rows have a score outside [0, 1]: the scores are not probabilities, so log loss is left undefined")
        } else if rowsNotSummingToOne > 0 {
            report.warnings.append(
                "the scores of \(rowsNotSummingToOne) of \(rows) rows sum to more than \(Self.sumTolerance) away from 1; log loss takes them as they are (not renormalized)")
        }
    }
}

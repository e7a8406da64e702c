import PredEvalCore

/// With `--ci` and single-label score columns: per bootstrap replicate, the weighted rows, top-k
/// hits and log-loss sum (exact, so that parts merge to the bit) — the intervals of
/// `top_k_accuracy` and `log_loss`.
struct ScoreReplicates: Codable, Sendable, Equatable {
    /// Weighted rows per replicate.
    private var rows: [UInt64]
    /// Weighted top-k hits per replicate.
    private var hits: [UInt64]
    /// Weighted sums of the rows' log-loss terms per replicate.
    private var logLossSums: [ExactSum]
    /// The replicates' score histograms, for the intervals of ranking figures (nil: none).
    var ranking: RankingReplicates?

    /// Counts of no rows in `replicates` replicates.
    init(replicates: Int) {
        rows = Array(repeating: 0, count: replicates)
        hits = rows
        logLossSums = Array(repeating: ExactSum(), count: replicates)
    }

    /// Counts a row of weights `weights` (one per replicate) and, when ranking, its `scores` in
    /// column order.
    mutating func add(_ row: ScoreTally.RowScore, scores: UnsafeBufferPointer<Double>? = nil, weights: UnsafePointer<UInt32>) {
        if ranking != nil, let scores {
            for column in scores.indices {
                ranking!.add(scores[column], column: column, isPositive: column == row.actualColumn, weights: weights)
            }
        }
        for replicate in rows.indices {
            let weight = weights[replicate]
            guard weight > 0 else { continue }
            rows[replicate] &+= UInt64(weight)
            if row.isHit { hits[replicate] &+= UInt64(weight) }
            if let loss = row.loss { logLossSums[replicate].add(loss, times: weight) }
        }
    }

    /// Adds the rows of `other`.
    mutating func merge(_ other: ScoreReplicates) {
        if let otherRanking = other.ranking { ranking?.merge(otherRanking) }
        for replicate in rows.indices {
            rows[replicate] &+= other.rows[replicate]
            hits[replicate] &+= other.hits[replicate]
            logLossSums[replicate].merge(other.logLossSums[replicate])
        }
    }

    /// Each replicate's top-k accuracy (NaN where it drew no row).
    var topKAccuracies: [Double] { perRow { Double(hits[$0]) } }

    /// Each replicate's log loss (NaN where it drew no row).
    var logLosses: [Double] { perRow { logLossSums[$0].value } }

    /// Gives the report's defined `top_k_accuracy` and `log_loss` their intervals at `level`.
    func attach(to report: inout Report, level: Double) {
        if report.topKAccuracy?.value != nil {
            report.topKAccuracy!.ci = ["value": Interval.percentile(topKAccuracies, level: level)]
        }
        if case .some(.some) = report.logLoss {
            report.logLossCI = .some(Interval.percentile(logLosses, level: level))
        }
    }

    /// Each replicate's `numerator` over its weighted rows.
    private func perRow(_ numerator: (Int) -> Double) -> [Double] {
        rows.indices.map { rows[$0] == 0 ? .nan : numerator($0) / Double(rows[$0]) }
    }
}

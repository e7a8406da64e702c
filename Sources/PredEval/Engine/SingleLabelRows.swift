import PredEvalCore

/// Single-label rows' counts: the (actual, predicted) pairs, and what score columns add.
struct SingleLabelRows: RowCounts {
    /// The pairs counted.
    var pairs: SingleLabelCounts
    /// Top-k and log-loss tallies, when score columns are read.
    var scores: ScoreTally?
    /// With `--top-k`: k.
    let topK: Int?
    /// Rows whose actual label is the positive one and whose score fell below the threshold,
    /// before the negative label is known (`finish` makes them pairs).
    var positivesBelowThreshold = 0
    /// With `--ci`: every replicate's counts.
    var replicates: ReplicateCounts?
    /// With `--ci` and score columns: every replicate's top-k hits and log-loss sum.
    var scoreReplicates: ScoreReplicates?
    /// With `--ci`: the weights of the rows held back (`positivesBelowThreshold`), summed per
    /// replicate.
    var heldBackWeights: [UInt32] = []
    /// For `compare`: every counted row, in file order.
    var log: RowLog?

    var rows: Int { pairs.rows + positivesBelowThreshold }

    /// What a state holds: everything but the log, which only `compare` keeps.
    enum CodingKeys: String, CodingKey {
        case pairs, scores, topK, positivesBelowThreshold, replicates, scoreReplicates, heldBackWeights
    }

    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        var report = builder.report(pairs, interner: interner)
        scores?.apply(to: &report, k: topK)
        scores?.applyRanking(to: &report, interner: interner, curvePoints: builder.curvePoints)
        if let scoreReplicates, let bootstrap = builder.bootstrap {
            scoreReplicates.attach(to: &report, level: bootstrap.level)
        }
        if let replicates {
            builder.attachIntervals(
                to: &report, replicates: replicates, ids: builder.reportedIDs(pairs, interner: interner), interner: interner)
        }
        if let ranking = scoreReplicates?.ranking, let bootstrap = builder.bootstrap {
            scores?.attachRankingIntervals(ranking, to: &report, interner: interner, level: bootstrap.level)
        }
        return report
    }

    func relabeled(_ idMap: [Int32]) -> SingleLabelRows {
        var relabeled = self
        relabeled.pairs = pairs.relabeled(idMap)
        relabeled.scores = scores?.relabeled(idMap)
        relabeled.replicates = replicates?.relabeled(idMap)
        relabeled.log = log?.relabeled(idMap)
        return relabeled
    }

    /// Adds `other`'s rows, its ids mapped by `idMap`.
    mutating func merge(_ other: SingleLabelRows, idMap: [Int32]) {
        pairs.merge(other.pairs, idMap: idMap)
        if let otherScores = other.scores { scores?.merge(otherScores) }
        positivesBelowThreshold += other.positivesBelowThreshold
        if let otherReplicates = other.replicates { replicates?.merge(otherReplicates, idMap: idMap) }
        if let otherScores = other.scoreReplicates { scoreReplicates?.merge(otherScores) }
        addHeldBack(other.heldBackWeights)
        if let otherLog = other.log { log?.merge(otherLog, idMap: idMap) }
    }

    /// Holds back a row's weights with the row (`positivesBelowThreshold`).
    mutating func addHeldBack(_ weights: some Collection<UInt32>) {
        guard !weights.isEmpty else { return }
        if heldBackWeights.isEmpty { heldBackWeights = Array(repeating: 0, count: weights.count) }
        for (index, weight) in weights.enumerated() { heldBackWeights[index] += weight }
    }

    /// Counts the rows held back as predicted `negative`.
    mutating func settle(positive: Int32, negative: Int32) {
        pairs.add(actual: positive, predicted: negative, count: positivesBelowThreshold)
        positivesBelowThreshold = 0
        log?.settle(negative: negative)
        scores?.settle(negative: negative)
        if !heldBackWeights.isEmpty {
            heldBackWeights.withUnsafeBufferPointer {
                replicates?.add(actual: positive, predicted: negative, mayBeOneClass: false, weights: $0.baseAddress!)
            }
            heldBackWeights = []
        }
    }
}

import PredEvalCore

/// Multi-label rows counted: their counts and, with `--ci`, every replicate's.
struct MultiLabelRows: RowCounts {
    /// The rows' counts.
    var counts: MultiLabelCounts
    /// With `--ci`: every replicate's counts.
    var replicates: ReplicateCounts?
    /// For `compare`: every counted row, in file order.
    var log: LabelSetLog?
    /// With score columns: their ranking counts, and each column's class id.
    var ranking: RankingCounts?
    var scoreColumnClassIDs: [Int32] = []
    /// With score columns and `--ci`: the replicates' rankings.
    var rankingReplicates: RankingReplicates?

    var rows: Int { counts.rows }

    /// What a state holds: everything but the log, which only `compare` keeps.
    enum CodingKeys: String, CodingKey {
        case counts, replicates, ranking, scoreColumnClassIDs, rankingReplicates
    }

    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        var report = builder.report(counts, interner: interner)
        let rankingBuilder = RankingReportBuilder(form: .multiLabel, columnLabels: scoreColumnClassIDs.map(interner.label))
        if let ranking { rankingBuilder.apply(ranking, to: &report, calibrates: nil, curvePoints: builder.curvePoints) }
        if let replicates {
            builder.attachIntervals(
                to: &report, replicates: replicates, ids: builder.reportedIDs(counts, interner: interner), interner: interner)
        }
        if let ranking, let rankingReplicates, let bootstrap = builder.bootstrap {
            RankingIntervals.attach(rankingReplicates, point: ranking, builder: rankingBuilder, to: &report, level: bootstrap.level)
        }
        return report
    }

    func relabeled(_ idMap: [Int32]) -> MultiLabelRows {
        var relabeled = self
        relabeled.counts = counts.relabeled(idMap)
        relabeled.replicates = replicates?.relabeled(idMap)
        relabeled.log = log?.relabeled(idMap)
        relabeled.scoreColumnClassIDs = scoreColumnClassIDs.map { idMap[Int($0)] }
        return relabeled
    }

    /// Counts a row's scores: each column's against whether its class is in the actual set, and
    /// the row's own ranking of its labels, which it returns.
    @discardableResult
    mutating func addRanking(_ scores: [Double], _ isActual: [Bool]) -> (rocAUC: Double?, averagePrecision: Double) {
        return scores.withUnsafeBufferPointer { scores in
            isActual.withUnsafeBufferPointer { isActual in
                ranking!.add(row: scores, isPositive: isActual)
                return ranking!.addSample(scores, isPositive: isActual)
            }
        }
    }

    /// Counts a row's scores (and its own ranking, `sample`) in every replicate, by its weights.
    mutating func addRankingReplicates(
        _ scores: [Double], _ isActual: [Bool], sample: (rocAUC: Double?, averagePrecision: Double), weights: UnsafePointer<UInt32>
    ) {
        for column in scores.indices {
            rankingReplicates!.add(scores[column], column: column, isPositive: isActual[column], weights: weights)
        }
        rankingReplicates!.addSample(rocAUC: sample.rocAUC, averagePrecision: sample.averagePrecision, weights: weights)
    }

    /// Adds `other`'s rows, its ids mapped by `idMap`.
    mutating func merge(_ other: MultiLabelRows, idMap: [Int32]) {
        counts.merge(other.counts, idMap: idMap)
        if let otherReplicates = other.replicates { replicates?.merge(otherReplicates, idMap: idMap) }
        if let otherLog = other.log { log?.merge(otherLog, idMap: idMap) }
        if let otherRanking = other.ranking { ranking?.merge(otherRanking) }
        if let otherReplicates = other.rankingReplicates { rankingReplicates?.merge(otherReplicates) }
    }
}

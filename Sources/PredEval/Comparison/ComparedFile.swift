import PredEvalCore

/// A single-label file read for `compare`: its report, and its counted rows in file order (ids of
/// the report's classes), which replicates of any metric are counted from.
struct ComparedFile: Sendable {
    /// The file's report, as `evaluate` gives it.
    let report: Report
    /// Its counted rows.
    let log: RowLog
    /// The builder of its report, listing the report's classes in every replicate.
    private let builder: ReportBuilder
    /// The labels of the log's ids.
    private let interner: LabelInterner

    /// Reads `file` under `options` (joined to `truth`, if given).
    init(file: String, options: EvaluationOptions, truth: TruthTable?, progress: (any EvaluationProgress)?) throws(EvaluationError) {
        var logging = options
        logging.logsRows = true
        // The tallies keep no replicates: the comparison counts them from the log.
        logging.bootstrap = nil
        var kept: (SingleLabelRows, ReportBuilder, LabelInterner)?
        report = try FileEvaluation(file: file, options: logging, truth: truth).run(progress: progress) { kept = ($0, $1, $2) }
        guard let (counts, builder, interner) = kept, let log = counts.log else {
            preconditionFailure("a single-label evaluation keeps its counts")
        }
        var listing = builder
        listing.listedLabels = builder.reportedIDs(counts.pairs, interner: interner)
        self.log = log
        self.builder = listing
        self.interner = interner
    }

    /// The label of class `id`.
    func label(_ id: Int32) -> String { interner.label(id) }

    /// The class of `other`'s class `id` here (the same bytes), if this file has one.
    func id(of id: Int32, in other: ComparedFile) -> Int32? {
        other.interner.bytes(of: id).withUnsafeBytes { interner.id(of: $0) }
    }

    /// Whether row `row` is predicted right.
    func isCorrect(_ row: Int) -> Bool { log.actual[row] == log.predicted[row] }

    /// `metric`'s value in each replicate of `weights`, row `i` weighed by `key(i)` (NaN where
    /// undefined).
    ///
    /// - Parameters:
    ///   - metric: a metric the report has.
    ///   - weights: the bootstrap's weights.
    ///   - key: the key of each row.
    /// - Returns: one value per replicate.
    func replicateValues(of metric: ReportMetric, weights: BootstrapWeights, key: (Int) -> UInt64) -> [Double] {
        if metric == .topKAccuracy || metric == .logLoss { return scoreReplicateValues(of: metric, weights: weights, key: key) }
        var replicates = ReplicateCounts(replicates: weights.replicates)
        for row in 0..<log.count {
            let rowKey = key(row)
            replicates.add(actual: log.actual[row], predicted: log.predicted[row]) { weights.add(key: rowKey, to: $0, and: $1) }
        }
        return (0..<weights.replicates).map { replicate in
            let report = builder.replicateReport(replicates.replicate(replicate), mode: .singleLabel, interner: interner)
            return ((try? metric.value(in: report)) ?? nil) ?? .nan
        }
    }

    /// Top-k accuracy's or log loss's value in each replicate: NaN throughout where the report's
    /// is undefined.
    private func scoreReplicateValues(of metric: ReportMetric, weights: BootstrapWeights, key: (Int) -> UInt64) -> [Double] {
        guard (try? metric.value(in: report)) != nil else { return Array(repeating: .nan, count: weights.replicates) }
        var replicates = ScoreReplicates(replicates: weights.replicates)
        let rowWeights = UnsafeMutablePointer<UInt32>.allocate(capacity: weights.replicates)
        defer { rowWeights.deallocate() }
        for row in 0..<log.count {
            weights.fill(key: key(row), into: rowWeights)
            replicates.add(log.score(ofRow: row), weights: rowWeights)
        }
        return metric == .topKAccuracy ? replicates.topKAccuracies : replicates.logLosses
    }
}

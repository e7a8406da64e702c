import Dispatch
import PredEvalCSV
import PredEvalCore
import Synchronization

/// A file read for `compare`: its report, and its counted rows in file order (ids of the report's
/// classes), which replicates of any metric are counted from.
struct ComparedFile: Sendable {
    /// The file's report, as `evaluate` gives it.
    let report: Report
    /// Its counted rows: single-label pairs (with what scores added) or multi-label sets.
    private let rows: Rows
    /// The builder of its report, listing the report's classes in every replicate.
    private let builder: ReportBuilder
    /// The labels of the log's ids.
    private let interner: LabelInterner
    /// Threads counting replicates.
    private let threads: Int

    private enum Rows {
        case singleLabel(RowLog)
        case multiLabel(LabelSetLog)
    }

    /// Reads `file` under `options` (joined to `truth`, if given).
    init(file: String, options: EvaluationOptions, truth: TruthTable?, progress: (any EvaluationProgress)?) throws(EvaluationError) {
        var logging = options
        logging.logsRows = true
        // The tallies keep no replicates: the comparison counts them from the log.
        logging.bootstrap = nil
        var kept: (FileEvaluation.KeptCounts, ReportBuilder, LabelInterner)?
        report = try FileEvaluation(file: file, options: logging, truth: truth).run(progress: progress) { kept = ($0, $1, $2) }
        guard let (counts, builder, interner) = kept else { preconditionFailure("an evaluation keeps its counts") }
        var listing = builder
        switch counts {
        case .singleLabel(let counts):
            listing.listedLabels = builder.reportedIDs(counts.pairs, interner: interner)
            rows = .singleLabel(counts.log!)
        case .multiLabel(let counts):
            listing.listedLabels = builder.reportedIDs(counts.counts, interner: interner)
            rows = .multiLabel(counts.log!)
        }
        self.builder = listing
        self.interner = interner
        threads = options.threads ?? CSVReadPlan.availableCores
    }

    /// Rows counted.
    var rowCount: Int {
        switch rows {
        case .singleLabel(let log): log.count
        case .multiLabel(let log): log.count
        }
    }

    /// Row `row`'s bootstrap key (its id's hash, else its byte offset).
    func key(ofRow row: Int) -> UInt64 {
        switch rows {
        case .singleLabel(let log): log.keys[row]
        case .multiLabel(let log): log.keys[row]
        }
    }

    /// Row `row`'s first line.
    func line(ofRow row: Int) -> Int {
        switch rows {
        case .singleLabel(let log): log.lines[row]
        case .multiLabel(let log): log.lines[row]
        }
    }

    /// Whether row `row` is predicted right (multi-label: its two sets are equal).
    func isCorrect(_ row: Int) -> Bool {
        switch rows {
        case .singleLabel(let log): log.actual[row] == log.predicted[row]
        case .multiLabel(let log): log.isExactMatch(row)
        }
    }

    /// The classes of the log's ids.
    var classCount: Int { interner.count }

    /// Whether the rows are multi-label sets.
    var hasSets: Bool { if case .multiLabel = rows { true } else { false } }

    /// Whether row `row`'s actual label (set) is `base`'s of row `baseRow`, this file's class `i`
    /// being `base`'s `baseClass[i]` (-1: none).
    func actualAgrees(_ row: Int, with base: ComparedFile, _ baseRow: Int, baseClass: [Int32]) -> Bool {
        switch (rows, base.rows) {
        case (.singleLabel(let log), .singleLabel(let baseLog)):
            return baseClass[Int(log.actual[row])] == baseLog.actual[baseRow]
        case (.multiLabel(let log), .multiLabel(let baseLog)):
            return log.actual(ofRow: row).map { baseClass[Int($0)] }.sorted() == Array(baseLog.actual(ofRow: baseRow))
        default:
            preconditionFailure("compared files are read in one mode")
        }
    }

    /// Row `row`'s actual label, or (multi-label) its actual set as `{'a', 'b'}`.
    func actualText(ofRow row: Int) -> String {
        switch rows {
        case .singleLabel(let log):
            return "'\(TerminalText.quoted(interner.label(log.actual[row])))'"
        case .multiLabel(let log):
            return "{" + log.actual(ofRow: row).map { "'\(TerminalText.quoted(interner.label($0)))'" }.joined(separator: ", ") + "}"
        }
    }

    /// The class of `other`'s class `id` here (the same bytes), if this file has one.
    func id(of id: Int32, in other: ComparedFile) -> Int32? {
        other.interner.bytes(of: id).withUnsafeBytes { interner.id(of: $0) }
    }

    /// `metric`'s value in each replicate of `weights`, row `i` weighed by `key(i)` (NaN where
    /// undefined).
    ///
    /// - Parameters:
    ///   - metric: a metric the report has.
    ///   - weights: the bootstrap's weights.
    ///   - key: the key of each row.
    /// - Returns: one value per replicate.
    func replicateValues(of metric: ReportMetric, weights: BootstrapWeights, key: @Sendable (Int) -> UInt64) -> [Double] {
        if metric == .topKAccuracy || metric == .logLoss { return scoreReplicateValues(of: metric, weights: weights, key: key) }
        let replicates = countReplicates(weights: weights, key: key)
        let mode: Report.Mode = hasSets ? .multiLabel : .singleLabel
        return (0..<weights.replicates).map { replicate in
            let report = builder.replicateReport(replicates.replicate(replicate), mode: mode, interner: interner)
            return ((try? metric.value(in: report)) ?? nil) ?? .nan
        }
    }

    // MARK: Private

    /// Every replicate's counts of the rows, counted in parts on `threads` threads and merged
    /// (integer counts: the same however the rows are split).
    private func countReplicates(weights: BootstrapWeights, key: @Sendable (Int) -> UInt64) -> ReplicateCounts {
        let parts = max(1, min(threads, rowCount / 10_000))
        let counted = Mutex<[ReplicateCounts?]>(Array(repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var replicates = ReplicateCounts(replicates: weights.replicates)
            let rowsOfPart = (rowCount * part / parts)..<(rowCount * (part + 1) / parts)
            switch rows {
            case .singleLabel(let log):
                for row in rowsOfPart {
                    let rowKey = key(row)
                    replicates.add(actual: log.actual[row], predicted: log.predicted[row]) { weights.add(key: rowKey, to: $0, and: $1) }
                }
            case .multiLabel(let log):
                let rowWeights = UnsafeMutablePointer<UInt32>.allocate(capacity: weights.replicates)
                defer { rowWeights.deallocate() }
                log.forEachRow(in: rowsOfPart) { row, actual, predicted in
                    weights.fill(key: key(row), into: rowWeights)
                    let common = actual.count { predicted.contains($0) }
                    let overlap = RowOverlap(common: common, actual: actual.count, predicted: predicted.count)
                    replicates.add(actual: actual, predicted: predicted, overlap: overlap, weights: rowWeights)
                }
            }
            counted.withLock { $0[part] = replicates }
        }
        var merged = ReplicateCounts(replicates: weights.replicates)
        let counts = counted.withLock { $0 }.compactMap { $0 }
        // The log's ids may pass the interner's labels (a class relabeling adds): they count as themselves.
        let identity = (0..<Int32(counts.reduce(classCount) { max($0, $1.labelCount) })).map { $0 }
        for part in counts { merged.merge(part, idMap: identity) }
        return merged
    }

    /// Top-k accuracy's or log loss's value in each replicate: NaN throughout where the report's
    /// is undefined.
    private func scoreReplicateValues(of metric: ReportMetric, weights: BootstrapWeights, key: (Int) -> UInt64) -> [Double] {
        guard case .singleLabel(let log) = rows, (try? metric.value(in: report)) != nil else {
            return Array(repeating: .nan, count: weights.replicates)
        }
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

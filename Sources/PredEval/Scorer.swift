/// Scores rows handed over in process, one at a time, with no file and no CSV: the counts and
/// the report of `Evaluator`, for a stream of predictions a program makes itself.
///
/// ```swift
/// var scorer = Scorer(mode: .singleLabel)
/// scorer.add(actual: "cat", predicted: "dog")
/// let report = scorer.report()
///
/// var scored = Scorer(scoreClasses: ["cat", "dog"], topK: 1)   // a model's probabilities
/// try scored.add(actual: "cat", scores: [0.8, 0.2])             // predicted: cat
/// ```
public struct Scorer: Sendable {
    /// Single- or multi-label rows; a multi-label scorer takes sets (its separator is not used).
    public let mode: EvaluationOptions.Mode
    /// The labels to report, in order, or nil for every label seen.
    public let labels: [String]?
    /// What an undefined metric becomes.
    public let zeroDivision: ZeroDivision
    /// What the report calls the rows' source (its `file`).
    public let source: String

    /// With score rows: the class of each score, in order.
    public let scoreClasses: [String]?
    /// With score rows: also top-k accuracy.
    public let topK: Int?
    /// F-beta's β: the report's classes and averages gain `fbeta`.
    public let beta: Double?

    private var interner = LabelInterner()
    private var listedIDs: [Int32]
    private var scoreClassIDs: [Int32] = []
    private var scoreTally: ScoreTally
    private var singleLabel = SingleLabelCounts()
    private var multiLabel: MultiLabelCounts

    /// A scorer with nothing counted yet.
    ///
    /// - Parameters:
    ///   - mode: single-label (one label per row and side) or multi-label (a set per side).
    ///   - labels: report exactly these labels in this order, as scikit-learn's `labels=`; nil
    ///     reports every label seen, in Unicode code point order.
    ///   - zeroDivision: what an undefined metric becomes.
    ///   - source: the report's `file`.
    ///   - scoreClasses: for rows given as scores (`add(actual:scores:)`, single-label): the class
    ///     of each score, in order, each once; the report then has `logLoss`, `ranking` and
    ///     `calibration` (and, with `topK`, `topKAccuracy`) as a file's score columns give them.
    ///   - topK: with `scoreClasses`: also top-k accuracy for this k (below the number of classes).
    ///   - beta: F-beta's β (finite, 0 or more), or nil for no F-beta.
    public init(
        mode: EvaluationOptions.Mode = .singleLabel, labels: [String]? = nil, zeroDivision: ZeroDivision = .warn,
        source: String = "-", scoreClasses: [String]? = nil, topK: Int? = nil, beta: Double? = nil
    ) {
        precondition(beta.map { $0.isFinite && $0 >= 0 } ?? true, "beta must be a finite number of at least 0")
        precondition(scoreClasses.map { Set($0).count == $0.count } ?? true, "every score class must be named once")
        precondition(topK.map { $0 >= 1 && $0 < (scoreClasses?.count ?? 0) } ?? true, "top-k needs 1 <= k < classes")
        self.mode = mode
        self.labels = labels
        self.zeroDivision = zeroDivision
        self.source = source
        self.scoreClasses = scoreClasses
        self.topK = topK
        self.beta = beta
        listedIDs = []
        for label in labels ?? [] { listedIDs.append(interner.intern(label)) }
        for label in scoreClasses ?? [] { scoreClassIDs.append(interner.intern(label)) }
        scoreTally = ScoreTally(columnClassIDs: scoreClassIDs, isBinary: false, calibrationBins: 10)
        multiLabel = MultiLabelCounts(tallyLimit: labels.map { Int32($0.count) })
    }

    /// A scorer with the mode, labels and zero-division rule of `options`.
    ///
    /// - Parameters:
    ///   - options: the options whose scoring rules to take (reading options do not apply).
    ///   - source: the report's `file`.
    public init(_ options: EvaluationOptions, source: String = "-") {
        self.init(mode: options.mode, labels: options.labels, zeroDivision: options.zeroDivision, source: source, beta: options.beta)
    }

    /// How many rows have been counted.
    public var rows: Int { isMultiLabel ? multiLabel.rows : singleLabel.rows }

    /// Counts one single-label row.
    ///
    /// - Parameters:
    ///   - actual: the true label.
    ///   - predicted: the predicted label.
    /// - Precondition: the scorer is single-label.
    public mutating func add(actual: String, predicted: String) {
        precondition(!isMultiLabel, "a multi-label scorer takes sets of labels")
        singleLabel.add(actual: interner.intern(actual), predicted: interner.intern(predicted))
    }

    /// Counts one single-label row given as bytes: labels that are not UTF-8 stay distinct, as
    /// they do in a file.
    ///
    /// - Parameters:
    ///   - actualBytes: the true label's bytes.
    ///   - predictedBytes: the predicted label's bytes.
    /// - Precondition: the scorer is single-label.
    public mutating func add(actualBytes: [UInt8], predictedBytes: [UInt8]) {
        precondition(!isMultiLabel, "a multi-label scorer takes sets of labels")
        let actual = actualBytes.withUnsafeBytes { interner.intern($0) }
        singleLabel.add(actual: actual, predicted: predictedBytes.withUnsafeBytes { interner.intern($0) })
    }

    /// Counts one single-label row given as a model's scores, one per class of `scoreClasses`, in
    /// that order: the class of the highest score is the prediction (the first on ties), as
    /// `scores` columns of a file are read.
    ///
    /// - Parameters:
    ///   - actual: the true label.
    ///   - scores: one score per score class.
    /// - Throws: `EvaluationError` (`notANumber`, with the row's 1-based number as its line) for
    ///   a score that is NaN or infinite; nothing is counted then.
    /// - Precondition: the scorer is single-label with `scoreClasses`, and `scores` has one score
    ///   per class.
    public mutating func add(actual: String, scores: [Double]) throws(EvaluationError) {
        precondition(!isMultiLabel && scoreClasses != nil, "scores need a single-label scorer with scoreClasses")
        precondition(scores.count == scoreClassIDs.count, "one score per score class")
        if let column = scores.firstIndex(where: { !$0.isFinite }) {
            throw EvaluationError(
                file: source, line: rows + 1,
                reason: .notANumber(.scores, column: scoreClasses![column], cell: "\(scores[column])"))
        }
        var best = 0
        for (index, score) in scores.enumerated() where score > scores[best] { best = index }
        let actualID = interner.intern(actual)
        singleLabel.add(actual: actualID, predicted: scoreClassIDs[best])
        let actualColumn = scoreClassIDs.firstIndex(of: actualID)
        scores.withUnsafeBufferPointer { _ = scoreTally.add($0, actualColumn: actualColumn, k: topK) }
    }

    /// Counts one multi-label row; a label repeated within a set counts once.
    ///
    /// - Parameters:
    ///   - actual: the true label set (may be empty).
    ///   - predicted: the predicted label set (may be empty).
    /// - Precondition: the scorer is multi-label.
    public mutating func add(actual: [String], predicted: [String]) {
        precondition(isMultiLabel, "a single-label scorer takes one label per side")
        multiLabel.beginRow()
        for label in actual { multiLabel.addActual(interner.intern(label)) }
        for label in predicted { multiLabel.addPredicted(interner.intern(label)) }
        multiLabel.endRow()
    }

    /// Counts one multi-label row given as the bytes of each label; a label repeated within a set
    /// counts once.
    ///
    /// - Parameters:
    ///   - actualSetBytes: the bytes of each true label.
    ///   - predictedSetBytes: the bytes of each predicted label.
    /// - Precondition: the scorer is multi-label.
    public mutating func add(actualSetBytes: [[UInt8]], predictedSetBytes: [[UInt8]]) {
        precondition(isMultiLabel, "a single-label scorer takes one label per side")
        multiLabel.beginRow()
        for label in actualSetBytes { multiLabel.addActual(label.withUnsafeBytes { interner.intern($0) }) }
        for label in predictedSetBytes { multiLabel.addPredicted(label.withUnsafeBytes { interner.intern($0) }) }
        multiLabel.endRow()
    }

    /// The report on the rows counted so far (the scorer can go on counting).
    ///
    /// - Returns: the report, as `Evaluator` makes it for a file holding these rows.
    public func report() -> Report {
        var builder = ReportBuilder(
            file: source, listedLabels: labels == nil ? nil : listedIDs, zeroDivision: zeroDivision)
        builder.beta = beta
        if isMultiLabel { return builder.report(multiLabel, interner: interner) }
        var report = builder.report(singleLabel, interner: interner)
        if scoreClasses != nil {
            scoreTally.apply(to: &report, k: topK)
            scoreTally.applyRanking(to: &report, interner: interner, curvePoints: nil)
        }
        return report
    }

    private var isMultiLabel: Bool {
        if case .multiLabel = mode { return true }
        return false
    }
}

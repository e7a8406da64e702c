import PredEvalCore

/// `compare`: candidates against a baseline on the same rows. Each file is read as `evaluate`
/// reads it, its counted rows logged; rows are paired by id (`id`, or the truth join's id) or
/// by row order, and the paired bootstrap weighs a row alike in both files: by its id, or in row
/// order by the baseline's offset of the row (design §6).
struct ModelComparer {
    let options: EvaluationOptions
    let metric: ReportMetric
    let progress: (any EvaluationProgress)?

    /// The bootstrap every comparison draws.
    var bootstrap: BootstrapOptions { options.bootstrap ?? BootstrapOptions(level: 0.95) }

    /// Whether rows are paired by id rather than by row order.
    var pairsByID: Bool { options.id != nil }

    /// Compares each candidate with the baseline, calling `each` with each file's report once read.
    func compare(baseline: String, candidates: [String], each: (Report) -> Void) throws(EvaluationError) -> ComparisonReport {
        var checked = options
        checked.bootstrap = bootstrap
        if let problem = checked.problem {
            throw EvaluationError(file: options.truth ?? baseline, reason: .invalidOptions(problem))
        }
        if metric.isFromScores {
            throw EvaluationError(
                file: baseline, reason: .metricUnavailable("\(metric): compare draws no intervals of ranking or calibration figures yet"))
        }
        let truth = try options.truth.map { file throws(EvaluationError) in try TruthTable.load(options, file: file) }
        let weights = BootstrapWeights(replicates: bootstrap.replicates, seed: bootstrap.seed)
        let base = try read(baseline, truth: truth)
        each(base.report)
        let baseValue = try value(in: base.report)
        let baseIndex = pairsByID ? try Self.rowsByKey(of: base) : [:]
        let baseReplicates = base.replicateValues(of: metric, weights: weights) { base.key(ofRow: $0) }
        var comparisons: [ModelComparison] = []
        for file in candidates {
            let candidate = try read(file, truth: truth)
            each(candidate.report)
            let candidateValue = try value(in: candidate.report)
            let pairing = try pairsByID ? pairByID(candidate, with: base, baseIndex) : pairByRowOrder(candidate, with: base)
            let candidateReplicates = candidate.replicateValues(of: metric, weights: weights) { [pairsByID] in
                pairsByID ? candidate.key(ofRow: $0) : base.key(ofRow: $0)
            }
            let differences = zip(candidateReplicates, baseReplicates).map { $0 - $1 }
            comparisons.append(
                ModelComparison(
                    baseline: baseline, candidate: file, metric: metric.description, baselineValue: baseValue,
                    candidateValue: candidateValue, differenceCI: Interval.percentile(differences, level: bootstrap.level),
                    mcnemar: McNemarTest(b: pairing.b, c: pairing.c), pairedRows: pairing.rows,
                    lowerIsBetter: metric.lowerIsBetter))
        }
        let summary = BootstrapSummary(
            replicates: bootstrap.replicates, level: bootstrap.level, seed: bootstrap.seed, key: pairsByID ? .id : .offset)
        return ComparisonReport(comparisons: comparisons, bootstrap: summary)
    }

    // MARK: Private

    /// Rows paired, and McNemar's discordant rows among them.
    private struct Pairing {
        var rows = 0
        var b = 0
        var c = 0

        mutating func add(baselineIsCorrect: Bool, candidateIsCorrect: Bool) {
            rows += 1
            if baselineIsCorrect && !candidateIsCorrect { b += 1 }
            if candidateIsCorrect && !baselineIsCorrect { c += 1 }
        }
    }

    private func read(_ file: String, truth: TruthTable?) throws(EvaluationError) -> ComparedFile {
        let compared = try ComparedFile(file: file, options: options, truth: truth, progress: progress)
        if compared.rowCount > ReplicateCounts.rowLimit {
            throw EvaluationError(file: file, reason: .tooManyRowsForBootstrap(limit: ReplicateCounts.rowLimit))
        }
        return compared
    }

    private func value(in report: Report) throws(EvaluationError) -> Double? {
        do {
            return try metric.value(in: report)
        } catch {
            throw EvaluationError(file: error.file, reason: .metricUnavailable(error.message))
        }
    }

    /// Row `i` of the candidate with row `i` of the baseline: as many rows, the same actual label.
    private func pairByRowOrder(_ candidate: ComparedFile, with base: ComparedFile) throws(EvaluationError) -> Pairing {
        guard candidate.rowCount == base.rowCount else {
            throw EvaluationError(
                file: candidate.report.file,
                reason: .rowCountDiffers(baseline: base.report.file, baselineRows: base.rowCount, rows: candidate.rowCount))
        }
        let baseClass = Self.classMap(from: candidate, to: base)
        var pairing = Pairing()
        for row in 0..<candidate.rowCount {
            try Self.checkActual(candidate, row, against: base, row, baseClass)
            pairing.add(baselineIsCorrect: base.isCorrect(row), candidateIsCorrect: candidate.isCorrect(row))
        }
        return pairing
    }

    /// Each candidate row with the baseline row of its id. Without a truth file both files hold
    /// the same ids, with the same actual labels; with one, the ids both score are paired.
    private func pairByID(
        _ candidate: ComparedFile, with base: ComparedFile, _ baseIndex: [UInt64: Int]
    ) throws(EvaluationError) -> Pairing {
        let candidateIndex = try Self.rowsByKey(of: candidate)
        let baseClass = Self.classMap(from: candidate, to: base)
        var pairing = Pairing()
        for row in 0..<candidate.rowCount {
            guard let baseRow = baseIndex[candidate.key(ofRow: row)] else {
                if options.truth != nil { continue }
                throw EvaluationError(
                    file: candidate.report.file, line: candidate.line(ofRow: row), reason: .unpairedID(otherFile: base.report.file))
            }
            try Self.checkActual(candidate, row, against: base, baseRow, baseClass)
            pairing.add(baselineIsCorrect: base.isCorrect(baseRow), candidateIsCorrect: candidate.isCorrect(row))
        }
        if options.truth == nil && pairing.rows < base.rowCount,
            let baseRow = (0..<base.rowCount).first(where: { candidateIndex[base.key(ofRow: $0)] == nil })
        {
            throw EvaluationError(
                file: base.report.file, line: base.line(ofRow: baseRow), reason: .unpairedID(otherFile: candidate.report.file))
        }
        return pairing
    }

    /// The row of each key (an id's hash); throws at a key's second row.
    private static func rowsByKey(of file: ComparedFile) throws(EvaluationError) -> [UInt64: Int] {
        var rows: [UInt64: Int] = [:]
        rows.reserveCapacity(file.rowCount)
        for row in 0..<file.rowCount {
            if let first = rows.updateValue(row, forKey: file.key(ofRow: row)) {
                throw EvaluationError(
                    file: file.report.file, line: file.line(ofRow: row), reason: .repeatedRowKey(firstLine: file.line(ofRow: first)))
            }
        }
        return rows
    }

    /// For each class of `candidate`, the baseline's class of the same label (-1: none).
    private static func classMap(from candidate: ComparedFile, to base: ComparedFile) -> [Int32] {
        // By bytes: labels that are not UTF-8 show alike as text.
        (0..<Int32(candidate.classCount)).map { base.id(of: $0, in: candidate) ?? -1 }
    }

    /// Throws when the candidate's row `row` has another actual label (set) than the baseline's `baseRow`.
    private static func checkActual(
        _ candidate: ComparedFile, _ row: Int, against base: ComparedFile, _ baseRow: Int, _ baseClass: [Int32]
    ) throws(EvaluationError) {
        guard !candidate.actualAgrees(row, with: base, baseRow, baseClass: baseClass) else { return }
        throw EvaluationError(
            file: candidate.report.file, line: candidate.line(ofRow: row),
            reason: .actualDiffers(
                actual: candidate.actualText(ofRow: row), baseline: base.report.file, baselineLine: base.line(ofRow: baseRow),
                baselineActual: base.actualText(ofRow: baseRow), areSets: candidate.hasSets))
    }
}

extension Evaluator {
    /// Compares each candidate with the baseline on the same rows (design §3 `compare`): the
    /// metric of each, its difference with the interval of the paired bootstrap (`bootstrap`, or
    /// 1000 replicates at 0.95, seed 0), McNemar's exact test. Rows pair by `id` (or, with
    /// `truth`, the join's id); without one, by row order, when the actual labels agree row by row.
    ///
    /// - Parameters:
    ///   - baseline: the baseline's file.
    ///   - candidates: the candidates' files, in order.
    ///   - metric: the metric compared (`top-k-accuracy` and `log-loss` too, with score columns).
    ///   - each: called with each file's report once it is read.
    /// - Returns: one comparison per candidate.
    /// - Throws: `EvaluationError`: a file that cannot be scored, or rows that do not pair (other
    ///   counts, other actual labels, an id one file lacks or holds twice).
    public func compare(
        baseline: String, candidates: [String], metric: ReportMetric = .average(.macro, .f1), each: (Report) -> Void = { _ in }
    ) throws(EvaluationError) -> ComparisonReport {
        try ModelComparer(options: options, metric: metric, progress: progress).compare(
            baseline: baseline, candidates: candidates, each: each)
    }
}

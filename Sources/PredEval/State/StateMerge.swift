import PredEvalCSV

extension Evaluator {
    /// Counts one file into its mergeable state instead of a report (no truth join).
    ///
    /// - Parameter file: the path to read; `-` reads standard input.
    /// - Returns: the state, for `merge(states:)` or a state file (`EvaluationState.serialized`).
    /// - Throws: `EvaluationError` as `evaluate(file:)` does, and for a truth join.
    public func state(file: String) throws(EvaluationError) -> EvaluationState {
        if let problem = options.problem { throw EvaluationError(file: file, reason: .invalidOptions(problem)) }
        return try FileEvaluation(file: file, options: options, truth: nil).state(progress: progress)
    }

    /// The report on the rows of `states`, merged: the report of one pass over all their rows
    /// (its `file` aside), slices, intervals and score histograms included.
    ///
    /// Counting options come from the states, which must agree on them and on the columns;
    /// `report` may change what only the report reads.
    ///
    /// - Parameters:
    ///   - states: the states, each with the path it was read from (for errors).
    ///   - file: what the report names as its file.
    ///   - report: the report's options; nil ones are the first state's.
    /// - Throws: `EvaluationError` naming the state that does not agree with the first (and
    ///   what differs), or what one pass would throw (no rows left to score, say).
    public static func merge(
        states: [(state: EvaluationState, path: String)], file: String, report: MergedReportOptions = MergedReportOptions()
    ) throws(EvaluationError) -> Report {
        let (first, layout) = try agreed(states, file: file)
        var options = first.options
        if let zeroDivision = report.zeroDivision { options.zeroDivision = zeroDivision }
        if let beta = report.beta { options.beta = beta }
        if let curvePoints = report.curvePoints { options.curvePoints = curvePoints }
        if let minimumGroupRows = report.minimumGroupRows { options.minimumGroupRows = minimumGroupRows }
        if let level = report.level, options.bootstrap != nil { options.bootstrap!.level = level }
        return try FileEvaluation(file: file, options: options, truth: nil).report(merging: states.map(\.state), layout: layout)
    }

    /// The states merged into one, as a state of all their rows (for merging in stages).
    ///
    /// - Parameters:
    ///   - states: the states, each with the path it was read from (for errors).
    ///   - file: what the merged state names as its file.
    /// - Throws: `EvaluationError` naming the state that does not agree with the first.
    public static func mergedState(states: [(state: EvaluationState, path: String)], file: String) throws(EvaluationError) -> EvaluationState {
        let (first, layout) = try agreed(states, file: file)
        return try FileEvaluation(file: file, options: first.options, truth: nil).state(merging: states.map(\.state), layout: layout)
    }

    // MARK: Private

    /// The first state and its columns, once every state agrees with it.
    private static func agreed(
        _ states: [(state: EvaluationState, path: String)], file: String
    ) throws(EvaluationError) -> (EvaluationState, RowLayout) {
        guard let (first, firstPath) = states.first else {
            throw EvaluationError(file: file, reason: .badState(.corrupt("no states to merge")))
        }
        for (state, path) in states.dropFirst() {
            if let difference = difference(first, state) {
                throw EvaluationError(file: path, reason: .badState(.mismatched(what: difference, firstState: firstPath)))
            }
        }
        if states.count > 1, first.options.bootstrap != nil, first.options.id == nil {
            throw EvaluationError(
                file: states[1].path,
                reason: .badState(.mismatched(what: "the rows' bootstrap keys (offsets within each part: count the parts with an id column)", firstState: firstPath)))
        }
        return (first, first.layout)
    }

    /// What keeps `state` from merging with `first`, worded for a message; nil when they agree.
    private static func difference(_ first: EvaluationState, _ state: EvaluationState) -> String? {
        let (a, b) = (countingOptions(first.options), countingOptions(state.options))
        if a == b && first.layout == state.layout { return nil }
        let named: [(String, (EvaluationOptions) -> Bool)] = [
            ("the modes (single- or multi-label, the label separator)", { $0.mode == a.mode && $0.labelFormat == a.labelFormat }),
            ("the label lists", { $0.labels == a.labels }),
            ("the label types", { $0.labelType == a.labelType }),
            ("the label maps", { $0.labelMap == a.labelMap }),
            ("the bootstraps (replicates, seed)", { $0.bootstrap == a.bootstrap }),
            ("the group columns", { $0.groupBy == a.groupBy }),
        ]
        for (name, agrees) in named where !agrees(b) { return name }
        if a != b { return "the counting options (columns, scores, thresholds, missing values)" }
        return "the files' columns (header, positions or delimiter)"
    }

    /// `options` without what may differ between parts: how a part was read (threads, read
    /// sizes, score memory) and what only the report reads.
    private static func countingOptions(_ options: EvaluationOptions) -> EvaluationOptions {
        var counting = options
        let defaults = EvaluationOptions()
        // Parts with a header and headerless ones named by `columnNames` agree when their
        // layouts (the header's names, the columns' positions) do.
        counting.hasHeader = defaults.hasHeader
        counting.columnNames = nil
        counting.threads = nil
        counting.minimumPartBytes = defaults.minimumPartBytes
        counting.readSize = defaults.readSize
        counting.maximumScoreMemory = defaults.maximumScoreMemory
        counting.zeroDivision = defaults.zeroDivision
        counting.beta = defaults.beta
        counting.curvePoints = defaults.curvePoints
        counting.minimumGroupRows = defaults.minimumGroupRows
        if counting.bootstrap != nil { counting.bootstrap!.level = 0.95 }
        return counting
    }
}

/// What a merged report may read otherwise than the states were counted: each nil is the
/// first state's.
public struct MergedReportOptions: Sendable, Equatable {
    /// What an undefined metric becomes.
    public var zeroDivision: ZeroDivision?
    /// F-beta's beta.
    public var beta: Double?
    /// Points of the ROC and precision-recall curves.
    public var curvePoints: Int?
    /// The fewest rows a slice needs to be reported.
    public var minimumGroupRows: Int?
    /// The bootstrap intervals' level (the states must have replicates).
    public var level: Double?

    /// Every option the first state's.
    public init() {}
}

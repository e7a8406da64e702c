/// Scores prediction files: rows streamed in one pass (parts of a large file on every core),
/// labels counted, the report built; optionally joined to a truth file by id and sliced by a
/// group column. What `predeval evaluate` runs, without its flags or its output.
///
/// ```swift
/// var options = EvaluationOptions()
/// options.actual = .name("gold")
/// let report = try Evaluator(options).evaluate(file: "preds.csv")
/// ```
public struct Evaluator: Sendable {
    /// How files are read and scored.
    public let options: EvaluationOptions
    /// Told how far the reading of large files is, if given.
    public let progress: (any EvaluationProgress)?

    /// An evaluator with `options`.
    ///
    /// - Parameters:
    ///   - options: how files are read and scored; every default is the command line's.
    ///   - progress: told how far each file's reading is (none by default).
    public init(_ options: EvaluationOptions = EvaluationOptions(), progress: (any EvaluationProgress)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Scores one file.
    ///
    /// - Parameter file: the path to read; `-` reads standard input.
    /// - Returns: the report on the file (with `options.truth`, on its rows joined to the truth).
    /// - Throws: `EvaluationError` naming the file and line: unreadable or malformed input, a
    ///   missing column, options no evaluation can take, nothing left to score.
    public func evaluate(file: String) throws(EvaluationError) -> Report {
        try evaluate(files: [file])[0]
    }

    /// Scores several files with the same options, in order, reading the truth file (if any) once.
    ///
    /// - Parameters:
    ///   - files: the paths to read; `-` (at most once) reads standard input.
    ///   - each: called with each file's report as soon as it is made, before the next is read.
    /// - Returns: one report per file, in the order given.
    /// - Throws: `EvaluationError` for the first file that cannot be scored.
    public func evaluate(files: [String], each: (Report) -> Void = { _ in }) throws(EvaluationError) -> [Report] {
        if let problem = options.problem {
            throw EvaluationError(file: options.truth ?? files.first ?? "-", reason: .invalidOptions(problem))
        }
        let truth = try options.truth.map { file throws(EvaluationError) in try TruthTable.load(options, file: file) }
        var reports: [Report] = []
        for file in files {
            let report = try FileEvaluation(file: file, options: options, truth: truth).run(progress: progress)
            each(report)
            reports.append(report)
        }
        return reports
    }
}

public import ArgumentParser
import PredEval

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `predeval evaluate FILE...`: scores prediction files, alone or as a leaderboard, whole or in
/// slices, optionally joined to a truth file by id.
public struct EvaluateCommand: ParsableCommand {
    /// Name, abstract and the examples that document the command.
    public static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a CSV of actual and predicted labels (the default subcommand).",
        discussion: """
            Columns are found by header name (case-insensitive): actual labels in a column named \
            \(EvaluationOptions.defaultActualNames.joined(separator: ", ")); predicted labels in one named \
            \(EvaluationOptions.defaultPredictedNames.joined(separator: ", ")). Name others with --actual and \
            --predicted (a header name, or a 1-based position).

            gzip, zstd and UTF-16 (with a byte-order mark) input is read as it is, told by its first \
            bytes, from a file or standard input.

            Labels are reported in Unicode code point order unless --labels gives the order. \
            Every number follows scikit-learn's precision_recall_fscore_support.

            Examples:
              predeval preds.csv
              predeval preds.csv.gz
              predeval evaluate preds.csv --actual y_true --predicted y_pred --format json
              predeval preds.tsv --labels cat,dog --zero-division 0 --confusion-matrix
              predeval tags.csv --multi-label --label-separator ';'
              predeval probs.csv --actual label --scores 'p_*' --top-k 3
              predeval churn.csv --actual churned --score p_yes --positive yes --threshold 0.3
              predeval tags.csv --multi-label --actual-columns 'y_*' --scores 'p_*' --threshold 0.4
              cat preds.csv | predeval - --no-header --actual 2 --predicted 3
              predeval model_a.csv model_b.csv --rank-by micro-f1 --format markdown
              predeval preds.csv --group-by language --min-group-rows 30
              predeval submission.csv --truth truth.csv --id id --actual label --predicted pred
              predeval preds.csv --fail-under macro-f1=0.8 --fail-under recall:fraud=0.9

            Exit status: 0 report written; 1 a --fail-under quality gate failed (the report is still written); \
            2 bad usage or bad input (the message names the file and line), also when the \
            report cannot be written or --output names an input; 130 or 143 after SIGINT or \
            SIGTERM (no partial report is left). predeval never dies by a signal.
            """)

    /// The files to score, in order.
    @Argument(help: "The CSV files to score, each with the same options; '-' reads standard input.")
    public var files: [String]

    @OptionGroup(title: "Columns and reading")
    var columns: ColumnOptions

    @OptionGroup(title: "Labels")
    var labelOptions: LabelOptions

    @OptionGroup(title: "Model outputs: scores, binary problems, indicator and list columns")
    var modelOutput: ModelOutputOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @OptionGroup(title: "Statistics")
    var statistics: StatisticsOptions

    @OptionGroup(title: "Slices, truth files, gates and leaderboards")
    var batch: BatchOptions

    @Option(help: ArgumentHelp("Write the file's mergeable state to this file ('-': standard output) instead of a report; 'predeval merge' reports on states (docs/state-format.md).", valueName: "path"))
    var emitState: String?

    /// The command with every option at its default.
    public init() {}

    /// Checks what the option types alone do not: files, and options that do not go together.
    ///
    /// - Throws: `ValidationError` naming the flag.
    public func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to score ('-' for standard input).") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        if emitState != nil {
            if files.count > 1 { throw ValidationError("--emit-state takes one file (merge the states of several with 'predeval merge').") }
            if output.output != nil { throw ValidationError("--emit-state writes the state instead of a report: give it without --output.") }
            if !batch.failUnder.isEmpty { throw ValidationError("--emit-state writes no report to gate: give --fail-under to 'predeval merge'.") }
            if batch.join.truth != nil { throw ValidationError("--emit-state cannot be given with --truth: a part's state needs its actual labels.") }
        }
        // Options that only do something beside another one.
        let slices = OptionNeed(
            given: batch.minGroupRows != nil, option: "--min-group-rows", needed: "--group-by", neededGiven: batch.groupBy != nil)
        for need in [slices] + labelOptions.needs + batch.join.needs + statistics.needs { try need.check() }
        if let problem = evaluationOptions.problem {
            throw ValidationError(EvaluationError(file: "", reason: .invalidOptions(problem)).message(using: .commandLine))
        }
    }

    /// Scores the files, checks the quality gates, writes the report, then reports failed gates.
    /// Everything that can refuse runs before a byte is written.
    ///
    /// - Throws: `EvaluationError` for bad input, `CommandFailure` when the output is an input or
    ///   cannot be written, `ExitCode` 1 when a gate failed.
    public func run() throws {
        let destination = ReportOutput(path: emitState ?? output.output)
        try destination.checkNotAmong(files + (batch.join.truth.map { [$0] } ?? []))
        let progress = output.noProgress || output.format == .json || emitState == "-" ? nil : ProgressLine.forTerminal()
        var options = evaluationOptions
        if let labelMap = labelOptions.labelMap { options.labelMap = try labelMap.renames() }
        if emitState != nil {
            try StateFiles.refuseTerminal(destination)
            let state = try Evaluator(options, progress: progress).state(file: files[0])
            return try destination.write(bytes: state.serialized)
        }
        let reports = try Evaluator(options, progress: progress).evaluate(files: files) { report in
            for warning in report.warnings { Diagnostics.warn("\(TerminalText.escaped(report.file)): \(warning)") }
            if let audit = report.audit, audit.extra > 0 {
                Diagnostics.warn(
                    "\(TerminalText.escaped(report.file)): \(audit.extra) predictions have ids that \(TerminalText.escaped(batch.join.truth ?? "")) lacks; they are not scored")
            }
        }
        try presentation.write(reports, to: destination)
    }

    // MARK: Private

    /// How the reports are rendered and gated.
    private var presentation: ReportPresentation {
        ReportPresentation(
            output: output, allStats: statistics.allStats, normalize: statistics.normalize, rankBy: batch.rankBy,
            details: batch.details, failUnder: batch.failUnder)
    }
}

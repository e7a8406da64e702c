public import ArgumentParser
import PredEval

/// `predeval merge STATE...`: the report on the merged states of parts of a dataset, each
/// written by `predeval --emit-state`: the report of one pass over all their rows.
public struct MergeCommand: ParsableCommand {
    /// Name, abstract and the examples that document the command.
    public static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Report on the merged states of parts of a dataset (written by --emit-state): the report of one pass over all their rows.",
        discussion: """
            Each state holds a part's labels and counts, slices, bootstrap replicates and score \
            histograms, and the options it was counted under; the states must agree on those \
            options and on the columns (else exit 2, naming the state and what differs). Parts \
            may hold their rows in any order; with --ci they key the bootstrap by --id. The report \
            options below change only the report; each one not given is the states'.

            Examples:
              predeval part-1.csv --emit-state part-1.state
              predeval merge part-*.state --format json
              predeval merge part-*.state --emit-state all.state
              cat part.csv | predeval - --no-header --columns id,label,pred --id id --ci 0.95 --emit-state - > part.state

            Exit status: 0 report written; 1 a --fail-under quality gate failed; 2 bad usage, or a \
            state that is unreadable, corrupt, truncated, of another format version or counted \
            otherwise than the first (the message names the file and why).
            """)

    /// The state files, in order.
    @Argument(help: "The state files to merge; '-' reads one from standard input.")
    public var states: [String]

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @Option(help: ArgumentHelp("What an undefined metric (zero denominator) becomes: warn, 0, 1, or nan.", valueName: "mode"))
    var zeroDivision: ZeroDivision?

    @Option(parsing: .unconditional, help: ArgumentHelp("Also F-beta with this beta.", valueName: "beta"))
    var beta: Double?

    @Flag(help: "Text and Markdown output also show every statistic.")
    var allStats = false

    @Option(help: ArgumentHelp("Show the confusion matrix as shares: true, pred or all.", valueName: "over"))
    var normalize: MatrixNormalization?

    @Option(parsing: .unconditional, help: ArgumentHelp("The level of the bootstrap intervals (the states must have been counted with --ci).", valueName: "level"))
    var ci: Double?

    @Option(help: ArgumentHelp("Points of the ROC and precision-recall curves in the report.", valueName: "n"))
    var curvePoints: Int?

    @Option(help: ArgumentHelp("Leave slices with fewer rows out of the slice table.", valueName: "n"))
    var minGroupRows: Int?

    @Option(help: ArgumentHelp("Exit with status 1 when METRIC is below VALUE (as 'predeval evaluate' takes it).", valueName: "metric=value"), transform: QualityGate.parsed)
    var failUnder: [QualityGate] = []

    @Option(help: ArgumentHelp("Write the merged state to this file ('-': standard output) instead of a report.", valueName: "path"))
    var emitState: String?

    /// The command with every option at its default.
    public init() {}

    /// Checks what the option types alone do not.
    ///
    /// - Throws: `ValidationError` naming the flag.
    public func validate() throws {
        if states.isEmpty { throw ValidationError("Name at least one state file to merge.") }
        if states.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        if let ci, !(ci > 0 && ci < 1) { throw ValidationError("--ci takes a level strictly between 0 and 1, such as 0.95.") }
        if let curvePoints, curvePoints < 2 { throw ValidationError("--curve-points takes a number of at least 2.") }
        if let minGroupRows, minGroupRows < 1 { throw ValidationError("--min-group-rows takes a number of at least 1.") }
        if let beta, !(beta >= 0 && beta.isFinite) { throw ValidationError("--beta takes a number of at least 0.") }
        if emitState != nil && output.output != nil { throw ValidationError("--emit-state writes the state instead of a report: give it without --output.") }
    }

    /// Reads the states, merges them, and writes the report (or the merged state).
    ///
    /// - Throws: `EvaluationError` for a state that cannot be read or merged, `CommandFailure`
    ///   when the output is a state read or cannot be written, `ExitCode` 1 when a gate failed.
    public func run() throws {
        let destination = ReportOutput(path: emitState ?? output.output)
        try destination.checkNotAmong(states)
        var read: [(state: EvaluationState, path: String)] = []
        for path in states { read.append((try StateFiles.read(path), path)) }
        let file = states.count == 1 ? states[0] : "\(states.count) states"
        if emitState != nil {
            try StateFiles.refuseTerminal(destination)
            return try destination.write(bytes: Evaluator.mergedState(states: read, file: file).serialized)
        }
        var options = MergedReportOptions()
        options.zeroDivision = zeroDivision
        options.beta = beta
        options.curvePoints = curvePoints
        options.minimumGroupRows = minGroupRows
        options.level = ci
        let report = try Evaluator.merge(states: read, file: file, report: options)
        for warning in report.warnings { Diagnostics.warn("\(TerminalText.escaped(report.file)): \(warning)") }
        let presentation = ReportPresentation(
            output: output, allStats: allStats, normalize: normalize, rankBy: .average(.macro, .f1), details: false, failUnder: failUnder)
        try presentation.write([report], to: destination)
    }
}

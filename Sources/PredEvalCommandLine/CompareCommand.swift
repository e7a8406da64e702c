public import ArgumentParser
public import PredEval

/// `predeval compare BASELINE CANDIDATE...`: each candidate's metric against the baseline's on
/// the same rows, with a paired bootstrap interval of the difference and McNemar's exact test.
public struct CompareCommand: ParsableCommand {
    /// Name, abstract and the examples that document the command.
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare models scored on the same rows: the difference of a metric, its paired bootstrap interval, McNemar's test.",
        discussion: """
            Every file is read as 'predeval evaluate' reads it, with the same options. Rows pair \
            by --id (with --truth, by the id both files join on); without it, by row order, when \
            the actual labels agree row by row (else exit 2, naming the first line that differs). \
            A row weighs the same in a replicate of both files (the seeded bootstrap of \
            docs/metrics.md: by its id, or in row order by the baseline's byte offset of the row), \
            so the interval is of the paired difference, candidate - baseline. McNemar's exact test counts b, the rows \
            only the baseline gets right, and c, those only the candidate gets right.

            Examples:
              predeval compare baseline.csv candidate.csv
              predeval compare old.csv new.csv --metric accuracy --ci 0.99 --bootstrap 2000 --seed 7
              predeval compare a.csv b.csv c.csv --id id --format json
              predeval compare a.csv b.csv --truth truth.csv --id id --actual label --predicted pred
              predeval compare prod.csv challenger.csv --fail-if-worse

            Exit status: 0 report written; 1 with --fail-if-worse, a candidate is worse beyond its \
            interval (the report is still written); 2 bad usage or bad input, or rows that do not \
            pair; 130 or 143 after SIGINT or SIGTERM.
            """)

    /// The baseline, then the candidates.
    @Argument(help: "The baseline's file, then each candidate's; '-' reads standard input (once).")
    public var files: [String]

    @OptionGroup(title: "Columns and reading")
    var columns: ColumnOptions

    @OptionGroup(title: "Labels")
    var labelOptions: LabelOptions

    @OptionGroup(title: "Model outputs: scores, binary problems, indicator and list columns")
    var modelOutput: ModelOutputOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    @OptionGroup(title: "Statistics (--ci sets the interval's level, 0.95 by default)")
    var statistics: StatisticsOptions

    @OptionGroup(title: "Pairing by id, truth files")
    var join: JoinOptions

    @Option(help: ArgumentHelp("The metric compared (names as for evaluate's --fail-under, top-k-accuracy and log-loss with score columns; default: macro-f1).", valueName: "metric"), transform: ReportMetric.parsed)
    var metric: ReportMetric = .average(.macro, .f1)

    @Flag(help: "Exit with status 1 when a candidate is worse than the baseline beyond its interval: the whole interval of the difference below 0 (above 0 for log-loss and hamming-loss).")
    var failIfWorse = false

    /// The command with every option at its default.
    public init() {}

    /// Checks what the option types alone do not: files, and options that do not apply here.
    ///
    /// - Throws: `ValidationError` naming the flag.
    public func validate() throws {
        if files.count < 2 { throw ValidationError("Name the baseline's file and at least one candidate's.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        if output.format == .csv { throw ValidationError("compare writes text, json or markdown, not csv.") }
        let notHere: [(Bool, String)] = [
            (output.confusionMatrix, "--confusion-matrix"), (output.csvRaw, "--csv-raw"), (statistics.allStats, "--all-stats"),
            (statistics.normalize != nil, "--normalize"),
        ]
        for (given, option) in notHere where given {
            throw ValidationError("\(option) applies to 'predeval evaluate', not to compare.")
        }
        // `--seed` and `--bootstrap` need no `--ci` here: compare always draws replicates.
        for need in labelOptions.needs + join.needs { try need.check() }
        if let problem = evaluationOptions.problem {
            throw ValidationError(EvaluationError(file: "", reason: .invalidOptions(problem)).message(using: .commandLine))
        }
    }

    /// Reads the files, compares them, writes the report, then reports worse candidates.
    ///
    /// - Throws: `EvaluationError` for bad input or rows that do not pair, `CommandFailure` when
    ///   the output is an input or cannot be written, `ExitCode` 1 when `--fail-if-worse` fails.
    public func run() throws {
        let destination = ReportOutput(path: output.output)
        try destination.checkNotAmong(files + (join.truth.map { [$0] } ?? []))
        let progress = output.noProgress || output.format == .json ? nil : ProgressLine.forTerminal()
        var options = evaluationOptions
        if let labelMap = labelOptions.labelMap { options.labelMap = try labelMap.renames() }
        let report = try Evaluator(options, progress: progress).compare(
            baseline: files[0], candidates: Array(files.dropFirst()), metric: metric
        ) { report in
            for warning in report.warnings { Diagnostics.warn("\(TerminalText.escaped(report.file)): \(warning)") }
        }
        let text: String
        switch output.format {
        case .text: text = TextReportRenderer(digits: output.digits).render(report)
        case .markdown: text = MarkdownReportRenderer(digits: output.digits).render(report)
        case .html: text = HTMLReportRenderer(digits: output.digits).render(report)
        case .json, .csv: text = JSONReportRenderer.render(report)
        }
        try destination.write(text)
        guard failIfWorse, report.someCandidateIsWorse else { return }
        for comparison in report.comparisons where comparison.isWorse {
            let interval = comparison.differenceCI.map { "[\($0.low), \($0.high)]" } ?? "-"
            Diagnostics.writeError(
                "predeval: \(TerminalText.escaped(comparison.candidate)) is worse than \(TerminalText.escaped(comparison.baseline)): "
                    + "\(comparison.metric) difference \(comparison.difference.map { "\($0)" } ?? "nan"), interval \(interval)\n")
        }
        throw ExitCode(CommandLineEntry.qualityGateFailure)
    }

    /// The engine's options for this command line; the bootstrap always drawn.
    public var evaluationOptions: EvaluationOptions {
        var options = EvaluationOptions(
            columns: columns, labelOptions: labelOptions, modelOutput: modelOutput, statistics: statistics, join: join)
        options.bootstrap = BootstrapOptions(
            level: statistics.ci ?? 0.95, replicates: statistics.bootstrap ?? 1000, seed: statistics.seed ?? 0)
        return options
    }
}

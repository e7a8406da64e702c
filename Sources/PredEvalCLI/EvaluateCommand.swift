public import ArgumentParser
import CSVStream
import Evaluation
import Foundation
import Reporting

/// `predeval evaluate FILE...`: scores prediction files, alone or as a leaderboard, whole or in
/// slices, optionally joined to a truth file by id.
public struct EvaluateCommand: ParsableCommand {
    /// Name, abstract and the examples that document the command.
    public static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a CSV of actual and predicted labels (the default subcommand).",
        discussion: """
            Columns are found by header name (case-insensitive): actual labels in a column named \
            \(defaultActualNames.joined(separator: ", ")); predicted labels in one named \
            \(defaultPredictedNames.joined(separator: ", ")). Name others with --actual and \
            --predicted (a header name, or a 1-based position).

            Labels are reported in Unicode code point order unless --labels gives the order. \
            Every number follows scikit-learn's precision_recall_fscore_support.

            Examples:
              predeval preds.csv
              predeval evaluate preds.csv --actual y_true --predicted y_pred --format json
              predeval preds.tsv --labels cat,dog --zero-division 0 --confusion-matrix
              predeval tags.csv --multi-label --label-separator ';'
              cat preds.csv | predeval - --no-header --actual 2 --predicted 3
              predeval model_a.csv model_b.csv --rank-by micro-f1 --format markdown
              predeval preds.csv --group-by language --min-group-rows 30
              predeval submission.csv --truth truth.csv --id id --actual label --predicted pred
              predeval preds.csv --fail-under macro-f1=0.8 --fail-under recall:fraud=0.9

            Exit status: 0 report written; 1 a --fail-under quality gate failed (the report is still written); \
            2 bad usage or bad input (the message names the file and line), also when the \
            report cannot be written. predeval never dies by a signal.
            """)

    /// Header names that mark the actual-label column when `--actual` is not given.
    static let defaultActualNames = ["actual", "y_true", "true", "truth", "gold", "label", "target"]
    /// Header names that mark the predicted-label column when `--predicted` is not given.
    static let defaultPredictedNames = ["predicted", "y_pred", "pred", "prediction", "predictions"]

    @Argument(help: "The CSV files to score, each with the same options; '-' reads standard input.")
    var files: [String]

    @Option(help: ArgumentHelp("The actual (true) labels: a header name or a 1-based position.", valueName: "column"))
    var actual: String?

    @Option(help: ArgumentHelp("The predicted labels: a header name or a 1-based position.", valueName: "column"))
    var predicted: String?

    @Flag(help: "The first row is data; columns are positions (default: --actual 1 --predicted 2).")
    var noHeader = false

    @Option(help: ArgumentHelp("The field delimiter: one character such as , ; | or 'tab'. Default: tab for .tsv and .tab files, else a comma.", valueName: "char"))
    var delimiter: String?

    @Flag(help: "Cells are sets of labels, such as 'rock|pop'; an empty cell is the empty set.")
    var multiLabel = false

    @Option(help: ArgumentHelp("What separates labels in a multi-label cell; labels are trimmed of surrounding spaces.", valueName: "text"))
    var labelSeparator = "|"

    @Option(help: ArgumentHelp("Report exactly these labels, in this order (comma-separated), as scikit-learn's labels=.", valueName: "a,b,c"))
    var labels: String?

    @Option(help: ArgumentHelp("What an undefined metric (zero denominator) becomes: warn (0 and a warning), 0, 1, or nan (null, and left out of averages).", valueName: "mode"))
    var zeroDivision: ZeroDivision = .warn

    @Option(help: ArgumentHelp("Report format: text, json, markdown or csv.", valueName: "format"))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Decimals in text output.", valueName: "n"))
    var digits = 4

    @Flag(help: "Text output also shows the confusion matrix (single-label).")
    var confusionMatrix = false

    @Flag(help: "Skip rows with too few or too many fields, and count them, instead of stopping.")
    var skipBadRows = false

    @Flag(help: "Read a quote inside an unquoted field (5\" screen) as an ordinary character instead of failing.")
    var lenientQuotes = false

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("Also score each distinct value of this column as a slice of its own (with --truth: a column of the truth file).", valueName: "column"))
    var groupBy: String?

    @Option(help: ArgumentHelp("Leave slices with fewer rows out of the slice table (their rows still count for the whole file).", valueName: "n"))
    var minGroupRows = 1

    @Option(help: ArgumentHelp("A file of actual labels to join the prediction files to by id (then --actual names its label column, --predicted the prediction files').", valueName: "file"))
    var truth: String?

    @Option(help: ArgumentHelp("The id column of the prediction files (and of the truth file, unless --truth-id names it).", valueName: "column"))
    var id: String?

    @Option(help: ArgumentHelp("The id column of the truth file, when it differs from --id.", valueName: "column"))
    var truthId: String?

    @Option(help: ArgumentHelp("Truth ids with no prediction: error (exit 2) or ignore (score the matched rows).", valueName: "mode"))
    var onMissing: MissingPredictions = .error

    @Option(help: ArgumentHelp("Exit with status 1 when METRIC is below VALUE (repeatable; every file must pass): accuracy, {micro,macro,weighted,samples}-{precision,recall,f1}, or {precision,recall,f1}:LABEL.", valueName: "metric=value"))
    var failUnder: [String] = []

    @Option(help: ArgumentHelp("The metric that ranks several files, best first, and marks the worst slice (names as for --fail-under).", valueName: "metric"))
    var rankBy = "macro-f1"

    @Flag(help: "With several files, show each file's full report after the leaderboard.")
    var details = false

    @Flag(help: "Never show the progress line (shown only on a terminal, for files over 32 MB).")
    var noProgress = false

    @Option(help: ArgumentHelp("Threads that read parts of a large file at once (default: one per core; 1 reads in one pass). Standard input is read in one pass.", valueName: "n"))
    var threads: Int?

    /// The command with every option at its default.
    public init() {}

    /// Checks the options that the types alone do not.
    public func validate() throws {
        guard (0...17).contains(digits) else { throw ValidationError("--digits takes a whole number from 0 to 17.") }
        if let delimiter, CSVDialect.delimiter(named: delimiter) == nil {
            throw ValidationError("--delimiter takes one ASCII character other than a quote or line break, or 'tab'; got '\(delimiter)'.")
        }
        if labelSeparator.isEmpty { throw ValidationError("--label-separator cannot be empty.") }
        if let listed = listedLabels {
            if listed.isEmpty || listed.contains("") { throw ValidationError("--labels takes a comma-separated list of non-empty labels.") }
            if Set(listed).count != listed.count { throw ValidationError("--labels lists a label more than once.") }
        }
        if let threads, threads < 1 { throw ValidationError("--threads takes a number of at least 1.") }
        if files.isEmpty { throw ValidationError("Name at least one file to score ('-' for standard input).") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        if minGroupRows < 1 { throw ValidationError("--min-group-rows takes a number of at least 1.") }
        if truth != nil && id == nil { throw ValidationError("--truth needs --id, the column that joins the files.") }
        if truth == nil {
            for (option, value) in [("--id", id), ("--truth-id", truthId)] where value != nil {
                throw ValidationError("\(option) joins a prediction file to a truth file: give --truth too.")
            }
        }
        if truth == "-" { throw ValidationError("--truth must name a file, not standard input.") }
        for gate in failUnder where QualityGate(gate) == nil {
            throw ValidationError("--fail-under takes METRIC=VALUE, such as macro-f1=0.8 or recall:cat=0.5; got '\(gate)'. Metrics: \(ReportMetric.averageNames.joined(separator: ", ")), {precision,recall,f1}:LABEL.")
        }
        if ReportMetric(rankBy) == nil {
            throw ValidationError("--rank-by takes a metric such as macro-f1, accuracy or f1:LABEL; got '\(rankBy)'.")
        }
        for (option, value) in [("--actual", actual), ("--predicted", predicted), ("--group-by", groupBy), ("--id", id), ("--truth-id", truthId)] {
            guard let value else { continue }
            if case .position(let position) = ColumnSelector(argument: value), position < 1 {
                throw ValidationError("\(option) positions start at 1.")
            }
        }
    }

    /// Scores the files, writes the report, then checks the quality gates.
    public func run() throws {
        let progress = noProgress || format == .json ? nil : ProgressLine.forTerminal()
        var reports: [Report] = []
        for evaluation in try evaluations() {
            let report = try evaluation.run(progress: progress)
            for warning in report.warnings { Diagnostics.warn("\(evaluation.file): \(warning)") }
            if let audit = report.audit, audit.extra > 0 {
                Diagnostics.warn("\(evaluation.file): \(audit.extra) predictions have ids that \(truth ?? "") lacks; they are not scored")
            }
            reports.append(report)
        }
        try ReportOutput(path: output).write(try rendered(reports))
        try checkGates(reports)
    }

    /// The evaluation of each file this command line asks for, in order; `minimumPartBytes` is
    /// the least a thread reads of a file split across threads. Reads the truth file, if any.
    public func evaluations(minimumPartBytes: Int = 8 << 20) throws -> [FileEvaluation] {
        let truthTable = try truth.map { truthFile in
            try TruthTable.load(
                file: truthFile, reader: truthReaderConfiguration(truthFile),
                splitter: multiLabel ? LabelSetSplitter(separator: labelSeparator) : nil,
                listedLabels: listedLabels ?? [], grouped: groupBy != nil)
        }
        return files.map { file in
            FileEvaluation(
                file: file, reader: readerConfiguration(file), multiLabelSeparator: multiLabel ? labelSeparator : nil,
                listedLabels: listedLabels, zeroDivision: zeroDivision,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, minimumPartBytes: minimumPartBytes,
                slicing: groupBy != nil, minimumGroupRows: minGroupRows, truth: truthTable,
                onMissing: onMissing)
        }
    }

    // MARK: Private

    private var listedLabels: [String]? {
        labels.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private var rankMetric: ReportMetric { ReportMetric(rankBy) ?? .average(.macro, .f1) }

    private func rendered(_ reports: [Report]) throws -> String {
        do {
            switch format {
            case .text:
                let renderer = TextReportRenderer(digits: digits, showsConfusionMatrix: confusionMatrix, rankBy: rankMetric)
                return reports.count == 1 ? renderer.render(reports[0]) : try renderer.render(reports, details: details)
            case .markdown:
                let renderer = MarkdownReportRenderer(digits: digits, rankBy: rankMetric)
                return reports.count == 1 ? renderer.render(reports[0]) : try renderer.render(reports, details: details)
            case .json:
                return reports.count == 1 ? JSONReportRenderer.render(reports[0]) : JSONReportRenderer.render(reports)
            case .csv:
                return CSVReportRenderer.render(reports, withFileColumn: reports.count > 1)
            }
        } catch {
            throw CommandFailure("--rank-by: \(error.description)")
        }
    }

    /// Lists every failing gate of every report on standard error; exit status 1 if any failed.
    private func checkGates(_ reports: [Report]) throws {
        let gates = failUnder.compactMap(QualityGate.init)
        guard !gates.isEmpty else { return }
        var failures: [String] = []
        for report in reports {
            for gate in gates {
                do {
                    if let failure = try gate.failure(of: report) { failures.append(failure) }
                } catch {
                    throw CommandFailure("--fail-under: \(error.description)")
                }
            }
        }
        guard !failures.isEmpty else { return }
        for failure in failures { Diagnostics.writeError("predeval: quality gate failed: \(failure)\n") }
        throw ExitCode(CommandLineEntry.qualityGateFailure)
    }

    private var dialect: (String) -> CSVDialect {
        { file in CSVDialect(delimiter: delimiter.flatMap(CSVDialect.delimiter(named:)) ?? CSVDialect.defaultDelimiter(forPath: file)) }
    }

    private func selector(_ argument: String?, position: Int, names: [String]) -> ColumnSelector {
        argument.map(ColumnSelector.init(argument:)) ?? (noHeader ? .position(position) : .firstNamed(names))
    }

    /// Columns: actual (or with --truth, the id), predicted, then the group (without --truth).
    private func readerConfiguration(_ file: String) -> CSVReaderConfiguration {
        var columns = [RequestedColumn(selector(predicted, position: 2, names: Self.defaultPredictedNames), option: "--predicted")]
        if let id {
            columns.insert(RequestedColumn(ColumnSelector(argument: id), option: "--id"), at: 0)
        } else {
            columns.insert(RequestedColumn(selector(actual, position: 1, names: Self.defaultActualNames), option: "--actual"), at: 0)
            if let groupBy { columns.append(RequestedColumn(ColumnSelector(argument: groupBy), option: "--group-by")) }
        }
        return CSVReaderConfiguration(
            dialect: dialect(file), hasHeader: !noHeader, columns: columns, skipBadRows: skipBadRows,
            lenientQuotes: lenientQuotes)
    }

    /// Columns of the truth file: id, actual, then the group.
    private func truthReaderConfiguration(_ file: String) -> CSVReaderConfiguration {
        var columns = [
            RequestedColumn(ColumnSelector(argument: truthId ?? id ?? ""), option: truthId == nil ? "--id" : "--truth-id"),
            RequestedColumn(selector(actual, position: 2, names: Self.defaultActualNames), option: "--actual"),
        ]
        if let groupBy { columns.append(RequestedColumn(ColumnSelector(argument: groupBy), option: "--group-by")) }
        return CSVReaderConfiguration(
            dialect: dialect(file), hasHeader: !noHeader, columns: columns, skipBadRows: skipBadRows,
            lenientQuotes: lenientQuotes)
    }
}

/// What `--on-missing` does about truth ids with no prediction.
public enum MissingPredictions: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Exit with status 2, naming the count and the first ids.
    case error
    /// Score the matched rows; the audit still counts the missing ids.
    case ignore
}

public import ArgumentParser
import CSVStream
import Evaluation
import Foundation
import Reporting

/// `predeval evaluate FILE`: scores one prediction file.
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

            Exit status: 0 report written; 1 a quality gate failed (reserved for --fail-under); \
            2 bad usage or bad input (the message names the file and line), also when the \
            report cannot be written. predeval never dies by a signal.
            """)

    /// Header names that mark the actual-label column when `--actual` is not given.
    static let defaultActualNames = ["actual", "y_true", "true", "truth", "gold", "label", "target"]
    /// Header names that mark the predicted-label column when `--predicted` is not given.
    static let defaultPredictedNames = ["predicted", "y_pred", "pred", "prediction", "predictions"]

    @Argument(help: "The CSV file to score; '-' reads standard input.")
    var file: String

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

    @Option(help: ArgumentHelp("Report format: text or json.", valueName: "format"))
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
        for (option, value) in [("--actual", actual), ("--predicted", predicted)] {
            guard let value else { continue }
            if case .position(let position) = ColumnSelector(argument: value), position < 1 {
                throw ValidationError("\(option) positions start at 1.")
            }
        }
    }

    /// Scores the file and writes the report.
    public func run() throws {
        let report = try evaluation().run()
        for warning in report.warnings { Diagnostics.warn("\(file): \(warning)") }
        let rendered: String
        switch format {
        case .text: rendered = TextReportRenderer(digits: digits, showsConfusionMatrix: confusionMatrix).render(report)
        case .json: rendered = JSONReportRenderer.render(report)
        }
        try ReportOutput(path: output).write(rendered)
    }

    /// The evaluation this command line asks for; `minimumPartBytes` is the least a thread reads
    /// of a file split across threads.
    public func evaluation(minimumPartBytes: Int = 8 << 20) -> FileEvaluation {
        FileEvaluation(
            file: file, reader: readerConfiguration, multiLabelSeparator: multiLabel ? labelSeparator : nil,
            listedLabels: listedLabels, zeroDivision: zeroDivision,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, minimumPartBytes: minimumPartBytes)
    }

    // MARK: Private

    private var listedLabels: [String]? {
        labels.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    private var readerConfiguration: CSVReaderConfiguration {
        let dialect = CSVDialect(
            delimiter: delimiter.flatMap(CSVDialect.delimiter(named:)) ?? CSVDialect.defaultDelimiter(forPath: file))
        let actualSelector = actual.map(ColumnSelector.init(argument:))
            ?? (noHeader ? .position(1) : .firstNamed(Self.defaultActualNames))
        let predictedSelector = predicted.map(ColumnSelector.init(argument:))
            ?? (noHeader ? .position(2) : .firstNamed(Self.defaultPredictedNames))
        return CSVReaderConfiguration(
            dialect: dialect, hasHeader: !noHeader,
            columns: [RequestedColumn(actualSelector, option: "--actual"), RequestedColumn(predictedSelector, option: "--predicted")],
            skipBadRows: skipBadRows, lenientQuotes: lenientQuotes)
    }
}

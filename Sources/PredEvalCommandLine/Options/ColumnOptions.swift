public import ArgumentParser
import PredEval

/// Where the labels are and how the file is read: `--actual`, `--predicted`, `--no-header`,
/// `--delimiter`, `--skip-bad-rows`, `--lenient-quotes`, `--threads`.
public struct ColumnOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The actual (true) labels: a header name or a 1-based position.", valueName: "column"))
    var actual: ColumnSelector?

    @Option(help: ArgumentHelp("The predicted labels: a header name or a 1-based position.", valueName: "column"))
    var predicted: ColumnSelector?

    @Flag(help: "The first row is data; columns are positions (default: --actual 1 --predicted 2).")
    var noHeader = false

    @Option(help: ArgumentHelp("With --no-header: the columns' names, in order, as the header of the whole file gives them (every row then has as many fields).", valueName: "a,b,c"))
    var columns: LabelList?

    @Option(name: [.customShort("d"), .long], help: ArgumentHelp("The field delimiter: one character such as , ; | or 'tab' (not a quote or a line break). Default: tab for .tsv and .tab files, else sniffed from the first lines among , ; tab |.", valueName: "char"), transform: Delimiter.parsed)
    var delimiter: Delimiter?

    @Flag(help: "Skip rows with too few or too many fields, and count them, instead of stopping.")
    var skipBadRows = false

    @Flag(help: "Read a quote inside an unquoted field (5\" screen) as an ordinary character instead of failing.")
    var lenientQuotes = false

    @Option(help: ArgumentHelp("Threads that read parts of a large file, or blocks of standard input and of gzip, zstd and UTF-16 input, at once (default: one per core; 1 reads in one pass).", valueName: "n"))
    var threads: Int?

    @Option(help: ArgumentHelp("The most columns a header (or, with --no-header, the first row) may have; a wider file is refused.", valueName: "n"))
    var maxColumns = 100_000

    /// Every option at its default.
    public init() {}
}

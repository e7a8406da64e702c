public import ArgumentParser
import PredEval

/// How the report is written: `--format`, `--digits`, `--confusion-matrix`, `--output`,
/// `--no-progress`.
public struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .long], help: ArgumentHelp("Report format: text, json, markdown, csv or html (one self-contained page).", valueName: "format"))
    var format: OutputFormat = .text

    // Parsed unconditionally, so that `--digits -1` is a value to refuse, not a flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("Decimals in text output (0 to 17).", valueName: "n"))
    var digits: Int = 4

    @Flag(help: "Text output also shows the confusion matrix (single-label).")
    var confusionMatrix = false

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("Text tables show a label in at most this many columns, cut with … (JSON, CSV and Markdown keep labels whole).", valueName: "n"))
    var maxLabelWidth = TextReportRenderer.defaultMaximumLabelWidth

    @Flag(help: "CSV output: write cells that begin with = + - @ exactly, without the leading ' that keeps spreadsheets from running them as formulas.")
    var csvRaw = false

    @Flag(help: "Never show the progress line (shown only on a terminal, for files over 32 MB).")
    var noProgress = false

    /// Every option at its default.
    public init() {}

    /// Checks what the types alone do not.
    ///
    /// - Throws: `ValidationError` naming the flag.
    public func validate() throws {
        guard (0...17).contains(digits) else { throw ValidationError("--digits takes a whole number from 0 to 17.") }
        guard maxLabelWidth >= 2 else { throw ValidationError("--max-label-width takes a number of at least 2.") }
    }
}

public import ArgumentParser

/// How the report is written: `--format`, `--digits`, `--confusion-matrix`, `--output`,
/// `--no-progress`.
public struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report format: text, json, markdown or csv.", valueName: "format"))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Decimals in text output (0 to 17).", valueName: "n"))
    var digits = 4

    @Flag(help: "Text output also shows the confusion matrix (single-label).")
    var confusionMatrix = false

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "path"))
    var output: String?

    @Flag(help: "Never show the progress line (shown only on a terminal, for files over 32 MB).")
    var noProgress = false

    /// Every option at its default.
    public init() {}

    /// Checks what the types alone do not.
    ///
    /// - Throws: `ValidationError` naming the flag.
    public func validate() throws {
        guard (0...17).contains(digits) else { throw ValidationError("--digits takes a whole number from 0 to 17.") }
    }
}

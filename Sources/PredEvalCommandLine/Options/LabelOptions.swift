public import ArgumentParser
import PredEval

/// What a cell holds and which labels are scored: `--multi-label`, `--label-separator`,
/// `--labels`, `--zero-division`.
public struct LabelOptions: ParsableArguments {
    @Flag(help: "Cells are sets of labels, such as 'rock|pop'; an empty cell is the empty set.")
    var multiLabel = false

    @Option(help: ArgumentHelp("What separates labels in a multi-label cell; labels are trimmed of surrounding spaces.", valueName: "text"))
    var labelSeparator = "|"

    @Option(help: ArgumentHelp("Report exactly these labels, in this order (comma-separated, each non-empty and listed once), as scikit-learn's labels=.", valueName: "a,b,c"))
    var labels: LabelList?

    @Option(help: ArgumentHelp("What an undefined metric (zero denominator) becomes: warn (0 and a warning), 0, 1, or nan (null, and left out of averages).", valueName: "mode"))
    var zeroDivision: ZeroDivision = .warn

    /// Every option at its default.
    public init() {}
}

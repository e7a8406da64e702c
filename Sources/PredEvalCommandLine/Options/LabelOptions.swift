public import ArgumentParser
import PredEval

/// What a cell holds and which labels are scored: `--multi-label`, `--label-separator`,
/// `--labels`, `--zero-division`, `--label-type`, `--missing-values`, `--missing-prediction`,
/// `--missing-actual`, `--label-map`.
public struct LabelOptions: ParsableArguments {
    @Flag(help: "Cells are sets of labels, such as 'rock|pop'; an empty cell is the empty set.")
    var multiLabel = false

    @Option(help: ArgumentHelp("What separates labels in a multi-label cell; labels are trimmed of surrounding spaces.", valueName: "text"))
    var labelSeparator: String?

    @Option(help: ArgumentHelp("Report exactly these labels, in this order (comma-separated, each non-empty and listed once), as scikit-learn's labels=.", valueName: "a,b,c"))
    var labels: LabelList?

    @Option(help: ArgumentHelp("What an undefined metric (zero denominator) becomes: warn (0 and a warning), 0, 1, or nan (null, and left out of averages).", valueName: "mode"))
    var zeroDivision: ZeroDivision = .warn

    @Option(help: ArgumentHelp("Labels as text (byte-exact) or numbers (0, 0.0 and 0e0 one label, sorted by value); auto: numbers when every label is one.", valueName: "type"))
    var labelType: LabelType = .auto

    @Option(help: ArgumentHelp("The cells that mean no value, comma-separated (an empty item is the empty cell; '' for none). Default: pandas' na_values: empty, NA, N/A, NaN, nan, NULL, null, None, <NA>, #N/A, ...", valueName: "a,b,c"))
    var missingValues: String?

    @Option(help: ArgumentHelp("A row whose prediction is missing: wrong (counted, no class predicted), skip, error, or label (the cell is a class).", valueName: "mode"))
    var missingPrediction: MissingPrediction = .wrong

    @Option(help: ArgumentHelp("A row whose actual label is missing: error or skip.", valueName: "mode"))
    var missingActual: MissingActual = .error

    @Option(help: ArgumentHelp("Rename labels of both columns (and score classes) before counting: a=b,c=d, or a two-column CSV file from,to.", valueName: "file|a=b,..."), transform: LabelMapSource.parsed)
    var labelMap: LabelMapSource?

    /// The labels of a `--missing-values` argument: its comma-separated items (an empty item is
    /// the empty cell), none for an empty argument.
    static func missingValueList(_ argument: String) -> [String] {
        argument.isEmpty ? [] : argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// Every option at its default.
    public init() {}

    /// The options that apply only beside another (`--label-separator` beside `--multi-label`).
    var needs: [OptionNeed] {
        [OptionNeed(given: labelSeparator != nil, option: "--label-separator", needed: "--multi-label", neededGiven: multiLabel)]
    }
}

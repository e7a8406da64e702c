public import ArgumentParser
import PredEval

/// How a model's output is read when it is not one predicted label per row: score columns,
/// a binary score, indicator columns, list cells.
public struct ModelOutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "One score column per class: a glob ('p_*', the class is the name less the glob's literal parts), a range (4-13) or a list. Single-label: the class of the highest score is predicted; --multi-label: every class whose score reaches --threshold.",
            valueName: "columns"),
        transform: ColumnSetSelector.parsed)
    var scores: ColumnSetSelector?

    @Option(help: ArgumentHelp("The classes of the --scores columns, in column order, instead of their names.", valueName: "a,b,c"))
    var scoreLabels: LabelList?

    @Option(help: ArgumentHelp("With --scores: also top-k accuracy, as scikit-learn's top_k_accuracy_score.", valueName: "k"))
    var topK: Int?

    @Option(help: ArgumentHelp("The bins of the reliability diagram in JSON 'calibration' (default 10), equal-width over [0, 1].", valueName: "n"))
    var calibrationBins: Int?

    @Option(help: ArgumentHelp("Ranking figures from N bins per score column (width 1/(N-1); constant memory) instead of exact score histograms.", valueName: "n"))
    var scoreBins: Int?

    @Option(help: ArgumentHelp("The megabytes exact score histograms may take before they switch to 4,096 bins, with a warning (default 256).", valueName: "mb"))
    var maxScoreMemory: Int?

    @Flag(help: "With score columns: each class's ROC and precision-recall curve points in JSON 'curves' (with --format csv, the points as CSV).")
    var curves = false

    @Option(help: ArgumentHelp("The most points of each curve (default 200; implies --curves): both ends and the points nearest to evenly spaced steps along it.", valueName: "n"))
    var curvePoints: Int?

    @Option(help: ArgumentHelp("The one score column of a binary problem: --positive is predicted when the score reaches --threshold.", valueName: "column"))
    var score: ColumnSelector?

    @Option(help: ArgumentHelp("The positive label; the report gains averages.binary (scikit-learn's average='binary').", valueName: "label"))
    var positive: String?

    @Option(help: ArgumentHelp("With --score: what a score below the threshold predicts (default: the one other actual label).", valueName: "label"))
    var negative: String?

    @Option(
        help: ArgumentHelp("The score at or above which a class is predicted (default 0.5), or one per class: a=0.3,b=0.7.", valueName: "t"),
        transform: EvaluationOptions.Threshold.parsed)
    var threshold: EvaluationOptions.Threshold?

    @Option(
        help: ArgumentHelp("Multi-label actual sets as 0/1 indicator columns, one per label (as --scores selects columns).", valueName: "columns"),
        transform: ColumnSetSelector.parsed)
    var actualColumns: ColumnSetSelector?

    @Option(
        help: ArgumentHelp("Multi-label predicted sets as 0/1 indicator columns, one per label.", valueName: "columns"),
        transform: ColumnSetSelector.parsed)
    var predictedColumns: ColumnSetSelector?

    @Option(help: ArgumentHelp("How multi-label cells write sets: separated (rock|pop) or list (['rock', 'pop'], [\"rock\"], []).", valueName: "format"))
    var labelFormat: EvaluationOptions.LabelFormat = .separated

    /// Every option at its default.
    public init() {}
}

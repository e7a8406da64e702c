public import ArgumentParser
import PredEval

/// Slices, truth joins, quality gates and leaderboards: `--group-by`, `--min-group-rows`, the
/// join's options (`JoinOptions`), `--fail-under`, `--rank-by`, `--details`.
public struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also score each distinct value of this column as a slice of its own (with --truth: a column of the truth file).", valueName: "column"))
    var groupBy: ColumnSelector?

    @Option(help: ArgumentHelp("Leave slices with fewer rows out of the slice table (their rows still count for the whole file).", valueName: "n"))
    var minGroupRows: Int?

    @OptionGroup
    var join: JoinOptions

    @Option(help: ArgumentHelp("Exit with status 1 when METRIC is below VALUE (repeatable; every file must pass): accuracy, {micro,macro,weighted,samples}-{precision,recall,f1}, balanced-accuracy, mcc, cohen-kappa, or {precision,recall,f1}:LABEL; log-loss and hamming-loss fail above VALUE.", valueName: "metric=value"), transform: QualityGate.parsed)
    var failUnder: [QualityGate] = []

    @Option(help: ArgumentHelp("The metric that ranks several files, best first, and marks the worst slice (names as for --fail-under; default: macro-f1).", valueName: "metric"), transform: ReportMetric.parsed)
    var rankBy: ReportMetric = .average(.macro, .f1)

    @Flag(help: "With several files, show each file's full report after the leaderboard.")
    var details = false

    /// Every option at its default.
    public init() {}
}

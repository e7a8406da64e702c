public import ArgumentParser
import PredEval

/// Statistics beyond the default table: `--beta`, `--all-stats`, `--normalize`, and bootstrap
/// intervals: `--ci`, `--bootstrap`, `--seed`.
public struct StatisticsOptions: ParsableArguments {
    // Parsed unconditionally, so that `--beta -1` is a value to refuse, not a flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("Also F-beta with this beta (0 or more; 2 weighs recall higher, 0.5 precision), per class and averaged.", valueName: "beta"))
    var beta: Double?

    @Flag(help: "Text and Markdown output also show tn, specificity, npv and jaccard per class, and balanced accuracy, MCC and Cohen's kappa (multi-label: Hamming loss and Jaccard averages). JSON always has them.")
    var allStats = false

    @Option(help: ArgumentHelp("Show the confusion matrix as shares: true (of each actual row), pred (of each predicted column) or all, as scikit-learn's confusion_matrix(normalize=). Implies --confusion-matrix.", valueName: "over"))
    var normalize: MatrixNormalization?

    @Option(parsing: .unconditional, help: ArgumentHelp("Bootstrap intervals at this level (such as 0.95) for every per-class and averaged score, accuracy and the statistics: the seeded Poisson bootstrap, the same whichever way the rows are split.", valueName: "level"))
    var ci: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --ci: replicates drawn (default 1000).", valueName: "n"))
    var bootstrap: Int?

    @Option(help: ArgumentHelp("With --ci: the bootstrap's seed (default 0).", valueName: "s"))
    var seed: UInt64?

    /// Every option at its default.
    public init() {}

    /// The options that apply only beside another (`--bootstrap` and `--seed` beside `--ci`).
    var needs: [OptionNeed] {
        [
            OptionNeed(given: bootstrap != nil, option: "--bootstrap", needed: "--ci", neededGiven: ci != nil),
            OptionNeed(given: seed != nil, option: "--seed", needed: "--ci", neededGiven: ci != nil),
        ]
    }
}


import Foundation
import Testing

@Suite("--beta, --all-stats and --normalize on the command line")
struct StatisticsCommandTests {
    @Test("--all-stats adds tn, specificity, npv and jaccard columns and the statistics rows; the default table is unchanged")
    func allStatsText() throws {
        let path = fixture("sklearn_docstring.csv")
        let plain = try predeval([path]).standardOutput
        #expect(!plain.contains("specificity") && !plain.contains("balanced accuracy"))
        let run = try predeval([path, "--all-stats"])
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("tn  specificity     npv  jaccard") })
        // scikit-learn: balanced_accuracy_score 0.5556, matthews_corrcoef 0.4009, cohen_kappa_score 0.375.
        #expect(lines.contains { $0.hasPrefix("balanced accuracy") && $0.contains("0.5556") })
        #expect(lines.contains { $0.hasPrefix("mcc") && $0.contains("0.4009") })
        #expect(lines.contains { $0.hasPrefix("cohen's kappa") && $0.contains("0.3750") })
        let multi = try predeval([fixture("glossary_micro_multilabel.csv"), "--multi-label", "--all-stats", "--format", "markdown"])
        #expect(multi.standardOutput.contains("| **hamming loss** |"), "\(multi.standardOutput)")
    }

    @Test("--beta adds an f-beta column named for its beta; a negative or infinite beta is refused")
    func betaColumn() throws {
        let run = try predeval([fixture("sklearn_docstring.csv"), "--beta", "0.5"])
        #expect(run.standardOutput.contains("f1-score  f0.5-score  support"), "\(run.standardOutput)")
        // scikit-learn: fbeta_score(beta=0.5, average=None)[0] = 0.5556 for class 0.
        #expect(run.standardOutput.split(separator: "\n").contains { $0.hasPrefix("class 0") && $0.contains("0.5556") })
        #expect(try predeval([fixture("sklearn_docstring.csv"), "--beta", "2"]).standardOutput.contains("f2-score"))
        for bad in ["-1", "inf", "nan"] {
            let refused = try predeval([fixture("sklearn_docstring.csv"), "--beta", bad])
            #expect(refused.status == 2)
            #expect(refused.standardError.contains("--beta takes a finite number of at least 0 (1 is F1)."), "\(refused.standardError)")
        }
    }

    @Test("--normalize shows the matrix as shares of each actual row, predicted column or all rows")
    func normalizedMatrix() throws {
        let path = fixture("sklearn_docstring.csv")
        let byRow = try predeval([path, "--normalize", "true"]).standardOutput
        #expect(byRow.contains("confusion matrix (rows: actual, columns: predicted, shares of each actual row)"))
        // scikit-learn: confusion_matrix(normalize="true")[2] = [0, 1/3, 2/3].
        #expect(byRow.contains("class 2              0.0000   0.3333   0.6667"), "\(byRow)")
        let all = try predeval([path, "--normalize", "all", "--digits", "2"]).standardOutput
        #expect(all.contains("class 2                0.00     0.20     0.40"), "\(all)")
        let refused = try predeval([path, "--normalize", "rows"])
        #expect(refused.status == 2 && refused.standardError.contains("--normalize"))
    }

    @Test("--fail-under and --rank-by take mcc, balanced-accuracy, cohen-kappa and hamming-loss (lower is better)")
    func statisticGates() throws {
        let path = fixture("sklearn_docstring.csv")
        let failed = try predeval([path, "--fail-under", "mcc=0.5"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("mcc is 0.4008918628686366, below the threshold 0.5"), "\(failed.standardError)")
        #expect(try predeval([path, "--fail-under", "balanced-accuracy=0.55"]).status == 0)
        let multi = fixture("glossary_micro_multilabel.csv")
        // scikit-learn: hamming_loss 0.5833; a loss gate fails above its threshold.
        #expect(try predeval([multi, "--multi-label", "--fail-under", "hamming-loss=0.5"]).status == 1)
        #expect(try predeval([multi, "--multi-label", "--fail-under", "hamming-loss=0.6"]).status == 0)
        let wrongMode = try predeval([path, "--fail-under", "hamming-loss=0.5"])
        #expect(wrongMode.status == 2 && wrongMode.standardError.contains("hamming-loss needs a multi-label report"))
    }
}

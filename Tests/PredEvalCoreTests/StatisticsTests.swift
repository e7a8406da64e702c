import Foundation
import PredEvalCore
import Testing

@Suite("Statistics beyond the per-class scores: the normalized matrix, F-beta and the JSON that carries them")
struct StatisticsTests {
    /// y_true a,a,b,b,b,c,c,d and y_pred a,b,b,b,a,a,c,a over labels a..e (e absent), as
    /// scikit-learn's `confusion_matrix(labels=)` counts them.
    private let matrix = [[1, 1, 0, 0, 0], [1, 2, 0, 0, 0], [1, 0, 1, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 0]]

    @Test("normalize true, pred and all equal scikit-learn's confusion_matrix(normalize=), zeros where a sum is 0")
    func normalizedMatrix() {
        // scikit-learn 1.9.1: confusion_matrix(y_true, y_pred, labels=list("abcde"), normalize=...).
        let expected: [MatrixNormalization: [[Double]]] = [
            .actual: [[0.5, 0.5, 0, 0, 0], [0.3333333333333333, 0.6666666666666666, 0, 0, 0], [0.5, 0, 0.5, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
            .predicted: [[0.25, 0.3333333333333333, 0, 0, 0], [0.25, 0.6666666666666666, 0, 0, 0], [0.25, 0, 1, 0, 0], [0.25, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
            .all: [[0.125, 0.125, 0, 0, 0], [0.125, 0.25, 0, 0, 0], [0.125, 0, 0.125, 0, 0], [0.125, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
        ]
        for (normalization, shares) in expected {
            let found = normalization.normalized(matrix)
            #expect(zip(found.joined(), shares.joined()).allSatisfy { abs($0 - $1) < 1e-12 }, "\(normalization): \(found)")
        }
    }

    @Test("a report with F-beta and statistics reads back from its JSON unchanged")
    func roundTrip() throws {
        var interner = LabelInterner()
        var counts = SingleLabelCounts()
        for (actual, predicted) in zip(["a", "a", "b", "b", "b", "c", "c", "d"], ["a", "b", "b", "b", "a", "a", "c", "a"]) {
            counts.add(actual: interner.intern(actual), predicted: interner.intern(predicted))
        }
        var builder = ReportBuilder(file: "preds.csv")
        builder.beta = 0.5
        let report = builder.report(counts, interner: interner)
        #expect(report.classes.allSatisfy { $0.fbeta != nil })
        #expect(report.statistics?.mcc != nil)
        let json = report.json()
        #expect(json.contains(#""beta": 0.5"#))
        #expect(try JSONDecoder().decode(Report.self, from: Data(json.utf8)) == report)
        // Without a beta, no fbeta key anywhere.
        let plain = ReportBuilder(file: "preds.csv").report(counts, interner: interner)
        #expect(!plain.json().contains("fbeta"))
        #expect(try JSONDecoder().decode(Report.self, from: Data(plain.json().utf8)) == plain)
    }

    @Test("F-beta at beta 1 is F1, at 0 precision; the MCC of a constant prediction is 0, kappa of one class undefined")
    func limits() {
        let counts = ClassCounts(truePositives: 3, falsePositives: 2, falseNegatives: 5)
        let scores = Metrics.scores(counts, zeroDivision: .zero)
        #expect(Metrics.fbeta(counts, beta: 1, zeroDivision: .zero) == scores.f1)
        #expect(Metrics.fbeta(counts, beta: 0, zeroDivision: .zero) == scores.precision)
        // Every row predicted "a": 2 rows a, 3 rows b (scikit-learn: matthews_corrcoef 0.0).
        let constant = [
            ClassCounts(truePositives: 2, falsePositives: 3, falseNegatives: 0),
            ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 3),
        ]
        #expect(Metrics.matthews(constant, unclassedPredictions: 0, rows: 5) == 0)
        // One class, every row right (scikit-learn: cohen_kappa_score nan).
        #expect(Metrics.cohenKappa([ClassCounts(truePositives: 4, falsePositives: 0, falseNegatives: 0)], rows: 4).isNaN)
    }
}

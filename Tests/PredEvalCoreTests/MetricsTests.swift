import PredEvalCore
import Testing

/// Expected values were computed with scikit-learn 1.9.1's precision_recall_fscore_support; each
/// test names the call.
@Suite("Metrics")
struct MetricsTests {
    private func counts(_ tp: Int, _ fp: Int, _ fn: Int) -> ClassCounts {
        ClassCounts(truePositives: tp, falsePositives: fp, falseNegatives: fn)
    }

    private func close(_ actual: Double, _ expected: Double) -> Bool {
        actual.isNaN ? expected.isNaN : abs(actual - expected) <= 1e-12
    }

    @Test("the glossary's worked example: micro-precision 4/20 = 0.2, micro-recall 4/16 = 0.25")
    func glossary() {
        let micro = Metrics.micro([counts(2, 8, 5), counts(1, 5, 3), counts(1, 3, 4)], zeroDivision: .warn)
        #expect(micro.precision == 0.2 && micro.recall == 0.25)
        #expect(close(micro.f1, 2.0 * 4 / (2 * 4 + 16 + 12)))
    }

    @Test(
        "zero division: class c never predicted (y_true a,b,c,c; y_pred a,b,a,b)",
        arguments: [(ZeroDivision.zero, 0.0, 0.25), (.one, 1.0, 0.75), (.nan, .nan, 0.5), (.warn, 0.0, 0.25)])
    func neverPredicted(zeroDivision: ZeroDivision, cPrecision: Double, weightedPrecision: Double) {
        let perClass = [counts(1, 1, 0), counts(1, 1, 0), counts(0, 0, 2)]
        let scores = perClass.map { Metrics.scores($0, zeroDivision: zeroDivision) }
        #expect(close(scores[2].precision, cPrecision))
        #expect(scores[2].recall == 0 && scores[2].f1 == 0)  // F1 from counts: 0 / (0 + 2), defined
        let weighted = Metrics.weighted(scores, supports: perClass.map(\.support))
        #expect(close(weighted.precision, weightedPrecision))
        #expect(close(weighted.recall, 0.5) && close(weighted.f1, 1.0 / 3.0))
    }

    @Test(
        "labels absent from both sides: macro and weighted fall back to the plain mean (labels=[x,y])",
        arguments: [(ZeroDivision.zero, 0.0), (.one, 1.0), (.nan, .nan)])
    func absentLabels(zeroDivision: ZeroDivision, expected: Double) {
        let scores = [counts(0, 0, 0), counts(0, 0, 0)].map { Metrics.scores($0, zeroDivision: zeroDivision) }
        let weighted = Metrics.weighted(scores, supports: [0, 0])
        let macro = Metrics.macro(scores)
        for value in [weighted.precision, weighted.recall, weighted.f1, macro.precision, macro.recall, macro.f1] {
            #expect(close(value, expected))
        }
    }

    @Test(
        "samples average: rows [1,0]/[1,1], [0,0]/[0,0], [1,1]/[0,0], [0,1]/[0,1]",
        arguments: [
            (ZeroDivision.zero, 0.375, 0.5, 0.41666666666666663), (.one, 0.875, 0.75, 0.6666666666666666),
            (.nan, 0.75, 0.6666666666666666, 0.5555555555555555),
        ])
    func samples(zeroDivision: ZeroDivision, precision: Double, recall: Double, f1: Double) {
        let overlaps = [
            RowOverlap(common: 1, actual: 1, predicted: 2): 1, RowOverlap(common: 0, actual: 0, predicted: 0): 1,
            RowOverlap(common: 0, actual: 2, predicted: 0): 1, RowOverlap(common: 1, actual: 1, predicted: 1): 1,
        ]
        let scores = Metrics.samples(overlaps, zeroDivision: zeroDivision)
        #expect(close(scores.precision, precision) && close(scores.recall, recall) && close(scores.f1, f1))
    }

    @Test("accuracy of no rows is undefined")
    func accuracy() {
        #expect(Metrics.accuracy(correct: 3, rows: 5) == 0.6)
        #expect(Metrics.accuracy(correct: 0, rows: 0).isNaN)
    }
}

/// The confusion counts of one class: true positives, false positives and false negatives.
public struct ClassCounts: Codable, Sendable, Equatable {
    /// Predicted as the class and actually the class.
    public var truePositives: Int
    /// Predicted as the class but actually another.
    public var falsePositives: Int
    /// Actually the class but predicted as another (or not predicted, multi-label).
    public var falseNegatives: Int

    /// Counts of one class.
    ///
    /// - Parameters:
    ///   - truePositives: predicted as the class and actually the class.
    ///   - falsePositives: predicted as the class but actually another.
    ///   - falseNegatives: actually the class but predicted as another.
    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// How often the class was the actual one.
    public var support: Int { truePositives + falseNegatives }
    /// How often the class was predicted.
    public var predicted: Int { truePositives + falsePositives }

    /// The counts of several classes added up (what the micro average scores).
    ///
    /// - Parameter counts: the classes' counts.
    /// - Returns: their sums.
    public static func sum(_ counts: [ClassCounts]) -> ClassCounts {
        counts.reduce(into: ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0)) { total, next in
            total.truePositives += next.truePositives
            total.falsePositives += next.falsePositives
            total.falseNegatives += next.falseNegatives
        }
    }
}

/// Precision, recall and F1 together; NaN where a value is undefined.
public struct Scores: Sendable {
    /// tp / (tp + fp).
    public var precision: Double
    /// tp / (tp + fn).
    public var recall: Double
    /// 2·tp / (2·tp + fp + fn): computed from counts, so defined whenever any count is non-zero.
    public var f1: Double

    /// Scores with these values.
    ///
    /// - Parameters:
    ///   - precision: tp / (tp + fp).
    ///   - recall: tp / (tp + fn).
    ///   - f1: 2·tp / (2·tp + fp + fn).
    public init(precision: Double, recall: Double, f1: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }
}

/// The metrics, as pure functions of counts, following scikit-learn's
/// `precision_recall_fscore_support` to the last rule.
public enum Metrics {
    /// The scores of one class (or, for summed counts, the micro average).
    ///
    /// - Parameters:
    ///   - counts: the class's counts.
    ///   - zeroDivision: what a 0/0 becomes.
    /// - Returns: precision, recall and F1.
    public static func scores(_ counts: ClassCounts, zeroDivision: ZeroDivision) -> Scores {
        Scores(
            precision: divide(counts.truePositives, counts.predicted, zeroDivision),
            recall: divide(counts.truePositives, counts.support, zeroDivision),
            f1: divide(2 * counts.truePositives, counts.support + counts.predicted, zeroDivision))
    }

    /// The micro average: the scores of all classes' counts added up.
    ///
    /// - Parameters:
    ///   - counts: the reported classes' counts.
    ///   - zeroDivision: what a 0/0 becomes.
    /// - Returns: the micro-averaged scores.
    public static func micro(_ counts: [ClassCounts], zeroDivision: ZeroDivision) -> Scores {
        scores(ClassCounts.sum(counts), zeroDivision: zeroDivision)
    }

    /// The macro average: each score's mean over the classes where it is defined (NaN if nowhere).
    ///
    /// - Parameter classScores: the reported classes' scores.
    /// - Returns: the macro-averaged scores.
    public static func macro(_ classScores: [Scores]) -> Scores {
        Scores(
            precision: nanMean(classScores.map(\.precision)),
            recall: nanMean(classScores.map(\.recall)),
            f1: nanMean(classScores.map(\.f1)))
    }

    /// The weighted average: each score's mean weighted by support, over the classes where it is
    /// defined; if their supports add up to zero, the plain mean (as scikit-learn falls back).
    ///
    /// - Parameters:
    ///   - classScores: the reported classes' scores.
    ///   - supports: their supports, in the same order.
    /// - Returns: the weighted-averaged scores.
    public static func weighted(_ classScores: [Scores], supports: [Int]) -> Scores {
        Scores(
            precision: nanWeightedMean(classScores.map(\.precision), weights: supports),
            recall: nanWeightedMean(classScores.map(\.recall), weights: supports),
            f1: nanWeightedMean(classScores.map(\.f1), weights: supports))
    }

    /// The samples average (multi-label): each row scored on its own sets, then the mean over rows
    /// where each score is defined.
    ///
    /// - Parameters:
    ///   - overlaps: how many rows had each overlap of their sets.
    ///   - zeroDivision: what a row's 0/0 becomes.
    /// - Returns: the samples-averaged scores.
    public static func samples(_ overlaps: [RowOverlap: Int], zeroDivision: ZeroDivision) -> Scores {
        var precision = WeightedSum()
        var recall = WeightedSum()
        var f1 = WeightedSum()
        for (overlap, rows) in overlaps.sorted(by: { Self.order($0.key, $1.key) }) {
            let row = scores(overlap.counts, zeroDivision: zeroDivision)
            precision.add(row.precision, weight: rows)
            recall.add(row.recall, weight: rows)
            f1.add(row.f1, weight: rows)
        }
        return Scores(precision: precision.mean, recall: recall.mean, f1: f1.mean)
    }

    /// F-beta of counts, as scikit-learn computes it: (1 + β²)·tp / (β²·(tp + fn) + tp + fp).
    ///
    /// - Parameters:
    ///   - counts: a class's counts (or summed counts, or a row's).
    ///   - beta: the weight of recall against precision (1 is F1).
    ///   - zeroDivision: what a 0/0 becomes.
    /// - Returns: F-beta.
    public static func fbeta(_ counts: ClassCounts, beta: Double, zeroDivision: ZeroDivision) -> Double {
        let betaSquared = beta * beta
        let denominator = betaSquared * Double(counts.support) + Double(counts.predicted)
        return denominator == 0 ? zeroDivision.value : (1 + betaSquared) * Double(counts.truePositives) / denominator
    }

    /// The Jaccard index of counts, tp / (tp + fp + fn) (`jaccard_score`).
    ///
    /// - Parameters:
    ///   - counts: a class's counts (or summed counts, or a row's).
    ///   - zeroDivision: what a 0/0 becomes.
    /// - Returns: the index.
    public static func jaccard(_ counts: ClassCounts, zeroDivision: ZeroDivision) -> Double {
        divide(counts.truePositives, counts.truePositives + counts.falsePositives + counts.falseNegatives, zeroDivision)
    }

    /// Specificity, tn / (tn + fp): the share of rows without the class not predicted as it.
    ///
    /// - Parameters:
    ///   - counts: the class's counts.
    ///   - trueNegatives: rows neither actually nor predicted the class.
    ///   - zeroDivision: what a 0/0 becomes.
    /// - Returns: the specificity.
    public static func specificity(_ counts: ClassCounts, trueNegatives: Int, zeroDivision: ZeroDivision) -> Double {
        divide(trueNegatives, trueNegatives + counts.falsePositives, zeroDivision)
    }

    /// The negative predictive value, tn / (tn + fn): the share of rows not predicted as the
    /// class that are not it.
    ///
    /// - Parameters:
    ///   - counts: the class's counts.
    ///   - trueNegatives: rows neither actually nor predicted the class.
    ///   - zeroDivision: what a 0/0 becomes.
    /// - Returns: the negative predictive value.
    public static func negativePredictiveValue(_ counts: ClassCounts, trueNegatives: Int, zeroDivision: ZeroDivision) -> Double {
        divide(trueNegatives, trueNegatives + counts.falseNegatives, zeroDivision)
    }

    /// The micro, macro, weighted and (with row overlaps) samples averages of a metric of counts,
    /// as scikit-learn averages a score: the metric of the summed counts; the mean over classes
    /// where it is defined; that mean weighted by support; the mean over rows of each row's own.
    ///
    /// - Parameters:
    ///   - metric: the metric of one set of counts.
    ///   - counts: the reported classes' counts.
    ///   - overlaps: multi-label: how many rows had each overlap of their sets; nil otherwise.
    /// - Returns: the four averages (samples NaN without overlaps).
    public static func averages(
        of metric: (ClassCounts) -> Double, _ counts: [ClassCounts], overlaps: [RowOverlap: Int]?
    ) -> (micro: Double, macro: Double, weighted: Double, samples: Double) {
        let values = counts.map(metric)
        var samples = WeightedSum()
        for (overlap, rows) in (overlaps ?? [:]).sorted(by: { Self.order($0.key, $1.key) }) {
            samples.add(metric(overlap.counts), weight: rows)
        }
        return (
            metric(ClassCounts.sum(counts)), nanMean(values), nanWeightedMean(values, weights: counts.map(\.support)),
            samples.mean
        )
    }

    /// Balanced accuracy (`balanced_accuracy_score`): the mean recall over the classes that
    /// occur as an actual label (NaN when none does).
    ///
    /// - Parameter counts: every class's counts, whatever the report lists.
    /// - Returns: the balanced accuracy.
    public static func balancedAccuracy(_ counts: [ClassCounts]) -> Double {
        var recalls = WeightedSum()
        for classCounts in counts where classCounts.support > 0 {
            recalls.add(Double(classCounts.truePositives) / Double(classCounts.support), weight: 1)
        }
        return recalls.mean
    }

    /// The multiclass Matthews correlation coefficient (`matthews_corrcoef`), from the
    /// confusion matrix's diagonal and margins: (c·n − Σ tₖpₖ) / √((n² − Σ pₖ²)(n² − Σ tₖ²)),
    /// 0 when either factor is 0 (NaN for no rows).
    ///
    /// - Parameters:
    ///   - counts: every class's counts, whatever the report lists.
    ///   - unclassedPredictions: predictions of no class (missing values counted as wrong): a
    ///     column of their own in the matrix.
    ///   - rows: rows counted.
    /// - Returns: the coefficient.
    public static func matthews(_ counts: [ClassCounts], unclassedPredictions: Int, rows: Int) -> Double {
        guard rows > 0 else { return .nan }
        let samples = Double(rows)
        var correct = 0.0
        var actualTimesPredicted = 0.0
        var predictedSquared = Double(unclassedPredictions) * Double(unclassedPredictions)
        var actualSquared = 0.0
        for classCounts in counts {
            let (actual, predicted) = (Double(classCounts.support), Double(classCounts.predicted))
            correct += Double(classCounts.truePositives)
            actualTimesPredicted += actual * predicted
            predictedSquared += predicted * predicted
            actualSquared += actual * actual
        }
        let covariance = correct * samples - actualTimesPredicted
        let spreads = (samples * samples - predictedSquared) * (samples * samples - actualSquared)
        return spreads == 0 ? 0 : covariance / spreads.squareRoot()
    }

    /// Cohen's kappa between the actual and predicted labels (`cohen_kappa_score`, unweighted):
    /// 1 − (observed disagreement / disagreement expected by chance); NaN when undefined.
    ///
    /// - Parameters:
    ///   - counts: every class's counts, whatever the report lists.
    ///   - rows: rows counted.
    /// - Returns: kappa.
    public static func cohenKappa(_ counts: [ClassCounts], rows: Int) -> Double {
        guard rows > 0 else { return .nan }
        let samples = Double(rows)
        var correct = 0.0
        var actualTimesPredicted = 0.0
        for classCounts in counts {
            correct += Double(classCounts.truePositives)
            actualTimesPredicted += Double(classCounts.support) * Double(classCounts.predicted)
        }
        let expectedDisagreement = (samples * samples - actualTimesPredicted) / samples
        return expectedDisagreement == 0 ? .nan : 1 - (samples - correct) / expectedDisagreement
    }

    /// The Hamming loss (`hamming_loss`, multi-label): wrong (row, label) cells — a label in one
    /// set but not the other — over rows × labels (NaN when that is 0).
    ///
    /// - Parameters:
    ///   - counts: the reported labels' counts.
    ///   - rows: rows counted.
    /// - Returns: the loss.
    public static func hammingLoss(_ counts: [ClassCounts], rows: Int) -> Double {
        let cells = rows * counts.count
        guard cells > 0 else { return .nan }
        return Double(counts.reduce(0) { $0 + $1.falsePositives + $1.falseNegatives }) / Double(cells)
    }

    /// Correct rows over all rows (NaN for no rows).
    ///
    /// - Parameters:
    ///   - correct: rows predicted right.
    ///   - rows: rows counted.
    /// - Returns: their ratio.
    public static func accuracy(correct: Int, rows: Int) -> Double {
        rows == 0 ? .nan : Double(correct) / Double(rows)
    }

    // MARK: Private

    private static func divide(_ numerator: Int, _ denominator: Int, _ zeroDivision: ZeroDivision) -> Double {
        denominator == 0 ? zeroDivision.value : Double(numerator) / Double(denominator)
    }

    private static func nanMean(_ values: [Double]) -> Double {
        var sum = WeightedSum()
        for value in values { sum.add(value, weight: 1) }
        return sum.mean
    }

    private static func nanWeightedMean(_ values: [Double], weights: [Int]) -> Double {
        var weightedSum = 0.0
        var totalWeight = 0
        for (value, weight) in zip(values, weights) where !value.isNaN {
            weightedSum += value * Double(weight)
            totalWeight += weight
        }
        return totalWeight == 0 ? nanMean(values) : weightedSum / Double(totalWeight)
    }

    /// A fixed order for the histogram, so the sum does not depend on dictionary order.
    private static func order(_ left: RowOverlap, _ right: RowOverlap) -> Bool {
        (left.common, left.actual, left.predicted) < (right.common, right.actual, right.predicted)
    }
}

/// A running mean of the values that are not NaN, each counted `weight` times.
private struct WeightedSum {
    private var sum = 0.0
    private var count = 0

    mutating func add(_ value: Double, weight: Int) {
        guard !value.isNaN else { return }
        sum += value * Double(weight)
        count += weight
    }

    var mean: Double { count == 0 ? .nan : sum / Double(count) }
}

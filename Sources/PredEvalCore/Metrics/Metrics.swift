/// The confusion counts of one class: true positives, false positives and false negatives.
public struct ClassCounts: Sendable, Equatable {
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
            let row = scores(
                ClassCounts(
                    truePositives: overlap.common, falsePositives: overlap.predicted - overlap.common,
                    falseNegatives: overlap.actual - overlap.common),
                zeroDivision: zeroDivision)
            precision.add(row.precision, weight: rows)
            recall.add(row.recall, weight: rows)
            f1.add(row.f1, weight: rows)
        }
        return Scores(precision: precision.mean, recall: recall.mean, f1: f1.mean)
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

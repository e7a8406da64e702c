/// ROC-AUC and average precision of one class's scores, as scikit-learn's `roc_auc_score` and
/// `average_precision_score` compute them: rows ranked by score, highest first, and rows of equal
/// score taken together (one step of the curve), read from exact counts.
public enum RankingMetrics {
    /// The area under the ROC curve: the chance that a random positive row scores above a random
    /// negative one, ties counting one half — Σ negatives_s · (positives above s + positives_s / 2)
    /// / (P · N), summed in 128-bit integers. Nil without positive or without negative rows.
    ///
    /// - Parameter entries: the class's scores, highest first.
    /// - Returns: the area, or nil when undefined.
    public static func rocAUC(_ entries: [ScoreHistogram.Entry]) -> Double? {
        var curve = Curve()
        for entry in entries { curve.add(entry) }
        return curve.rocAUC
    }

    /// Average precision: Σ over the distinct scores, highest first, of the recall gained there
    /// times the precision of the rows scored at least as high, Σ positives_s / P · TP_s / (TP_s +
    /// FP_s). scikit-learn's value where it is defined; 0 without positive rows (scikit-learn's
    /// value, which its averages use).
    ///
    /// - Parameter entries: the class's scores, highest first.
    /// - Returns: the average precision.
    public static func averagePrecision(_ entries: [ScoreHistogram.Entry]) -> Double {
        var curve = Curve()
        for entry in entries { curve.add(entry) }
        return curve.averagePrecision
    }

    /// Both figures of a histogram's entries fed highest score first, each distinct score once:
    /// what a curve's sweep accumulates, so that pooled classes can be fed from a merge without
    /// holding their entries together.
    public struct Curve: Sendable {
        private var above: UInt128 = 0
        private var doubledArea: UInt128 = 0
        private var negatives: UInt128 = 0
        private var truePositives = 0
        private var falsePositives = 0
        /// Σ positives_s · precision_s.
        private var weightedPrecision = 0.0

        /// A sweep at its start.
        public init() {}

        /// Takes the next (lower) distinct score's rows.
        ///
        /// - Parameter entry: the score and its rows.
        public mutating func add(_ entry: ScoreHistogram.Entry) {
            let (positivesHere, negativesHere) = (UInt128(entry.positives), UInt128(entry.negatives))
            doubledArea += negativesHere * (2 * above + positivesHere)
            above += positivesHere
            negatives += negativesHere
            truePositives += entry.positives
            falsePositives += entry.negatives
            if entry.positives > 0 {
                weightedPrecision += Double(entry.positives) * (Double(truePositives) / Double(truePositives + falsePositives))
            }
        }

        /// ROC-AUC, nil without positive or without negative rows.
        public var rocAUC: Double? {
            guard above > 0, negatives > 0 else { return nil }
            return Double(doubledArea) / (2 * Double(above) * Double(negatives))
        }

        /// Average precision, 0 without positive rows.
        public var averagePrecision: Double {
            truePositives > 0 ? weightedPrecision / Double(truePositives) : 0
        }

        /// Whether some positive row was fed.
        public var hasPositives: Bool { truePositives > 0 }
    }

    /// The class's positive rows.
    ///
    /// - Parameter entries: the class's scores.
    /// - Returns: rows of the class.
    public static func positives(_ entries: [ScoreHistogram.Entry]) -> Int { entries.reduce(0) { $0 + $1.positives } }

    /// Whether the class has positive and negative rows, so that its ROC-AUC and average
    /// precision are reported (`null` otherwise).
    ///
    /// - Parameter entries: the class's scores.
    /// - Returns: whether both kinds of row occur.
    public static func isDefined(_ entries: [ScoreHistogram.Entry]) -> Bool {
        entries.contains { $0.positives > 0 } && entries.contains { $0.negatives > 0 }
    }

    /// One row's ROC-AUC and average precision over its labels (multi-label `samples`): its
    /// scores with, for each, whether the label is in the row's actual set. ROC-AUC is nil when
    /// the row has labels of one kind only; average precision is then 0 (no positive) or 1.
    ///
    /// - Parameters:
    ///   - scores: the row's scores, one per label.
    ///   - isPositive: whether each label is in the row's actual set.
    /// - Returns: the row's two values.
    public static func rowValues(
        _ scores: UnsafeBufferPointer<Double>, isPositive: UnsafeBufferPointer<Bool>
    ) -> (rocAUC: Double?, averagePrecision: Double) {
        var order = Array(scores.indices)
        order.sort { scores[$0] > scores[$1] }
        var entries: [ScoreHistogram.Entry] = []
        for index in order {
            let positive = isPositive[index] ? 1 : 0
            if let last = entries.last, last.score == scores[index] {
                entries[entries.count - 1].positives += positive
                entries[entries.count - 1].negatives += 1 - positive
            } else {
                entries.append(ScoreHistogram.Entry(score: scores[index], positives: positive, negatives: 1 - positive))
            }
        }
        return (rocAUC(entries), averagePrecision(entries))
    }
}

/// One class's ROC and precision-recall curves read off its score histogram, as scikit-learn's
/// `roc_curve(drop_intermediate=False)` and `precision_recall_curve` make them — one point per
/// distinct score, ties taken together — then thinned to at most a given number of points.
///
/// Thinning keeps both ends and, for each of the evenly spaced steps along the curve's length
/// (Euclidean, in the unit square), the point nearest to it: a curve of millions of distinct
/// scores keeps its shape in a few hundred points, each one of scikit-learn's own.
public enum RankingCurves {
    /// The ROC curve: `[fpr, tpr, threshold]` from (0, 0) (threshold nil, scikit-learn's `inf`)
    /// through each distinct score, highest first, to (1, 1).
    ///
    /// - Parameters:
    ///   - entries: the class's scores, highest first, with positive and negative rows.
    ///   - maximumPoints: the most points kept (at least 2).
    /// - Returns: the points, nil when the class has no positive or no negative row.
    public static func roc(_ entries: [ScoreHistogram.Entry], maximumPoints: Int) -> [CurvePoint]? {
        let (positives, negatives) = totals(entries)
        guard positives > 0, negatives > 0 else { return nil }
        let points = {
            sequence(state: (next: -1, truePositives: 0, falsePositives: 0)) { state -> CurvePoint? in
                defer { state.next += 1 }
                guard state.next >= 0 else { return CurvePoint(x: 0, y: 0, threshold: nil) }
                guard state.next < entries.count else { return nil }
                let entry = entries[state.next]
                state.truePositives += entry.positives
                state.falsePositives += entry.negatives
                return CurvePoint(
                    x: Double(state.falsePositives) / Double(negatives), y: Double(state.truePositives) / Double(positives),
                    threshold: entry.score)
            }
        }
        return thinned(points, count: entries.count + 1, to: maximumPoints)
    }

    /// The precision-recall curve: `[recall, precision, threshold]` from the lowest distinct
    /// score (recall 1) to the highest, then (0, 1) with threshold nil, scikit-learn's order.
    ///
    /// - Parameters:
    ///   - entries: the class's scores, highest first, with positive and negative rows.
    ///   - maximumPoints: the most points kept (at least 2).
    /// - Returns: the points, nil when the class has no positive or no negative row.
    public static func precisionRecall(_ entries: [ScoreHistogram.Entry], maximumPoints: Int) -> [CurvePoint]? {
        let (positives, negatives) = totals(entries)
        guard positives > 0, negatives > 0 else { return nil }
        // Rows at or above each score, walked up from the lowest: every row at the lowest score.
        let points = {
            sequence(state: (next: entries.count - 1, truePositives: positives, falsePositives: negatives)) {
                state -> CurvePoint? in
                defer { state.next -= 1 }
                guard state.next >= 0 else { return state.next == -1 ? CurvePoint(x: 0, y: 1, threshold: nil) : nil }
                let entry = entries[state.next]
                let point = CurvePoint(
                    x: Double(state.truePositives) / Double(positives),
                    y: Double(state.truePositives) / Double(state.truePositives + state.falsePositives), threshold: entry.score)
                state.truePositives -= entry.positives
                state.falsePositives -= entry.negatives
                return point
            }
        }
        return thinned(points, count: entries.count + 1, to: maximumPoints)
    }

    /// `count` points (made afresh by `points` for each pass), or at most `maximum` of them: the
    /// first, the last, and the nearest to each of the `maximum` − 2 evenly spaced lengths
    /// along the curve between them, each point once.
    static func thinned<Points: Sequence<CurvePoint>>(_ points: () -> Points, count: Int, to maximum: Int) -> [CurvePoint] {
        guard count > maximum else { return Array(points()) }
        var total = 0.0
        var previous: CurvePoint?
        for point in points() {
            if let previous { total += previous.distance(to: point) }
            previous = point
        }
        var kept: [CurvePoint] = []
        kept.reserveCapacity(maximum)
        var lastKept = -1
        var step = 1
        var (length, previousLength) = (0.0, 0.0)
        previous = nil
        for (index, point) in points().enumerated() {
            if let previous {
                previousLength = length
                length += previous.distance(to: point)
                // Every step this segment reaches goes to its nearer end.
                while step < maximum - 1 && Double(step) * total / Double(maximum - 1) <= length {
                    let target = Double(step) * total / Double(maximum - 1)
                    let nearest = target - previousLength <= length - target ? index - 1 : index
                    if nearest > lastKept {
                        kept.append(nearest == index ? point : previous)
                        lastKept = nearest
                    }
                    step += 1
                }
            } else {
                kept.append(point)
                lastKept = 0
            }
            previous = point
        }
        if lastKept < count - 1, let previous { kept.append(previous) }
        return kept
    }

    /// The class's positive and negative rows.
    private static func totals(_ entries: [ScoreHistogram.Entry]) -> (positives: Int, negatives: Int) {
        entries.reduce((0, 0)) { ($0.0 + $1.positives, $0.1 + $1.negatives) }
    }
}

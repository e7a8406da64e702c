/// Per label id: rows where the label was actual, predicted, and both — the counts every
/// per-label score comes from, kept alike for single- and multi-label rows.
public struct LabelTotals: Codable, Sendable, Equatable {
    /// `actual[id]`: rows whose actual label (set) holds `id` — its support.
    public internal(set) var actual: [Int] = []
    /// `predicted[id]`: rows whose predicted label (set) holds `id`.
    public internal(set) var predicted: [Int] = []
    /// `correct[id]`: rows whose actual and predicted label (sets) both hold `id` — true positives.
    public internal(set) var correct: [Int] = []

    /// How many label ids have totals.
    public var labelCount: Int { actual.count }

    /// The tp, fp and fn of label `id`; zeros for an id never counted.
    ///
    /// - Parameter id: a label id.
    /// - Returns: its true positives, false positives and false negatives.
    public func classCounts(of id: Int32) -> ClassCounts {
        let index = Int(id)
        guard index < labelCount else { return ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0) }
        return ClassCounts(
            truePositives: correct[index], falsePositives: predicted[index] - correct[index],
            falseNegatives: actual[index] - correct[index])
    }

    /// Whether label `id` occurred in a counted row, as an actual or a predicted label.
    ///
    /// - Parameter id: a label id.
    /// - Returns: true when some counted row held it.
    public func occurred(_ id: Int32) -> Bool {
        let index = Int(id)
        return index < labelCount && (actual[index] > 0 || predicted[index] > 0)
    }

    /// The tp, fp and fn of every label that occurred, by id.
    ///
    /// - Returns: one entry per label with an actual or a predicted row.
    public func occurringClassCounts() -> [Int32: ClassCounts] {
        var counts: [Int32: ClassCounts] = [:]
        for index in 0..<labelCount where actual[index] > 0 || predicted[index] > 0 {
            counts[Int32(index)] = classCounts(of: Int32(index))
        }
        return counts
    }

    /// Makes room for ids below `count`.
    mutating func grow(to count: Int) {
        let added = count - actual.count
        guard added > 0 else { return }
        actual.append(contentsOf: repeatElement(0, count: added))
        predicted.append(contentsOf: repeatElement(0, count: added))
        correct.append(contentsOf: repeatElement(0, count: added))
    }

    /// Counts `count` rows whose actual label was `actual` and predicted one `predicted`; both
    /// ids must have room.
    @inline(__always)
    mutating func add(actual actualID: Int, predicted predictedID: Int, count: Int) {
        actual[actualID] += count
        predicted[predictedID] += count
        if actualID == predictedID { correct[actualID] += count }
    }

    /// Runs `body` with the three arrays' storage, unchecked: every id it writes must have room.
    @inline(__always)
    mutating func withUnsafeMutableCounts<Result>(
        _ body: (
            _ actual: UnsafeMutableBufferPointer<Int>, _ predicted: UnsafeMutableBufferPointer<Int>,
            _ correct: UnsafeMutableBufferPointer<Int>
        ) -> Result
    ) -> Result {
        actual.withUnsafeMutableBufferPointer { actual in
            predicted.withUnsafeMutableBufferPointer { predicted in
                correct.withUnsafeMutableBufferPointer { correct in body(actual, predicted, correct) }
            }
        }
    }

    /// Adds the totals of `other`, whose label id `i` is this one's `idMap[i]`.
    mutating func merge(_ other: LabelTotals, idMap: [Int32]) {
        precondition(idMap.count >= other.labelCount, "every id of the merged counts needs a mapping")
        if let largest = idMap.prefix(other.labelCount).max() { grow(to: Int(largest) + 1) }
        for otherID in 0..<other.labelCount {
            let id = Int(idMap[otherID])
            actual[id] += other.actual[otherID]
            predicted[id] += other.predicted[otherID]
            correct[id] += other.correct[otherID]
        }
    }
}

/// Counts for single-label rows: how often each pair of (actual, predicted) label ids occurred,
/// from which every per-label total and the confusion matrix follow.
///
/// A row costs one increment. Pairs of ids below `denseLimit` are counted in a dense block
/// (at most 256² cells); pairs involving a larger id below `pairLimit` in a sparse table, which
/// holds only the pairs that occur; rows with an id at or above `pairLimit` only in per-label
/// totals, so 10^4 or 10^5 labels never allocate K² cells, and the confusion matrix is kept for the
/// first `pairLimit` ids only. Two counts of disjoint rows merge into the counts of all.
///
/// Compact counts (a slice's) keep a dense block of 16² cells only and every other pair that
/// occurs in the sparse table, whatever its ids: memory follows the pairs a slice sees, not the
/// labels the file has, so 10^4 slices of a file with 10^5 labels cost kilobytes each.
public struct SingleLabelCounts: Codable, Sendable, Equatable {
    /// Label ids at or above this have no pair counts (their matrix rows and columns are unknown);
    /// a report shows a confusion matrix only when every label's id is below it.
    public static let pairLimit = 1024
    /// Pairs of ids below this are counted in the dense block.
    private let denseLimit: Int
    /// Pairs with an id at or above this are kept in totals only.
    private let sparseLimit: Int

    /// Rows counted.
    public private(set) var rows = 0
    /// Pair counts for ids below `denseCapacity`, row-major: `dense[actual * denseCapacity + predicted]`.
    private var dense: [Int] = []
    private var denseCapacity = 0
    /// Pair counts where the larger id is in `denseLimit..<pairLimit`, keyed by `pairKey`.
    private var sparsePairs: [UInt64: Int] = [:]
    /// Totals of the rows with an id at or above `pairLimit`, which have no pair counts.
    private var unpairedTotals = LabelTotals()
    /// The pairs of those rows that `keepPair` was asked to keep (two labels that relabeling may
    /// make one, such as `7` and `7.0`), keyed by `pairKey`: relabeled as one label, they are
    /// correct rows.
    private var keptUnpairedPairs: [UInt64: Int] = [:]
    /// Whether rows without a pair were merged in under ids that have pairs (counts relabeled or
    /// merged from more than `pairLimit` labels): pair counts then miss rows and are unknown.
    private var pairsIncomplete = false

    /// Empty counts.
    ///
    /// - Parameter compact: keep memory to the pairs seen (for slices): a 16² dense block, every
    ///   other pair in the sparse table.
    public init(compact: Bool = false) {
        denseLimit = compact ? 16 : 256
        sparseLimit = compact ? Int.max : Self.pairLimit
    }

    /// Counts one row.
    ///
    /// - Parameters:
    ///   - actualID: the actual label's id.
    ///   - predictedID: the predicted label's id.
    @inline(__always)
    public mutating func add(actual actualID: Int32, predicted predictedID: Int32) {
        rows += 1
        let (actualIndex, predictedIndex) = (Int(actualID), Int(predictedID))
        if actualIndex < denseCapacity && predictedIndex < denseCapacity {
            dense[actualIndex &* denseCapacity &+ predictedIndex] &+= 1
        } else {
            addOutsideDenseBlock(actual: actualIndex, predicted: predictedIndex, count: 1)
        }
    }

    /// Keeps the pair of a row just counted whose labels relabeling may make one (`7` and
    /// `7.0`), where no pair would be kept otherwise (an id at or above `pairLimit`): relabeled as
    /// one label, the row is then counted correct.
    ///
    /// - Parameters:
    ///   - actualID: the actual label's id.
    ///   - predictedID: the predicted label's id, another than `actualID`.
    ///   - count: the rows of that pair.
    public mutating func keepPair(actual actualID: Int32, predicted predictedID: Int32, count: Int = 1) {
        guard max(Int(actualID), Int(predictedID)) >= sparseLimit else { return }
        keptUnpairedPairs[Self.pairKey(Int(actualID), Int(predictedID)), default: 0] += count
    }

    /// Calls `body` with each pair of two different labels that has rows and is kept (in no
    /// particular order).
    ///
    /// - Parameter body: called with the actual id, the predicted id and the rows.
    public func forEachWrongPair(_ body: (Int32, Int32, Int) -> Void) {
        for actual in 0..<denseCapacity {
            for predicted in 0..<denseCapacity where actual != predicted && dense[actual * denseCapacity + predicted] > 0 {
                body(Int32(actual), Int32(predicted), dense[actual * denseCapacity + predicted])
            }
        }
        for (key, count) in sparsePairs {
            let (actual, predicted) = Self.ids(ofPairKey: key)
            if actual != predicted { body(Int32(actual), Int32(predicted), count) }
        }
    }

    /// Counts `count` rows of one pair.
    ///
    /// - Parameters:
    ///   - actualID: the actual label's id.
    ///   - predictedID: the predicted label's id.
    ///   - count: how many rows (0 counts nothing).
    public mutating func add(actual actualID: Int32, predicted predictedID: Int32, count: Int) {
        guard count > 0 else { return }
        rows += count
        addPair(actual: Int(actualID), predicted: Int(predictedID), count: count)
    }

    /// Per label: rows where it was actual, predicted, and both.
    public var totals: LabelTotals {
        var totals = unpairedTotals
        totals.grow(to: labelCount)
        for actual in 0..<denseCapacity {
            for predicted in 0..<denseCapacity where dense[actual * denseCapacity + predicted] > 0 {
                totals.add(actual: actual, predicted: predicted, count: dense[actual * denseCapacity + predicted])
            }
        }
        for (key, count) in sparsePairs {
            let (actual, predicted) = Self.ids(ofPairKey: key)
            totals.add(actual: actual, predicted: predicted, count: count)
        }
        return totals
    }

    /// How many label ids have counts (the largest id seen, plus one).
    public var labelCount: Int {
        var count = unpairedTotals.labelCount
        for actual in 0..<denseCapacity {
            for predicted in 0..<denseCapacity where dense[actual * denseCapacity + predicted] > 0 {
                count = max(count, actual + 1, predicted + 1)
            }
        }
        for key in sparsePairs.keys {
            let (actual, predicted) = Self.ids(ofPairKey: key)
            count = max(count, actual + 1, predicted + 1)
        }
        return count
    }

    /// Rows whose actual label is `actualID` and predicted label `predictedID`, or nil where
    /// either id is at or above `pairLimit` (for compact counts: never), or when rows without a
    /// pair were merged in under ids that have pairs (counts relabeled from more than `pairLimit`
    /// labels to fewer).
    ///
    /// - Parameters:
    ///   - actualID: the actual label's id.
    ///   - predictedID: the predicted label's id.
    /// - Returns: the rows with that pair, or nil where the pair is not kept.
    public func count(actual actualID: Int32, predicted predictedID: Int32) -> Int? {
        let (actual, predicted) = (Int(actualID), Int(predictedID))
        guard actual < sparseLimit, predicted < sparseLimit, !pairsIncomplete else { return nil }
        if max(actual, predicted) >= denseLimit {
            return sparsePairs[Self.pairKey(actual, predicted)] ?? 0
        }
        guard actual < denseCapacity, predicted < denseCapacity else { return 0 }
        return dense[actual * denseCapacity + predicted]
    }

    /// The tp, fp and fn of every label that occurred, by id: from the pairs that occurred, so
    /// that compact counts (a slice's) cost what they hold, not what the file's labels number.
    ///
    /// - Returns: one entry per label with an actual or a predicted row.
    public func occurringClassCounts() -> [Int32: ClassCounts] {
        var counts = unpairedTotals.occurringClassCounts()
        func add(actual: Int, predicted: Int, rows: Int) {
            counts[Int32(actual), default: ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0)]
                .falseNegatives += actual == predicted ? 0 : rows
            counts[Int32(predicted), default: ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0)]
                .falsePositives += actual == predicted ? 0 : rows
            if actual == predicted { counts[Int32(actual)]!.truePositives += rows }
        }
        for actual in 0..<denseCapacity {
            for predicted in 0..<denseCapacity where dense[actual * denseCapacity + predicted] > 0 {
                add(actual: actual, predicted: predicted, rows: dense[actual * denseCapacity + predicted])
            }
        }
        for (key, rows) in sparsePairs {
            let (actual, predicted) = Self.ids(ofPairKey: key)
            add(actual: actual, predicted: predicted, rows: rows)
        }
        return counts
    }

    /// Rows whose actual and predicted labels agree.
    public var correctRows: Int { totals.correct.reduce(0, +) }

    /// Adds the counts of `other`, whose label id `i` is this one's `idMap[i]`.
    ///
    /// - Parameters:
    ///   - other: counts of other rows.
    ///   - idMap: for each id of `other`, its id here (`LabelInterner.absorb` gives it).
    public mutating func merge(_ other: SingleLabelCounts, idMap: [Int32]) {
        rows += other.rows
        for actual in 0..<other.denseCapacity {
            for predicted in 0..<other.denseCapacity {
                let count = other.dense[actual * other.denseCapacity + predicted]
                if count > 0 { addPair(actual: Int(idMap[actual]), predicted: Int(idMap[predicted]), count: count) }
            }
        }
        for (key, count) in other.sparsePairs {
            let (actual, predicted) = Self.ids(ofPairKey: key)
            addPair(actual: Int(idMap[actual]), predicted: Int(idMap[predicted]), count: count)
        }
        // Rows with an id at or above pairLimit there: their totals only. Where the matrix is
        // reported (every reported id below pairLimit in both), none of them falls in it.
        unpairedTotals.merge(other.unpairedTotals, idMap: idMap)
        let unpairedRange = other.sparseLimit..<max(other.sparseLimit, other.unpairedTotals.labelCount)
        if other.pairsIncomplete
            || unpairedRange.contains(where: { other.unpairedTotals.occurred(Int32($0)) && Int(idMap[$0]) < sparseLimit })
        {
            pairsIncomplete = true
        }
        for (key, count) in other.keptUnpairedPairs {
            let (actual, predicted) = Self.ids(ofPairKey: key)
            let (mappedActual, mappedPredicted) = (Int(idMap[actual]), Int(idMap[predicted]))
            if mappedActual == mappedPredicted {
                unpairedTotals.correct[mappedActual] += count
            } else {
                keptUnpairedPairs[Self.pairKey(mappedActual, mappedPredicted), default: 0] += count
            }
        }
    }

    /// These counts with label `i` counted as label `idMap[i]`: labels that share an id are one
    /// label (a pair of two of them is a correct row).
    ///
    /// - Parameter idMap: for each id here, its id in the result.
    /// - Returns: the counts of the same rows under the new ids.
    public func relabeled(_ idMap: [Int32]) -> SingleLabelCounts {
        var relabeled = SingleLabelCounts(compact: denseLimit < 256)
        relabeled.merge(self, idMap: idMap)
        return relabeled
    }

    /// Equal when every count is equal, however the counts happen to be laid out.
    ///
    /// - Parameters:
    ///   - left: counts.
    ///   - right: other counts.
    /// - Returns: whether they count the same rows alike.
    public static func == (left: SingleLabelCounts, right: SingleLabelCounts) -> Bool {
        guard left.rows == right.rows, left.labelCount == right.labelCount else { return false }
        var (leftTotals, rightTotals) = (left.totals, right.totals)
        leftTotals.grow(to: left.labelCount)
        rightTotals.grow(to: right.labelCount)
        guard leftTotals == rightTotals else { return false }
        let ids = 0..<Int32(min(left.labelCount, pairLimit))
        return ids.allSatisfy { row in
            ids.allSatisfy { left.count(actual: row, predicted: $0) == right.count(actual: row, predicted: $0) }
        }
    }

    // MARK: Private

    private mutating func addPair(actual: Int, predicted: Int, count: Int) {
        if actual < denseCapacity && predicted < denseCapacity {
            dense[actual * denseCapacity + predicted] += count
        } else {
            addOutsideDenseBlock(actual: actual, predicted: predicted, count: count)
        }
    }

    private mutating func addOutsideDenseBlock(actual: Int, predicted: Int, count: Int) {
        let largest = max(actual, predicted)
        if largest < denseLimit {
            growDenseBlock(toInclude: largest)
            dense[actual * denseCapacity + predicted] += count
        } else if largest < sparseLimit {
            sparsePairs[Self.pairKey(actual, predicted), default: 0] += count
        } else {
            unpairedTotals.grow(to: largest + 1)
            unpairedTotals.add(actual: actual, predicted: predicted, count: count)
        }
    }

    private mutating func growDenseBlock(toInclude id: Int) {
        var capacity = max(denseCapacity, min(16, denseLimit))
        while capacity <= id { capacity *= 2 }
        var grown = Array(repeating: 0, count: capacity * capacity)
        for actual in 0..<denseCapacity {
            for predicted in 0..<denseCapacity {
                grown[actual * capacity + predicted] = dense[actual * denseCapacity + predicted]
            }
        }
        dense = grown
        denseCapacity = capacity
    }

    private static func pairKey(_ actual: Int, _ predicted: Int) -> UInt64 {
        UInt64(actual) << 32 | UInt64(predicted)
    }

    private static func ids(ofPairKey key: UInt64) -> (actual: Int, predicted: Int) {
        (Int(key >> 32), Int(key & 0xFFFF_FFFF))
    }
}

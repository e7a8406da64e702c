/// The counts of every bootstrap replicate (design §6): per label id and replicate, the weighted
/// rows where the label was actual, predicted and both, and per replicate the weighted rows —
/// integers, so that counts of parts, files and machines merge exactly. Memory: three `UInt32`
/// per label and replicate, and a few per replicate; no K×K matrix.
///
/// Single-label rows whose two spellings may turn out one class (`7` and `7.0`, before labels are
/// known to be numbers) keep their pair's weights apart, so that relabeling counts them correct;
/// multi-label rows keep the weights of each overlap of their sets, for the samples averages.
public struct ReplicateCounts: Sendable, Equatable {
    /// Replicates counted.
    public let replicates: Int
    /// Weighted rows per replicate.
    public private(set) var rows: [UInt64]
    /// Rows counted (unweighted), here and in the counts merged in.
    public private(set) var countedRows = 0
    /// The most rows the counts hold: a row weighs at most 20 in a replicate, so no count of
    /// this many rows passes `UInt32.max`.
    public static let rowLimit = Int(UInt32.max) / 20
    /// Whether the counts hold `rowLimit` rows: counting more could overflow (merged counts
    /// past it may have).
    public var isFull: Bool { countedRows >= Self.rowLimit }
    /// `actual[id · replicates + b]`: weighted rows whose actual label (set) holds `id`.
    private var actual: [UInt32] = []
    private var predicted: [UInt32] = []
    private var correct: [UInt32] = []
    /// Wrong single-label pairs whose labels may be one class: their weights, `replicates` each.
    private var pairSlots: [UInt64: Int] = [:]
    private var pairWeights: [UInt32] = []
    /// Multi-label: the weights of each overlap of a row's sets, `replicates` each.
    private var overlapSlots: [RowOverlap: Int] = [:]
    private var overlapWeights: [UInt32] = []

    /// Counts of no rows in `replicates` replicates.
    ///
    /// - Parameter replicates: replicates (at least 1).
    public init(replicates: Int) {
        precondition(replicates >= 1, "a bootstrap needs at least one replicate")
        self.replicates = replicates
        rows = Array(repeating: 0, count: replicates)
    }

    /// Label ids with counts.
    public var labelCount: Int { actual.count / replicates }

    /// Counts a single-label row of weights `weights` (one per replicate).
    ///
    /// - Parameters:
    ///   - actualID: the row's actual label.
    ///   - predictedID: its predicted label.
    ///   - mayBeOneClass: whether two different ids may be one class once labels are known
    ///     (spellings of one number, labels a map renames alike).
    ///   - weights: the row's weight in each replicate.
    public mutating func add(actual actualID: Int32, predicted predictedID: Int32, mayBeOneClass: Bool, weights: UnsafePointer<UInt32>) {
        grow(to: Int(max(actualID, predictedID)) + 1)
        addRows(weights)
        let (actualBase, predictedBase) = (Int(actualID) * replicates, Int(predictedID) * replicates)
        Self.add(weights, to: &actual, at: actualBase, replicates)
        Self.add(weights, to: &predicted, at: predictedBase, replicates)
        if actualID == predictedID {
            Self.add(weights, to: &correct, at: actualBase, replicates)
        } else if mayBeOneClass {
            let key = UInt64(UInt32(bitPattern: actualID)) << 32 | UInt64(UInt32(bitPattern: predictedID))
            let slot = pairSlots[key] ?? newSlot(&pairSlots, key, &pairWeights)
            Self.add(weights, to: &pairWeights, at: slot * replicates, replicates)
        }
    }

    /// Counts a multi-label row of weights `weights`: its actual and predicted sets (each label
    /// once) and their overlap.
    ///
    /// - Parameters:
    ///   - actualIDs: the actual set.
    ///   - predictedIDs: the predicted set.
    ///   - overlap: the row's overlap, as the samples averages count it.
    ///   - weights: the row's weight in each replicate.
    public mutating func add(
        actual actualIDs: some Collection<Int32>, predicted predictedIDs: some Collection<Int32>, overlap: RowOverlap,
        weights: UnsafePointer<UInt32>
    ) {
        grow(to: Int(max(actualIDs.max() ?? 0, predictedIDs.max() ?? 0)) + 1)
        addRows(weights)
        for id in actualIDs {
            Self.add(weights, to: &actual, at: Int(id) * replicates, replicates)
            if predictedIDs.contains(id) { Self.add(weights, to: &correct, at: Int(id) * replicates, replicates) }
        }
        for id in predictedIDs { Self.add(weights, to: &predicted, at: Int(id) * replicates, replicates) }
        let slot = overlapSlots[overlap] ?? newSlot(&overlapSlots, overlap, &overlapWeights)
        Self.add(weights, to: &overlapWeights, at: slot * replicates, replicates)
    }

    /// Adds the counts of `other` (the same replicates), whose label id `i` is this one's
    /// `idMap[i]`.
    ///
    /// - Parameters:
    ///   - other: counts of other rows.
    ///   - idMap: for each id of `other`, its id here.
    public mutating func merge(_ other: ReplicateCounts, idMap: [Int32]) {
        precondition(other.replicates == replicates, "replicate counts merge only with as many replicates")
        // Past `rowLimit` rows a count may wrap: `countedRows` tells, and the caller refuses.
        countedRows += other.countedRows
        for replicate in 0..<replicates { rows[replicate] &+= other.rows[replicate] }
        if let largest = idMap.prefix(other.labelCount).max() { grow(to: Int(largest) + 1) }
        for id in 0..<other.labelCount {
            let (from, to) = (id * replicates, Int(idMap[id]) * replicates)
            for replicate in 0..<replicates {
                actual[to + replicate] &+= other.actual[from + replicate]
                predicted[to + replicate] &+= other.predicted[from + replicate]
                correct[to + replicate] &+= other.correct[from + replicate]
            }
        }
        for (key, otherSlot) in other.pairSlots {
            let mapped = UInt64(UInt32(bitPattern: idMap[Int(key >> 32)])) << 32 | UInt64(UInt32(bitPattern: idMap[Int(key & 0xFFFF_FFFF)]))
            addSlot(&pairSlots, mapped, &pairWeights, from: other.pairWeights, slot: otherSlot)
        }
        for (overlap, otherSlot) in other.overlapSlots {
            addSlot(&overlapSlots, overlap, &overlapWeights, from: other.overlapWeights, slot: otherSlot)
        }
    }

    /// These counts with label `i` counted as label `idMap[i]`: a kept pair of two ids that
    /// become one is a correct row.
    ///
    /// - Parameter idMap: for each id here, its id in the result.
    /// - Returns: the counts under the new ids.
    public func relabeled(_ idMap: [Int32]) -> ReplicateCounts {
        var relabeled = ReplicateCounts(replicates: replicates)
        relabeled.merge(self, idMap: idMap)
        for (key, slot) in relabeled.pairSlots where key >> 32 == key & 0xFFFF_FFFF {
            Self.add(relabeled.pairWeights, slot * replicates, to: &relabeled.correct, at: Int(key >> 32) * replicates, replicates)
        }
        return relabeled
    }

    /// Replicate `replicate`'s counts: rows, the tp, fp and fn of each label id that occurred,
    /// and (multi-label) its rows of each overlap.
    ///
    /// - Parameter replicate: a replicate, below `replicates`.
    /// - Returns: what a report of the replicate is built from.
    public func replicate(_ replicate: Int) -> (rows: Int, occurring: [Int32: ClassCounts], overlaps: [RowOverlap: Int]) {
        var occurring: [Int32: ClassCounts] = [:]
        for id in 0..<labelCount {
            let index = id * replicates + replicate
            let (actualRows, predictedRows, correctRows) = (Int(actual[index]), Int(predicted[index]), Int(correct[index]))
            guard actualRows > 0 || predictedRows > 0 else { continue }
            occurring[Int32(id)] = ClassCounts(
                truePositives: correctRows, falsePositives: predictedRows - correctRows,
                falseNegatives: actualRows - correctRows)
        }
        var overlaps: [RowOverlap: Int] = [:]
        for (overlap, slot) in overlapSlots where overlapWeights[slot * replicates + replicate] > 0 {
            overlaps[overlap] = Int(overlapWeights[slot * replicates + replicate])
        }
        return (Int(rows[replicate]), occurring, overlaps)
    }

    // MARK: Private

    private mutating func addRows(_ weights: UnsafePointer<UInt32>) {
        precondition(!isFull, "replicate counts hold at most rowLimit rows")
        countedRows += 1
        let count = replicates
        rows.withUnsafeMutableBufferPointer { rows in
            let target = rows.baseAddress!
            for replicate in 0..<count { target[replicate] &+= UInt64(weights[replicate]) }
        }
    }

    private mutating func grow(to count: Int) {
        let added = (count - labelCount) * replicates
        guard added > 0 else { return }
        actual.append(contentsOf: repeatElement(0, count: added))
        predicted.append(contentsOf: repeatElement(0, count: added))
        correct.append(contentsOf: repeatElement(0, count: added))
    }

    private func newSlot<Key: Hashable>(_ slots: inout [Key: Int], _ key: Key, _ weights: inout [UInt32]) -> Int {
        let slot = slots.count
        slots[key] = slot
        weights.append(contentsOf: repeatElement(0, count: replicates))
        return slot
    }

    private func addSlot<Key: Hashable>(
        _ slots: inout [Key: Int], _ key: Key, _ weights: inout [UInt32], from otherWeights: [UInt32], slot otherSlot: Int
    ) {
        let slot = slots[key] ?? newSlot(&slots, key, &weights)
        Self.add(otherWeights, otherSlot * replicates, to: &weights, at: slot * replicates, replicates)
    }

    @inline(__always)
    private static func add(_ weights: UnsafePointer<UInt32>, to counts: inout [UInt32], at base: Int, _ count: Int) {
        counts.withUnsafeMutableBufferPointer { counts in
            let target = counts.baseAddress! + base
            for replicate in 0..<count { target[replicate] &+= weights[replicate] }
        }
    }

    private static func add(_ source: [UInt32], _ sourceBase: Int, to counts: inout [UInt32], at base: Int, _ count: Int) {
        source.withUnsafeBufferPointer { add($0.baseAddress! + sourceBase, to: &counts, at: base, count) }
    }
}

/// The counts of every bootstrap replicate (design §6): per label id and replicate, the weighted
/// rows where the label was a true positive, a false negative and a false positive — integers, so
/// that counts of parts, files and machines merge exactly. Memory: three `UInt32` per label and
/// replicate; no K×K matrix. A replicate's rows are not counted apart: a single-label row is one
/// true positive or one false negative, a multi-label row one overlap.
///
/// Single-label rows whose two spellings may turn out one class (`7` and `7.0`, before labels are
/// known to be numbers) keep their pair's weights apart, so that relabeling counts them correct;
/// multi-label rows keep the weights of each overlap of their sets, for the samples averages.
public struct ReplicateCounts: Codable, Sendable, Equatable {
    /// Replicates counted.
    public let replicates: Int
    /// Rows counted (unweighted), here and in the counts merged in.
    public private(set) var countedRows = 0
    /// The most rows the counts hold: a row weighs at most 20 in a replicate, so no count of
    /// this many rows passes `UInt32.max`.
    public static let rowLimit = Int(UInt32.max) / 20
    /// Whether the counts hold `rowLimit` rows: counting more could overflow (merged counts
    /// past it may have).
    public var isFull: Bool { countedRows >= Self.rowLimit }
    /// `truePositives[id · replicates + b]`: weighted rows whose actual and predicted label (set)
    /// hold `id`.
    private var truePositives: [UInt32] = []
    /// Weighted rows whose actual label (set) holds `id` and whose predicted one does not.
    private var falseNegatives: [UInt32] = []
    /// Weighted rows whose predicted label (set) holds `id` and whose actual one does not.
    private var falsePositives: [UInt32] = []
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
    }

    /// Label ids with counts.
    public var labelCount: Int { truePositives.count / replicates }

    /// Counts a single-label row whose two labels are not one class however labels turn out, its
    /// weights added in place by `draw`: handed the counts the row adds to, `replicates` each — the
    /// label's true positives for a row predicted right, else the actual label's false negatives
    /// and the predicted one's false positives — it adds the row's weight in each replicate to
    /// each (as `BootstrapWeights.add(key:to:and:)` does), so that no weight is written twice.
    ///
    /// - Parameters:
    ///   - actualID: the row's actual label.
    ///   - predictedID: its predicted label.
    ///   - draw: adds the row's weights to one or two runs of counts.
    public mutating func add(
        actual actualID: Int32, predicted predictedID: Int32,
        drawing draw: (_ first: UnsafeMutablePointer<UInt32>, _ second: UnsafeMutablePointer<UInt32>?) -> Void
    ) {
        grow(to: Int(max(actualID, predictedID)) + 1)
        countRow()
        let (actualBase, predictedBase) = (Int(actualID) * replicates, Int(predictedID) * replicates)
        if actualID == predictedID {
            truePositives.withUnsafeMutableBufferPointer { draw($0.baseAddress! + actualBase, nil) }
        } else {
            falseNegatives.withUnsafeMutableBufferPointer { missed in
                falsePositives.withUnsafeMutableBufferPointer { draw(missed.baseAddress! + actualBase, $0.baseAddress! + predictedBase) }
            }
        }
    }

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
        countRow()
        let (actualBase, predictedBase) = (Int(actualID) * replicates, Int(predictedID) * replicates)
        if actualID == predictedID {
            Self.add(weights, to: &truePositives, at: actualBase, replicates)
            return
        }
        Self.add(weights, to: &falseNegatives, at: actualBase, replicates)
        Self.add(weights, to: &falsePositives, at: predictedBase, replicates)
        if mayBeOneClass {
            let key = UInt64(UInt32(bitPattern: actualID)) << 32 | UInt64(UInt32(bitPattern: predictedID))
            let slot = pairSlots[key] ?? newSlot(&pairSlots, key, &pairWeights)
            Self.add(weights, to: &pairWeights, at: slot * replicates, replicates)
        }
    }

    /// Counts a multi-label row of weights `weights`: its actual and predicted sets (each label
    /// once) and their overlap.
    ///
    /// - Parameters:
    ///   - actualIDs: the actual set, each label once.
    ///   - predictedIDs: the predicted set, each label once.
    ///   - overlap: the row's overlap, as the samples averages count it.
    ///   - weights: the row's weight in each replicate.
    public mutating func add(
        actual actualIDs: UnsafeBufferPointer<Int32>, predicted predictedIDs: UnsafeBufferPointer<Int32>, overlap: RowOverlap,
        weights: UnsafePointer<UInt32>
    ) {
        grow(to: Int(max(actualIDs.max() ?? 0, predictedIDs.max() ?? 0)) + 1)
        countRow()
        for id in actualIDs {
            if predictedIDs.contains(id) {
                Self.add(weights, to: &truePositives, at: Int(id) * replicates, replicates)
            } else {
                Self.add(weights, to: &falseNegatives, at: Int(id) * replicates, replicates)
            }
        }
        for id in predictedIDs where !actualIDs.contains(id) {
            Self.add(weights, to: &falsePositives, at: Int(id) * replicates, replicates)
        }
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
        if let largest = idMap.prefix(other.labelCount).max() { grow(to: Int(largest) + 1) }
        for id in 0..<other.labelCount {
            let (from, to) = (id * replicates, Int(idMap[id]) * replicates)
            for replicate in 0..<replicates {
                truePositives[to + replicate] &+= other.truePositives[from + replicate]
                falseNegatives[to + replicate] &+= other.falseNegatives[from + replicate]
                falsePositives[to + replicate] &+= other.falsePositives[from + replicate]
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
    /// become one is a correct row, a true positive where it was a false negative and positive.
    ///
    /// - Parameter idMap: for each id here, its id in the result.
    /// - Returns: the counts under the new ids.
    public func relabeled(_ idMap: [Int32]) -> ReplicateCounts {
        var relabeled = ReplicateCounts(replicates: replicates)
        relabeled.merge(self, idMap: idMap)
        for (key, slot) in relabeled.pairSlots where key >> 32 == key & 0xFFFF_FFFF {
            let (from, to) = (slot * replicates, Int(key >> 32) * replicates)
            for replicate in 0..<replicates {
                let weight = relabeled.pairWeights[from + replicate]
                relabeled.truePositives[to + replicate] &+= weight
                relabeled.falseNegatives[to + replicate] &-= weight
                relabeled.falsePositives[to + replicate] &-= weight
            }
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
        var labelRows = 0
        for id in 0..<labelCount {
            let index = id * replicates + replicate
            let counts = ClassCounts(
                truePositives: Int(truePositives[index]), falsePositives: Int(falsePositives[index]),
                falseNegatives: Int(falseNegatives[index]))
            labelRows += counts.truePositives + counts.falseNegatives
            guard counts.truePositives > 0 || counts.falsePositives > 0 || counts.falseNegatives > 0 else { continue }
            occurring[Int32(id)] = counts
        }
        var overlaps: [RowOverlap: Int] = [:]
        var overlapRows = 0
        for (overlap, slot) in overlapSlots where overlapWeights[slot * replicates + replicate] > 0 {
            overlaps[overlap] = Int(overlapWeights[slot * replicates + replicate])
            overlapRows += Int(overlapWeights[slot * replicates + replicate])
        }
        // Single-label rows have no overlaps and one actual label each; multi-label rows one overlap each.
        return (overlapSlots.isEmpty ? labelRows : overlapRows, occurring, overlaps)
    }

    // MARK: Private

    private mutating func countRow() {
        precondition(!isFull, "replicate counts hold at most rowLimit rows")
        countedRows += 1
    }

    private mutating func grow(to count: Int) {
        let added = (count - labelCount) * replicates
        guard added > 0 else { return }
        truePositives.append(contentsOf: repeatElement(0, count: added))
        falseNegatives.append(contentsOf: repeatElement(0, count: added))
        falsePositives.append(contentsOf: repeatElement(0, count: added))
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

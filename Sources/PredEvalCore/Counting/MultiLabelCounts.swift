/// Counts for multi-label rows, each a set of actual labels and a set of predicted ones: per label
/// true positives, support and predictions; per row, how its sets overlapped.
///
/// The row tallies are a histogram of (|actual ∩ predicted|, |actual|, |predicted|) triples, which
/// is all that the samples average and subset accuracy need, and merges exactly. Memory is O(K)
/// for K labels plus one entry per distinct triple; compact counts (a slice's) keep per-label
/// totals only for the labels their rows hold, and no dense overlap block.
public struct MultiLabelCounts: Codable, Sendable, Equatable {
    /// Rows counted.
    public private(set) var rows = 0
    /// Counted rows whose prediction was a missing value (counted as the empty set).
    public private(set) var missingPredictions = 0
    /// Per label: rows whose actual set, predicted set, and both held it.
    public var totals: LabelTotals {
        guard let compactTotals else { return denseTotals }
        var totals = LabelTotals()
        totals.grow(to: labelCount)
        for (id, counts) in compactTotals {
            let index = Int(id)
            totals.actual[index] = counts.support
            totals.predicted[index] = counts.predicted
            totals.correct[index] = counts.truePositives
        }
        return totals
    }
    /// Per label id, densely (counts that are not compact).
    private var denseTotals = LabelTotals()
    /// Per label that occurred (compact counts only; nil otherwise).
    private var compactTotals: [Int32: ClassCounts]?
    /// How many rows had each overlap; see `RowOverlap`.
    public var overlaps: [RowOverlap: Int] {
        var all = largeOverlaps
        for (index, count) in smallOverlaps.enumerated() where count > 0 {
            let side = Self.smallSetLimit
            let overlap = RowOverlap(
                common: index / (side * side), actual: index / side % side, predicted: index % side)
            all[overlap, default: 0] += count
        }
        return all
    }
    /// Rows whose sets both hold fewer than `smallSetLimit` labels, by overlap, densely:
    /// `smallOverlaps[(common * limit + actual) * limit + predicted]`.
    private var smallOverlaps: [Int] = []
    /// The other rows, by overlap.
    private var largeOverlaps: [RowOverlap: Int] = [:]
    private static let smallSetLimit = 16
    /// Only labels with ids below this count towards the row tallies (all if nil): the labels a
    /// `--labels` list names, which get the first ids.
    public let tallyLimit: Int32?

    // Per-row scratch: the row number at which each id was last put in the actual or predicted set
    // (the row number is its stamp), and the overlap of the row being counted.
    private var actualStamp: [Int] = []
    private var predictedStamp: [Int] = []
    private var rowOverlap = RowOverlap(common: 0, actual: 0, predicted: 0)

    /// Empty counts; row tallies consider only ids below `tallyLimit` when it is given.
    ///
    /// - Parameter tallyLimit: only ids below it count towards the row tallies (nil: all).
    ///   - compact: keep memory to the labels seen (for slices); such counts take rows through
    ///     `add(actual:predicted:)` only.
    public init(tallyLimit: Int32? = nil, compact: Bool = false) {
        self.tallyLimit = tallyLimit
        if compact { compactTotals = [:] }
    }

    /// The tp, fp and fn of every label that occurred, by id.
    ///
    /// - Returns: one entry per label with an actual or a predicted row.
    public func occurringClassCounts() -> [Int32: ClassCounts] {
        compactTotals ?? denseTotals.occurringClassCounts()
    }

    /// How many label ids have counts.
    public var labelCount: Int {
        guard let compactTotals else { return denseTotals.labelCount }
        return compactTotals.keys.max().map { Int($0) + 1 } ?? 0
    }

    /// Counts one row whose sets are given as ids; an id repeated within a set counts once.
    ///
    /// - Parameters:
    ///   - actualIDs: the ids of the actual set.
    ///   - predictedIDs: the ids of the predicted set.
    ///   - missingPrediction: whether the prediction was a missing value (`predictedIDs` empty).
    public mutating func add(actual actualIDs: [Int32], predicted predictedIDs: [Int32], missingPrediction: Bool = false) {
        if missingPrediction { missingPredictions += 1 }
        if compactTotals != nil { return addCompact(actual: actualIDs, predicted: predictedIDs) }
        beginRow()
        actualIDs.withUnsafeBufferPointer { actual in
            predictedIDs.withUnsafeBufferPointer { predicted in addDense(actual: actual, predicted: predicted) }
        }
        endRow()
    }

    /// Adds the rows counted by their sets' bits (a batch's rows whose cells the label-set cache
    /// remembers), as if each had been counted through `add(actual:predicted:missingPrediction:)`.
    ///
    /// - Parameter bitRows: rows counted with the same `tallyLimit`.
    public mutating func add(_ bitRows: borrowing LabelBitRows) {
        precondition(tallyLimit == bitRows.tallyLimit, "rows counted by their bits must tally the same labels")
        guard bitRows.rows > 0 else { return }
        rows += bitRows.rows
        let labels = bitRows.labels
        if compactTotals == nil, labels != 0 { growLabels(to: UInt64.bitWidth - labels.leadingZeroBitCount) }
        var rest = labels
        while rest != 0 {
            let id = rest.trailingZeroBitCount
            rest &= rest - 1
            let (actual, predicted, correct) = bitRows.totals(ofLabel: id)
            if compactTotals != nil {
                let counts = ClassCounts(truePositives: correct, falsePositives: predicted - correct, falseNegatives: actual - correct)
                compactTotals![Int32(id)] = ClassCounts.sum([compactTotals![Int32(id)] ?? Self.noCounts, counts])
            } else {
                denseTotals.actual[id] += actual
                denseTotals.predicted[id] += predicted
                denseTotals.correct[id] += correct
            }
        }
        bitRows.forEachOverlap { overlap, count in
            let limit = Self.smallSetLimit
            if compactTotals == nil && overlap.actual < limit && overlap.predicted < limit {
                if smallOverlaps.isEmpty { smallOverlaps = Array(repeating: 0, count: limit * limit * limit) }
                smallOverlaps[(overlap.common * limit + overlap.actual) * limit + overlap.predicted] += count
            } else {
                largeOverlaps[overlap, default: 0] += count
            }
        }
    }

    /// The overlap of the last row counted through `add(actual:predicted:missingPrediction:)` or
    /// `beginRow` … `endRow`, as the row tallies count it (counts that are not compact).
    public var lastRowOverlap: RowOverlap { rowOverlap }

    /// Starts a row; its labels follow, every actual one before any predicted one, then `endRow`.
    /// (Streaming a row this way needs no array of its ids.)
    @inline(__always)
    public mutating func beginRow() {
        rows += 1
        rowOverlap = RowOverlap(common: 0, actual: 0, predicted: 0)
    }

    /// Puts `id` in the actual set of the row begun last; a repeat counts once.
    ///
    /// - Parameter id: a label id.
    @inline(__always)
    public mutating func addActual(_ id: Int32) {
        let index = Int(id)
        if index >= denseTotals.labelCount { growLabels(to: index + 1) }
        guard actualStamp[index] != rows else { return }
        actualStamp[index] = rows
        denseTotals.actual[index] += 1
        if countsTowardsTally(id) { rowOverlap.actual += 1 }
    }

    /// Puts `id` in the predicted set of the row begun last; a repeat counts once.
    ///
    /// - Parameter id: a label id.
    @inline(__always)
    public mutating func addPredicted(_ id: Int32) {
        let index = Int(id)
        if index >= denseTotals.labelCount { growLabels(to: index + 1) }
        guard predictedStamp[index] != rows else { return }
        predictedStamp[index] = rows
        denseTotals.predicted[index] += 1
        let isCorrect = actualStamp[index] == rows
        if isCorrect { denseTotals.correct[index] += 1 }
        if countsTowardsTally(id) {
            rowOverlap.predicted += 1
            if isCorrect { rowOverlap.common += 1 }
        }
    }

    /// Ends the row begun last, tallying how its sets overlapped.
    @inline(__always)
    public mutating func endRow() {
        let limit = Self.smallSetLimit
        let overlap = rowOverlap
        if overlap.actual < limit && overlap.predicted < limit {
            if smallOverlaps.isEmpty { smallOverlaps = Array(repeating: 0, count: limit * limit * limit) }
            smallOverlaps[(overlap.common * limit + overlap.actual) * limit + overlap.predicted] += 1
        } else {
            largeOverlaps[overlap, default: 0] += 1
        }
    }

    /// Adds the counts of `other`, whose label id `i` is this one's `idMap[i]`.
    ///
    /// - Parameters:
    ///   - other: counts of other rows, with the same `tallyLimit`.
    ///   - idMap: for each id of `other`, its id here (`LabelInterner.absorb` gives it).
    public mutating func merge(_ other: MultiLabelCounts, idMap: [Int32]) {
        precondition(tallyLimit == other.tallyLimit, "merged counts must tally the same labels")
        if compactTotals != nil, let otherTotals = other.compactTotals {
            for (id, counts) in otherTotals {
                compactTotals![idMap[Int(id)]] = ClassCounts.sum([compactTotals![idMap[Int(id)]] ?? Self.noCounts, counts])
            }
        } else {
            precondition(compactTotals == nil && other.compactTotals == nil, "compact counts merge with compact ones")
            denseTotals.merge(other.denseTotals, idMap: idMap)
            growLabels(to: denseTotals.labelCount)
        }
        // Stamps stay unique: rows counted later continue from the merged row count.
        rows += other.rows
        missingPredictions += other.missingPredictions
        if smallOverlaps.isEmpty {
            smallOverlaps = other.smallOverlaps
        } else if !other.smallOverlaps.isEmpty {
            for index in smallOverlaps.indices { smallOverlaps[index] += other.smallOverlaps[index] }
        }
        largeOverlaps.merge(other.largeOverlaps, uniquingKeysWith: +)
    }

    /// These counts with label `i` counted as label `idMap[i]`. Labels given one id must never
    /// have been in one row's set together (their rows' overlaps cannot be told afterwards).
    ///
    /// - Parameter idMap: for each id here, its id in the result.
    /// - Returns: the counts of the same rows under the new ids.
    public func relabeled(_ idMap: [Int32]) -> MultiLabelCounts {
        var relabeled = MultiLabelCounts(tallyLimit: tallyLimit, compact: compactTotals != nil)
        relabeled.merge(self, idMap: idMap)
        return relabeled
    }

    /// Equal when every count is equal (scratch space aside).
    ///
    /// - Parameters:
    ///   - left: counts.
    ///   - right: other counts.
    /// - Returns: whether they count the same rows alike.
    public static func == (left: MultiLabelCounts, right: MultiLabelCounts) -> Bool {
        left.rows == right.rows && left.totals == right.totals && left.overlaps == right.overlaps
            && left.tallyLimit == right.tallyLimit && left.missingPredictions == right.missingPredictions
    }

    // MARK: Private

    @inline(__always)
    private func countsTowardsTally(_ id: Int32) -> Bool {
        tallyLimit.map { id < $0 } ?? true
    }

    /// The counts of a label no row has held yet.
    private static let noCounts = ClassCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0)

    /// Counts a row into compact counts: its sets made distinct (they are small; a large one is
    /// sorted), each label's totals in the table, the overlap in the histogram.
    private mutating func addCompact(actual actualIDs: [Int32], predicted predictedIDs: [Int32]) {
        rows += 1
        let actual = Self.distinct(actualIDs)
        let predicted = Self.distinct(predictedIDs)
        var overlap = RowOverlap(common: 0, actual: 0, predicted: 0)
        for id in actual {
            // Missed until the predicted set shows it was found.
            compactTotals![id, default: Self.noCounts].falseNegatives += 1
            if countsTowardsTally(id) { overlap.actual += 1 }
        }
        for id in predicted {
            let isCorrect = actual.contains(id)
            if isCorrect {
                compactTotals![id]!.falseNegatives -= 1
                compactTotals![id]!.truePositives += 1
            } else {
                compactTotals![id, default: Self.noCounts].falsePositives += 1
            }
            if countsTowardsTally(id) {
                overlap.predicted += 1
                if isCorrect { overlap.common += 1 }
            }
        }
        largeOverlaps[overlap, default: 0] += 1
    }

    /// The distinct ids of a set, in first-seen order for a small set.
    private static func distinct(_ ids: [Int32]) -> [Int32] {
        guard ids.count > 1 else { return ids }
        if ids.count > 32 { return Array(Set(ids)) }
        var distinct: [Int32] = []
        for id in ids where !distinct.contains(id) { distinct.append(id) }
        return distinct
    }

    /// Counts the sets of the row begun last, as `addActual` and `addPredicted` would one id at a
    /// time, with each of the five per-label arrays made unique and bounds-checked once a row
    /// rather than once an id (issue 20: the checks were a tenth of multi-label evaluation).
    private mutating func addDense(actual: UnsafeBufferPointer<Int32>, predicted: UnsafeBufferPointer<Int32>) {
        var (smallest, largest) = (Int32.max, Int32(-1))
        for id in actual { (smallest, largest) = (min(smallest, id), max(largest, id)) }
        for id in predicted { (smallest, largest) = (min(smallest, id), max(largest, id)) }
        guard largest >= 0 else { return }
        precondition(smallest >= 0, "label ids are not negative")
        if Int(largest) >= denseTotals.labelCount { growLabels(to: Int(largest) + 1) }
        let stamp = rows
        let tallyLimit = self.tallyLimit ?? Int32.max
        var overlap = rowOverlap
        actualStamp.withUnsafeMutableBufferPointer { actualStamp in
            predictedStamp.withUnsafeMutableBufferPointer { predictedStamp in
                denseTotals.withUnsafeMutableCounts { actualTotals, predictedTotals, correctTotals in
                    for id in actual {
                        let index = Int(id)
                        guard actualStamp[index] != stamp else { continue }
                        actualStamp[index] = stamp
                        actualTotals[index] += 1
                        if id < tallyLimit { overlap.actual += 1 }
                    }
                    for id in predicted {
                        let index = Int(id)
                        guard predictedStamp[index] != stamp else { continue }
                        predictedStamp[index] = stamp
                        predictedTotals[index] += 1
                        let isCorrect = actualStamp[index] == stamp
                        if isCorrect { correctTotals[index] += 1 }
                        if id < tallyLimit {
                            overlap.predicted += 1
                            if isCorrect { overlap.common += 1 }
                        }
                    }
                }
            }
        }
        rowOverlap = overlap
    }

    /// Makes room for ids below `count`, in the totals and the stamps alike.
    private mutating func growLabels(to count: Int) {
        denseTotals.grow(to: count)
        let added = count - actualStamp.count
        guard added > 0 else { return }
        actualStamp.append(contentsOf: repeatElement(0, count: added))
        predictedStamp.append(contentsOf: repeatElement(0, count: added))
    }
}

/// How one row's actual and predicted label sets overlapped.
public struct RowOverlap: Codable, Hashable, Sendable {
    /// Labels in both sets (the row's true positives).
    public var common: Int
    /// Labels in the actual set.
    public var actual: Int
    /// Labels in the predicted set.
    public var predicted: Int

    /// An overlap of `common` labels between sets of `actual` and `predicted` labels.
    ///
    /// - Parameters:
    ///   - common: labels in both sets.
    ///   - actual: labels in the actual set.
    ///   - predicted: labels in the predicted set.
    public init(common: Int, actual: Int, predicted: Int) {
        self.common = common
        self.actual = actual
        self.predicted = predicted
    }

    /// Whether the two sets were equal.
    public var isExactMatch: Bool { common == actual && common == predicted }

    /// The row's own counts, as if its sets were the whole table: its true positives, the
    /// predicted labels it lacks, the actual labels not predicted.
    public var counts: ClassCounts {
        ClassCounts(truePositives: common, falsePositives: predicted - common, falseNegatives: actual - common)
    }
}


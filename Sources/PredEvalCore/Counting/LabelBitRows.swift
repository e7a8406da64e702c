/// Multi-label rows whose two sets are given as `LabelIDBits` (the cells a `LabelSetCache`
/// remembers), counted in storage of their own and added to `MultiLabelCounts` in bulk
/// (`MultiLabelCounts.add(_:)`).
///
/// A row costs a pass over its sets' bits and one histogram entry: no array to keep unique, no
/// bounds to grow, no stamps (a set's bits are already distinct). It is made for one batch of
/// rows and then added: noncopyable, so that its storage is never shared and needs no checks.
public struct LabelBitRows: ~Copyable {
    /// Rows counted.
    public private(set) var rows = 0
    /// Only labels with ids below this count towards the row tallies (all if nil).
    public let tallyLimit: Int32?
    /// Every label of every counted set, as bits.
    private(set) var labels: UInt64 = 0
    /// The tallied labels as bits.
    private let tallied: UInt64
    /// Per label bit: rows whose actual set held it, at `perLabel[bit]`; predicted set, at
    /// `bitCount + bit`; both, at `2 * bitCount + bit`.
    private let perLabel: UnsafeMutablePointer<Int>
    /// Rows by overlap, for sets of fewer than `side` tallied labels:
    /// `overlapRows[(common * side + actual) * side + predicted]`.
    private let overlapRows: UnsafeMutablePointer<Int>
    /// The entries of `overlapRows` in use, in the order first used.
    private let usedOverlaps: UnsafeMutablePointer<Int32>
    private var usedOverlapCount = 0
    /// Rows with a set of `side` or more tallied labels, by overlap.
    private var largeOverlaps: [RowOverlap: Int] = [:]

    private static let bitCount = LabelIDBits.bitCount
    private static let side = 16
    private static let overlapCount = side * side * side

    /// No rows; row tallies consider only ids below `tallyLimit` when it is given.
    ///
    /// - Parameter tallyLimit: only ids below it count towards the row tallies (nil: all).
    public init(tallyLimit: Int32?) {
        self.tallyLimit = tallyLimit
        tallied = tallyLimit.map { LabelIDBits(idsOf: 0..<$0).word } ?? UInt64.max
        perLabel = .allocate(capacity: 3 * Self.bitCount)
        perLabel.initialize(repeating: 0, count: 3 * Self.bitCount)
        overlapRows = .allocate(capacity: Self.overlapCount)
        overlapRows.initialize(repeating: 0, count: Self.overlapCount)
        usedOverlaps = .allocate(capacity: Self.overlapCount)
    }

    deinit {
        perLabel.deallocate()
        overlapRows.deallocate()
        usedOverlaps.deallocate()
    }

    /// Counts one row; each set's labels count once (they are bits).
    ///
    /// - Parameters:
    ///   - actual: the actual set; it must not hold a large id.
    ///   - predicted: the predicted set (not a missing value); it must not hold a large id.
    @inline(__always)
    public mutating func add(actual: LabelIDBits, predicted: LabelIDBits) {
        precondition(!actual.holdsLargeID && !predicted.holdsLargeID, "rows counted by their bits hold small ids only")
        rows += 1
        let (actualWord, predictedWord) = (actual.word, predicted.word)
        let commonWord = actualWord & predictedWord
        labels |= actualWord | predictedWord
        var overlap = (
            common: Self.countOne(commonWord, at: perLabel + 2 * Self.bitCount),
            actual: Self.countOne(actualWord, at: perLabel), predicted: Self.countOne(predictedWord, at: perLabel + Self.bitCount)
        )
        if tallied != UInt64.max {
            overlap = ((commonWord & tallied).nonzeroBitCount, (actualWord & tallied).nonzeroBitCount, (predictedWord & tallied).nonzeroBitCount)
        }
        guard overlap.actual < Self.side && overlap.predicted < Self.side else {
            largeOverlaps[RowOverlap(common: overlap.common, actual: overlap.actual, predicted: overlap.predicted), default: 0] += 1
            return
        }
        let index = (overlap.common * Self.side + overlap.actual) * Self.side + overlap.predicted
        if overlapRows[index] == 0 {
            usedOverlaps[usedOverlapCount] = Int32(index)
            usedOverlapCount += 1
        }
        overlapRows[index] += 1
    }

    /// Adds one at `counts[i]` for every bit `i` of `word`; how many bits it had.
    @inline(__always)
    private static func countOne(_ word: UInt64, at counts: UnsafeMutablePointer<Int>) -> Int {
        var (rest, bits) = (word, 0)
        // Without overflow checks: a count of rows cannot reach Int.max.
        while rest != 0 {
            counts[rest.trailingZeroBitCount] &+= 1
            rest &= rest &- 1
            bits &+= 1
        }
        return bits
    }

    /// Rows whose actual set, predicted set, and both held label `id` (a bit of `labels`).
    func totals(ofLabel id: Int) -> (actual: Int, predicted: Int, correct: Int) {
        (perLabel[id], perLabel[Self.bitCount + id], perLabel[2 * Self.bitCount + id])
    }

    /// Calls `body` with every overlap the rows had and how many rows had it.
    func forEachOverlap(_ body: (RowOverlap, Int) -> Void) {
        for position in 0..<usedOverlapCount {
            let index = Int(usedOverlaps[position])
            let overlap = RowOverlap(common: index / (Self.side * Self.side), actual: index / Self.side % Self.side, predicted: index % Self.side)
            body(overlap, overlapRows[index])
        }
        for (overlap, count) in largeOverlaps { body(overlap, count) }
    }
}

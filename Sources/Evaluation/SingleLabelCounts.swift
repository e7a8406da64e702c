/// Counts for single-label rows: how often each label was the actual one, the predicted one, and
/// both; and the confusion matrix among the first `pairLimit` label ids.
///
/// Memory is O(K) for K labels, plus a dense block of at most `pairLimit`² pair counts, so 10^4
/// labels never allocate 10^8 cells. Two counts of disjoint rows merge into the counts of all.
public struct SingleLabelCounts: Sendable, Equatable {
    /// Label ids at or above this have no pair counts (their matrix rows and columns are unknown).
    public static let pairLimit = 1024

    /// Rows counted.
    public private(set) var rows = 0
    /// Per label: rows where it was actual, predicted, and both.
    public private(set) var totals = LabelTotals()
    /// Pair counts for ids below `pairCapacity`, row-major: `pairs[actual * pairCapacity + predicted]`.
    private var pairs: [Int] = []
    private var pairCapacity = 0

    /// Empty counts.
    public init() {}

    /// How many label ids have counts (the largest id seen, plus one).
    public var labelCount: Int { totals.labelCount }

    /// Counts one row.
    @inline(__always)
    public mutating func add(actual actualID: Int32, predicted predictedID: Int32) {
        let actualIndex = Int(actualID)
        let predictedIndex = Int(predictedID)
        let largest = max(actualIndex, predictedIndex)
        if largest >= totals.labelCount { totals.grow(to: largest + 1) }
        rows += 1
        totals.actual[actualIndex] += 1
        totals.predicted[predictedIndex] += 1
        if actualIndex == predictedIndex { totals.correct[actualIndex] += 1 }
        if largest < pairCapacity {
            pairs[actualIndex * pairCapacity + predictedIndex] += 1
        } else if largest < Self.pairLimit {
            growPairs(toInclude: largest)
            pairs[actualIndex * pairCapacity + predictedIndex] += 1
        }
    }

    /// Rows whose actual label is `actualID` and predicted label `predictedID`, or nil where
    /// either id is at or above `pairLimit`.
    public func count(actual actualID: Int32, predicted predictedID: Int32) -> Int? {
        let (row, column) = (Int(actualID), Int(predictedID))
        guard row < Self.pairLimit, column < Self.pairLimit else { return nil }
        guard row < pairCapacity, column < pairCapacity else { return 0 }
        return pairs[row * pairCapacity + column]
    }

    /// Rows whose actual and predicted labels agree.
    public var correctRows: Int { totals.correct.reduce(0, +) }

    /// Adds the counts of `other`, whose label id `i` is this one's `idMap[i]`.
    public mutating func merge(_ other: SingleLabelCounts, idMap: [Int32]) {
        totals.merge(other.totals, idMap: idMap)
        rows += other.rows
        for otherActual in 0..<other.pairCapacity {
            for otherPredicted in 0..<other.pairCapacity {
                let count = other.pairs[otherActual * other.pairCapacity + otherPredicted]
                guard count > 0 else { continue }
                let (row, column) = (Int(idMap[otherActual]), Int(idMap[otherPredicted]))
                guard max(row, column) < Self.pairLimit else { continue }
                if max(row, column) >= pairCapacity { growPairs(toInclude: max(row, column)) }
                pairs[row * pairCapacity + column] += count
            }
        }
    }

    /// Equal when every count is equal, however the pair block happens to be laid out.
    public static func == (left: SingleLabelCounts, right: SingleLabelCounts) -> Bool {
        guard left.rows == right.rows, left.totals == right.totals else { return false }
        let ids = 0..<Int32(min(left.labelCount, pairLimit))
        return ids.allSatisfy { row in
            ids.allSatisfy { left.count(actual: row, predicted: $0) == right.count(actual: row, predicted: $0) }
        }
    }

    // MARK: Private

    private mutating func growPairs(toInclude id: Int) {
        var capacity = max(pairCapacity, 16)
        while capacity <= id { capacity *= 2 }
        capacity = min(capacity, Self.pairLimit)
        var grown = Array(repeating: 0, count: capacity * capacity)
        for row in 0..<pairCapacity {
            for column in 0..<pairCapacity {
                grown[row * capacity + column] = pairs[row * pairCapacity + column]
            }
        }
        pairs = grown
        pairCapacity = capacity
    }
}

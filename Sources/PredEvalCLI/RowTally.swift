import CSVStream
import Evaluation

/// Labels interned and rows counted from batches of rows: one per thread reading a part of a file,
/// merged afterwards in file order.
protocol RowTally: Sendable {
    /// Counts every row of `batch`.
    mutating func count(_ batch: RowBatch)
    /// Adds the labels and counts of `other`, a tally of later rows.
    mutating func absorb(_ other: Self)
}

/// Single-label rows: column 0 the actual label, column 1 the predicted one.
struct SingleLabelTally: RowTally {
    private(set) var interner = LabelInterner()
    private(set) var counts = SingleLabelCounts()
    /// The ids of the listed labels, which are interned first, so that "listed" is "id below the
    /// list's length" in every tally.
    let listedIDs: [Int32]

    init(listedLabels: [String]) {
        var interner = LabelInterner()
        listedIDs = listedLabels.map { interner.intern($0) }
        self.interner = interner
    }

    mutating func count(_ batch: RowBatch) {
        batch.withUnsafeFields { fields in
            for row in 0..<fields.rowCount {
                let actual = fields[row, 0]
                let actualID = interner.intern(actual)
                counts.add(actual: actualID, predicted: interner.intern(fields[row, 1], reusing: actualID, of: actual))
            }
        }
    }

    mutating func absorb(_ other: SingleLabelTally) {
        counts.merge(other.counts, idMap: interner.absorb(other.interner))
    }
}

/// Multi-label rows: columns 0 and 1 hold sets of labels joined by a separator.
struct MultiLabelTally: RowTally {
    private(set) var interner = LabelInterner()
    private(set) var counts: MultiLabelCounts
    /// The ids of the listed labels, interned first.
    let listedIDs: [Int32]
    private let splitter: LabelSetSplitter

    init(listedLabels: [String], splitter: LabelSetSplitter, tallyLimit: Int32?) {
        var interner = LabelInterner()
        listedIDs = listedLabels.map { interner.intern($0) }
        self.interner = interner
        self.splitter = splitter
        counts = MultiLabelCounts(tallyLimit: tallyLimit)
    }

    mutating func count(_ batch: RowBatch) {
        batch.withUnsafeFields { fields in
            for row in 0..<fields.rowCount {
                counts.beginRow()
                splitter.forEachLabel(in: fields[row, 0]) { counts.addActual(interner.intern($0)) }
                splitter.forEachLabel(in: fields[row, 1]) { counts.addPredicted(interner.intern($0)) }
                counts.endRow()
            }
        }
    }

    mutating func absorb(_ other: MultiLabelTally) {
        counts.merge(other.counts, idMap: interner.absorb(other.interner))
    }
}

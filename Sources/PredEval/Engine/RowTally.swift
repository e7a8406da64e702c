import PredEvalCSV

/// Labels interned and rows counted from batches of rows: one per thread reading a part of a file,
/// merged afterwards in file order.
///
/// Columns of a batch: 0 the actual label(s), or with a join the id; 1 the predicted label(s);
/// 2 the group, when slicing without a join (with a join the group comes from the truth file).
protocol RowTally: Sendable {
    /// What rows are counted into.
    associatedtype Counts: RowCounts
    /// The labels' ids.
    var interner: LabelInterner { get }
    /// Every counted row (with a join: the matched ones).
    var counts: Counts { get }
    /// When slicing: the rows of each slice.
    var slices: SlicedCounts<Counts>? { get }
    /// The join, if rows are matched to a truth file by id.
    var join: IDJoin? { get }
    /// The ids of the listed labels, which are interned first, so that "listed" is "id below
    /// the list's length" in every tally.
    var listedIDs: [Int32] { get }
    /// Counts every row of `batch` (with a join, until `join.failure` is set; with slices, until
    /// there are too many).
    mutating func count(_ batch: borrowing RowBatch)
    /// Adds the labels and counts of `other`, a tally of later rows (never joined).
    mutating func absorb(_ other: Self)
}

/// Counts that tell how many rows they hold and become a report.
protocol RowCounts: Sendable {
    /// Rows counted.
    var rows: Int { get }
    /// The report on these counts, whose ids `interner` names.
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report
}

extension SingleLabelCounts: RowCounts {
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        builder.report(self, interner: interner)
    }
}

extension MultiLabelCounts: RowCounts {
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        builder.report(self, interner: interner)
    }
}

/// Single-label rows.
struct SingleLabelTally: RowTally {
    private(set) var interner: LabelInterner
    /// Every counted row.
    private(set) var counts = SingleLabelCounts()
    /// When slicing: the rows of each slice.
    private(set) var slices: SlicedCounts<SingleLabelCounts>?
    private(set) var join: IDJoin?
    let listedIDs: [Int32]

    init(listedLabels: [String], slicing: Bool, join: IDJoin?) {
        var interner = join?.truth.labels ?? LabelInterner()
        listedIDs = listedLabels.map { interner.intern($0) }
        self.interner = interner
        self.join = join
        if slicing { slices = SlicedCounts(empty: SingleLabelCounts(compact: true), groups: join?.truth.groups) }
    }

    mutating func count(_ batch: borrowing RowBatch) {
        batch.withUnsafeFields { fields in
            if slices?.isFull == true { return }
            if join == nil && slices == nil {
                for row in 0..<fields.rowCount {
                    let actual = fields[row, 0]
                    let actualID = interner.intern(actual)
                    counts.add(actual: actualID, predicted: interner.intern(fields[row, 1], reusing: actualID, of: actual))
                }
                return
            }
            for row in 0..<fields.rowCount {
                let actualID: Int32
                var slice: Int?
                if join != nil {
                    guard let truthRow = join!.match(fields[row, 0], line: batch.line(ofRow: row)) else {
                        if join!.failure != nil { return }
                        continue
                    }
                    actualID = join!.truth.actualLabel(ofRow: truthRow)
                    slice = slices?.slice(ofGroupID: join!.truth.groupOfRow[truthRow])
                } else {
                    actualID = interner.intern(fields[row, 0])
                    if slices != nil {
                        guard let index = slices!.slice(of: fields[row, 2]) else { return }
                        slice = index
                    }
                }
                let predictedID = interner.intern(fields[row, 1])
                counts.add(actual: actualID, predicted: predictedID)
                if let slice { slices!.update(slice) { $0.add(actual: actualID, predicted: predictedID) } }
            }
        }
    }

    mutating func absorb(_ other: SingleLabelTally) {
        let idMap = interner.absorb(other.interner)
        counts.merge(other.counts, idMap: idMap)
        if let otherSlices = other.slices { slices?.absorb(otherSlices) { $0.merge($1, idMap: idMap) } }
    }
}

/// Multi-label rows: columns 0 and 1 hold sets of labels joined by a separator.
struct MultiLabelTally: RowTally {
    private(set) var interner: LabelInterner
    /// Every counted row.
    private(set) var counts: MultiLabelCounts
    /// When slicing: the rows of each slice.
    private(set) var slices: SlicedCounts<MultiLabelCounts>?
    private(set) var join: IDJoin?
    let listedIDs: [Int32]
    private let splitter: LabelSetSplitter
    // A row's sets, when they are counted twice (whole file and slice) or come from the truth.
    private var actualIDs: [Int32] = []
    private var predictedIDs: [Int32] = []

    init(listedLabels: [String], splitter: LabelSetSplitter, tallyLimit: Int32?, slicing: Bool, join: IDJoin?) {
        var interner = join?.truth.labels ?? LabelInterner()
        listedIDs = listedLabels.map { interner.intern($0) }
        self.interner = interner
        self.splitter = splitter
        self.join = join
        counts = MultiLabelCounts(tallyLimit: tallyLimit)
        if slicing {
            slices = SlicedCounts(empty: MultiLabelCounts(tallyLimit: tallyLimit, compact: true), groups: join?.truth.groups)
        }
    }

    mutating func count(_ batch: borrowing RowBatch) {
        batch.withUnsafeFields { fields in
            if slices?.isFull == true { return }
            if join == nil && slices == nil {
                for row in 0..<fields.rowCount {
                    counts.beginRow()
                    splitter.forEachLabel(in: fields[row, 0]) { counts.addActual(interner.intern($0)) }
                    splitter.forEachLabel(in: fields[row, 1]) { counts.addPredicted(interner.intern($0)) }
                    counts.endRow()
                }
                return
            }
            for row in 0..<fields.rowCount {
                actualIDs.removeAll(keepingCapacity: true)
                predictedIDs.removeAll(keepingCapacity: true)
                var slice: Int?
                if join != nil {
                    guard let truthRow = join!.match(fields[row, 0], line: batch.line(ofRow: row)) else {
                        if join!.failure != nil { return }
                        continue
                    }
                    actualIDs.append(contentsOf: join!.truth.actualSet(ofRow: truthRow))
                    slice = slices?.slice(ofGroupID: join!.truth.groupOfRow[truthRow])
                } else {
                    if slices != nil {
                        guard let index = slices!.slice(of: fields[row, 2]) else { return }
                        slice = index
                    }
                    splitter.forEachLabel(in: fields[row, 0]) { actualIDs.append(interner.intern($0)) }
                }
                splitter.forEachLabel(in: fields[row, 1]) { predictedIDs.append(interner.intern($0)) }
                counts.add(actual: actualIDs, predicted: predictedIDs)
                if let slice { slices!.update(slice) { $0.add(actual: actualIDs, predicted: predictedIDs) } }
            }
        }
    }

    mutating func absorb(_ other: MultiLabelTally) {
        let idMap = interner.absorb(other.interner)
        counts.merge(other.counts, idMap: idMap)
        if let otherSlices = other.slices { slices?.absorb(otherSlices) { $0.merge($1, idMap: idMap) } }
    }
}

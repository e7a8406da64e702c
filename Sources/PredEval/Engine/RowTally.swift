import PredEvalCSV

/// Labels interned and rows counted from batches of rows: one per thread reading a part of a file,
/// merged afterwards in file order.
///
/// Where each value is in a batch, a `RowDecoding` tells: the actual label(s) (with a join, the
/// id), the predicted label(s), the group (slicing without a join; with a join the group comes
/// from the truth file), the binary score, and the score and indicator columns.
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
    /// Counts every row of `batch` (with slices, until there are too many); throws at the first
    /// cell that cannot be read (a score, an indicator, a list) or a join failure.
    mutating func count(_ batch: borrowing RowBatch) throws(EvaluationError)
    /// Adds the labels and counts of `other`, a tally of later rows (never joined).
    mutating func absorb(_ other: Self)
    /// The thresholds scores were cut at, for the reports to name.
    var thresholds: [LabelThreshold]? { get }
    /// Settles, once every row is counted, what only the whole file tells: the negative label of
    /// a binary score.
    mutating func finish(file: String) throws(EvaluationError)
}

/// Counts that tell how many rows they hold and become a report.
protocol RowCounts: Sendable {
    /// Rows counted.
    var rows: Int { get }
    /// The report on these counts, whose ids `interner` names.
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report
}

extension MultiLabelCounts: RowCounts {
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        builder.report(self, interner: interner)
    }
}

/// How a single-label row's prediction is read.
enum SingleLabelPrediction: Sendable {
    /// A label column.
    case label(column: Int)
    /// The class of the highest score (the first such column on ties); `classIDs[i]` is column
    /// `i`'s class.
    case argmax(columns: Range<Int>, classIDs: [Int32])
    /// A binary score: `positive` at or above `threshold`, else `negative` (nil: the one other
    /// actual label, settled by `finish`).
    case threshold(column: Int, threshold: Double, positive: Int32, negative: Int32?)
}

/// Single-label rows' counts: the (actual, predicted) pairs, and what score columns add.
struct SingleLabelRows: RowCounts {
    /// The pairs counted.
    var pairs: SingleLabelCounts
    /// Top-k and log-loss tallies, when score columns are read.
    var scores: ScoreTally?
    /// With `--top-k`: k.
    let topK: Int?
    /// Rows whose actual label is the positive one and whose score fell below the threshold,
    /// before the negative label is known (`finish` makes them pairs).
    var positivesBelowThreshold = 0

    var rows: Int { pairs.rows + positivesBelowThreshold }

    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        var report = builder.report(pairs, interner: interner)
        scores?.apply(to: &report, k: topK)
        return report
    }

    /// Adds `other`'s rows, its ids mapped by `idMap`.
    mutating func merge(_ other: SingleLabelRows, idMap: [Int32]) {
        pairs.merge(other.pairs, idMap: idMap)
        if let otherScores = other.scores { scores?.merge(otherScores) }
        positivesBelowThreshold += other.positivesBelowThreshold
    }

    /// Counts the rows held back as predicted `negative`.
    mutating func settle(positive: Int32, negative: Int32) {
        pairs.add(actual: positive, predicted: negative, count: positivesBelowThreshold)
        positivesBelowThreshold = 0
    }
}

/// Single-label rows.
struct SingleLabelTally: RowTally {
    private(set) var interner: LabelInterner
    /// Every counted row.
    private(set) var counts: SingleLabelRows
    /// When slicing: the rows of each slice.
    private(set) var slices: SlicedCounts<SingleLabelRows>?
    private(set) var join: IDJoin?
    let listedIDs: [Int32]
    private let decoding: RowDecoding
    private let prediction: SingleLabelPrediction
    private let file: String
    private let topK: Int?
    let thresholds: [LabelThreshold]?
    /// For each label id below its count, the score column of that class, or -1.
    private let scoreColumnOfID: [Int]
    /// The score columns' classes, in column order.
    private let scoreClassIDs: [Int32]

    init(file: String, decoding: RowDecoding, options: EvaluationOptions, join: IDJoin?) {
        var interner = join?.truth.labels ?? LabelInterner()
        listedIDs = (options.labels ?? []).map { interner.intern($0) }
        let classIDs = decoding.columnClasses.map { interner.intern($0) }
        let positive = options.positive.map { interner.intern($0) }
        let negative = options.negative.map { interner.intern($0) }
        var thresholds: [LabelThreshold]?
        if let columns = decoding.scores?.columns {
            prediction = .argmax(columns: columns, classIDs: classIDs)
        } else if let column = decoding.score, let positive {
            let threshold = decoding.thresholdOfScore(options)
            prediction = .threshold(column: column, threshold: threshold, positive: positive, negative: negative)
            thresholds = [LabelThreshold(label: options.positive!, threshold: threshold)]
        } else {
            prediction = .label(column: decoding.predicted!)
        }
        var scoreColumnOfID = Array(repeating: -1, count: Int(classIDs.max().map { $0 + 1 } ?? 0))
        for (column, id) in classIDs.enumerated() { scoreColumnOfID[Int(id)] = column }
        self.scoreColumnOfID = scoreColumnOfID
        self.thresholds = thresholds
        self.interner = interner
        self.join = join
        self.decoding = decoding
        self.file = file
        topK = options.topK
        let empty = { (compact: Bool) in
            SingleLabelRows(
                pairs: SingleLabelCounts(compact: compact),
                scores: decoding.scores == nil && decoding.score == nil ? nil : ScoreTally(),
                topK: options.topK)
        }
        counts = empty(false)
        if options.groupBy != nil { slices = SlicedCounts(empty: empty(true), groups: join?.truth.groups) }
        scoreClassIDs = decoding.scores == nil ? [] : classIDs
    }

    mutating func count(_ batch: borrowing RowBatch) throws(EvaluationError) {
        // What every row needs, taken out of `self` once a batch: arrays reached through `self`
        // in the row loop would be retained and released for each row.
        let prediction = prediction
        let (keyColumn, groupColumn) = (decoding.key!, decoding.group)
        let classIDs = scoreClassIDs
        let scoreColumnOfID = scoreColumnOfID
        let rowScores = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(classIDs.count, 2))
        defer { rowScores.deallocate() }
        let failure = batch.withUnsafeFields { fields -> EvaluationError? in
            if slices?.isFull == true { return nil }
            if join == nil && slices == nil, case .label(let predictedColumn) = prediction {
                for row in 0..<fields.rowCount {
                    let actual = fields[row, keyColumn]
                    let actualID = interner.intern(actual)
                    counts.pairs.add(
                        actual: actualID, predicted: interner.intern(fields[row, predictedColumn], reusing: actualID, of: actual))
                }
                return nil
            }
            for row in 0..<fields.rowCount {
                let actualID: Int32
                var slice: Int?
                if join != nil {
                    guard let truthRow = join!.match(fields[row, keyColumn], line: batch.line(ofRow: row)) else {
                        if let failure = join!.failure { return failure }
                        continue
                    }
                    actualID = join!.truth.actualLabel(ofRow: truthRow)
                    slice = slices?.slice(ofGroupID: join!.truth.groupOfRow[truthRow])
                } else {
                    actualID = interner.intern(fields[row, keyColumn])
                    if slices != nil {
                        guard let index = slices!.slice(of: fields[row, groupColumn!]) else { return nil }
                        slice = index
                    }
                }
                let predictedID: Int32
                switch prediction {
                case .label(let column):
                    predictedID = interner.intern(fields[row, column])
                case .argmax(let columns, _):
                    var best = 0
                    for (index, column) in columns.enumerated() {
                        guard let score = DecimalText.value(fields[row, column]) else {
                            return cellFailure(.scores, fields[row, column], column: column, line: batch.line(ofRow: row))
                        }
                        rowScores[index] = score
                        if score > rowScores[best] { best = index }
                    }
                    predictedID = classIDs[best]
                    let scoreColumn = Int(actualID) < scoreColumnOfID.count ? scoreColumnOfID[Int(actualID)] : -1
                    let actualColumn = scoreColumn >= 0 ? scoreColumn : nil
                    counts.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: actualColumn, k: topK)
                    if let slice {
                        slices!.update(slice) { $0.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: actualColumn, k: topK) }
                    }
                case .threshold(let column, let threshold, let positive, let negative):
                    guard let score = DecimalText.value(fields[row, column]) else {
                        return cellFailure(.score, fields[row, column], column: column, line: batch.line(ofRow: row))
                    }
                    // As two columns, the negative's probability and the positive's, for log loss.
                    rowScores[0] = 1 - score
                    rowScores[1] = score
                    let scoreColumn: Int? =
                        actualID == positive ? 1 : (negative == nil || actualID == negative ? 0 : nil)
                    counts.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: scoreColumn, k: nil)
                    if let slice {
                        slices!.update(slice) { $0.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: scoreColumn, k: nil) }
                    }
                    if score >= threshold {
                        predictedID = positive
                    } else if let negative {
                        predictedID = negative
                    } else if actualID != positive {
                        // The negative label is the one other actual label: this row's, if valid.
                        predictedID = actualID
                    } else {
                        counts.positivesBelowThreshold += 1
                        if let slice { slices!.update(slice) { $0.positivesBelowThreshold += 1 } }
                        continue
                    }
                }
                counts.pairs.add(actual: actualID, predicted: predictedID)
                if let slice { slices!.update(slice) { $0.pairs.add(actual: actualID, predicted: predictedID) } }
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// The error of a score cell that is no number.
    @inline(never)
    private func cellFailure(_ option: OptionName, _ cell: UnsafeRawBufferPointer, column: Int, line: Int) -> EvaluationError {
        CellValues.notANumber(cell, option: option, column: column, decoding: decoding, line: line, file: file)
    }

    mutating func absorb(_ other: SingleLabelTally) {
        let idMap = interner.absorb(other.interner)
        counts.merge(other.counts, idMap: idMap)
        if let otherSlices = other.slices { slices?.absorb(otherSlices) { $0.merge($1, idMap: idMap) } }
    }

    mutating func finish(file: String) throws(EvaluationError) {
        guard case .threshold(_, _, let positive, nil) = prediction else { return }
        let others = counts.pairs.occurringClassCounts()
            .filter { $0.key != positive && $0.value.support > 0 }
            .map(\.key)
            .sorted { interner.bytes(of: $0).lexicographicallyPrecedes(interner.bytes(of: $1)) }
        guard others.count == 1 else {
            if others.isEmpty && counts.positivesBelowThreshold == 0 { return }
            throw EvaluationError(
                file: file, reason: .negativeUndetermined(positive: interner.label(positive), others: others.map(interner.label)))
        }
        counts.settle(positive: positive, negative: others[0])
        if let groups = slices?.slices.indices {
            for index in groups { slices!.update(index) { $0.settle(positive: positive, negative: others[0]) } }
        }
    }
}

/// How one side of a multi-label row is read.
enum LabelSetSource: Sendable {
    /// A cell of labels joined by a separator.
    case separated(column: Int, LabelSetSplitter)
    /// A cell holding a Python or JSON list.
    case list(column: Int)
    /// Indicator columns; `classIDs[i]` is column `i`'s class.
    case indicators(columns: Range<Int>, classIDs: [Int32])
    /// Score columns: column `i`'s class `classIDs[i]` when its score reaches `thresholds[i]`.
    case scores(columns: Range<Int>, classIDs: [Int32], thresholds: [Double])
}

/// Multi-label rows: each side a cell of labels (joined by a separator, or a list), indicator
/// columns, or (predicted) score columns cut at thresholds.
struct MultiLabelTally: RowTally {
    private(set) var interner: LabelInterner
    /// Every counted row.
    private(set) var counts: MultiLabelCounts
    /// When slicing: the rows of each slice.
    private(set) var slices: SlicedCounts<MultiLabelCounts>?
    private(set) var join: IDJoin?
    let listedIDs: [Int32]
    private let actualSource: LabelSetSource?
    private let predictedSource: LabelSetSource
    private let decoding: RowDecoding
    private let file: String
    /// The thresholds the report names (score columns).
    let thresholds: [LabelThreshold]?
    private var listParser = ListCellParser()
    // A row's sets, when they are counted twice (whole file and slice) or come from the truth.
    private var actualIDs: [Int32] = []
    private var predictedIDs: [Int32] = []

    init(file: String, decoding: RowDecoding, options: EvaluationOptions, splitter: LabelSetSplitter?, join: IDJoin?) {
        var interner = join?.truth.labels ?? LabelInterner()
        listedIDs = (options.labels ?? []).map { interner.intern($0) }
        let scoreIDs = (decoding.scores?.classes ?? []).map { interner.intern($0) }
        let actualIndicatorIDs = (decoding.actualIndicators?.classes ?? []).map { interner.intern($0) }
        let predictedIndicatorIDs = (decoding.predictedIndicators?.classes ?? []).map { interner.intern($0) }
        func cellSource(_ column: Int) -> LabelSetSource {
            if let splitter, options.labelFormat == .separated { return .separated(column: column, splitter) }
            return .list(column: column)
        }
        if let indicators = decoding.actualIndicators {
            actualSource = .indicators(columns: indicators.columns, classIDs: actualIndicatorIDs)
        } else {
            actualSource = join == nil ? cellSource(decoding.key!) : nil
        }
        if let scores = decoding.scores {
            predictedSource = .scores(columns: scores.columns, classIDs: scoreIDs, thresholds: scores.thresholds)
            thresholds = zip(scores.classes, scores.thresholds).map { LabelThreshold(label: $0, threshold: $1) }
                .sorted { $0.label.utf8.lexicographicallyPrecedes($1.label.utf8) }
        } else if let indicators = decoding.predictedIndicators {
            predictedSource = .indicators(columns: indicators.columns, classIDs: predictedIndicatorIDs)
            thresholds = nil
        } else {
            predictedSource = cellSource(decoding.predicted!)
            thresholds = nil
        }
        self.interner = interner
        self.join = join
        self.decoding = decoding
        self.file = file
        let tallyLimit = options.labels.map { Int32($0.count) }
        counts = MultiLabelCounts(tallyLimit: tallyLimit)
        if options.groupBy != nil {
            slices = SlicedCounts(empty: MultiLabelCounts(tallyLimit: tallyLimit, compact: true), groups: join?.truth.groups)
        }
    }

    mutating func count(_ batch: borrowing RowBatch) throws(EvaluationError) {
        let failure = batch.withUnsafeFields { fields -> EvaluationError? in
            if slices?.isFull == true { return nil }
            if join == nil && slices == nil, case .separated(let actualColumn, let splitter)? = actualSource,
                case .separated(let predictedColumn, _) = predictedSource
            {
                for row in 0..<fields.rowCount {
                    counts.beginRow()
                    splitter.forEachLabel(in: fields[row, actualColumn]) { counts.addActual(interner.intern($0)) }
                    splitter.forEachLabel(in: fields[row, predictedColumn]) { counts.addPredicted(interner.intern($0)) }
                    counts.endRow()
                }
                return nil
            }
            for row in 0..<fields.rowCount {
                actualIDs.removeAll(keepingCapacity: true)
                predictedIDs.removeAll(keepingCapacity: true)
                var slice: Int?
                let line = batch.line(ofRow: row)
                if join != nil {
                    guard let truthRow = join!.match(fields[row, decoding.key!], line: line) else {
                        if let failure = join!.failure { return failure }
                        continue
                    }
                    actualIDs.append(contentsOf: join!.truth.actualSet(ofRow: truthRow))
                    slice = slices?.slice(ofGroupID: join!.truth.groupOfRow[truthRow])
                } else {
                    if slices != nil {
                        guard let index = slices!.slice(of: fields[row, decoding.group!]) else { return nil }
                        slice = index
                    }
                    do throws(EvaluationError) { try read(actualSource!, fields, row, line: line, option: .actual, into: \.actualIDs) } catch {
                        return error
                    }
                }
                do throws(EvaluationError) { try read(predictedSource, fields, row, line: line, option: .predicted, into: \.predictedIDs) } catch {
                    return error
                }
                counts.add(actual: actualIDs, predicted: predictedIDs)
                if let slice { slices!.update(slice) { $0.add(actual: actualIDs, predicted: predictedIDs) } }
            }
            return nil
        }
        if let failure { throw failure }
    }

    mutating func absorb(_ other: MultiLabelTally) {
        let idMap = interner.absorb(other.interner)
        counts.merge(other.counts, idMap: idMap)
        if let otherSlices = other.slices { slices?.absorb(otherSlices) { $0.merge($1, idMap: idMap) } }
    }

    mutating func finish(file: String) throws(EvaluationError) {}

    /// Reads one side of row `row` from `source` into the ids at `ids`.
    private mutating func read(
        _ source: LabelSetSource, _ fields: RowBatch.UnsafeFields, _ row: Int, line: Int, option: OptionName,
        into ids: WritableKeyPath<MultiLabelTally, [Int32]>
    ) throws(EvaluationError) {
        switch source {
        case .separated(let column, let splitter):
            splitter.forEachLabel(in: fields[row, column]) { self[keyPath: ids].append(interner.intern($0)) }
        case .list(let column):
            var parser = listParser
            defer { listParser = parser }
            do throws(ListCellParser.Problem) {
                try parser.forEachLabel(in: fields[row, column]) { self[keyPath: ids].append(interner.intern($0)) }
            } catch {
                throw EvaluationError(
                    file: file, line: line,
                    reason: .notAList(option, cell: String(decoding: fields[row, column], as: UTF8.self), error))
            }
        case .indicators(let columns, let classIDs):
            let indicatorOption: OptionName = option == .actual ? .actualColumns : .predictedColumns
            for (index, column) in columns.enumerated()
            where try CellValues.indicator(
                fields[row, column], option: indicatorOption, column: column, decoding: decoding, line: line, file: file)
            {
                self[keyPath: ids].append(classIDs[index])
            }
        case .scores(let columns, let classIDs, let thresholds):
            for (index, column) in columns.enumerated()
            where try CellValues.score(
                fields[row, column], option: .scores, column: column, decoding: decoding, line: line, file: file)
                >= thresholds[index]
            {
                self[keyPath: ids].append(classIDs[index])
            }
        }
    }
}

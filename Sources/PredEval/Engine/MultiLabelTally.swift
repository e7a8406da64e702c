import PredEvalCSV

/// Multi-label rows: each side a cell of labels (joined by a separator, or a list), indicator
/// columns, or (predicted) score columns cut at thresholds.
struct MultiLabelTally: RowTally {
    private(set) var interner: LabelInterner
    /// Every counted row.
    private(set) var counts: MultiLabelRows
    /// When slicing: the rows of each slice.
    private(set) var slices: SlicedCounts<MultiLabelRows>?
    /// With `--ci`: the rows' bootstrap weights.
    private let weights: BootstrapWeights?
    /// The bytes this part's exact score histograms may take.
    private let rankingMemoryLimit: Int
    private(set) var join: IDJoin?
    let listedIDs: [Int32]
    private let actualSource: LabelSetSource?
    private let predictedSource: LabelSetSource
    private let decoding: RowDecoding
    private let file: String
    /// The thresholds the report names (score columns).
    let thresholds: [LabelThreshold]?
    private var listParser = ListCellParser()
    /// The ids of the label-set cells seen so far, by cell (both sides share it: one splitter, one
    /// interner).
    private var cellCache = LabelSetCache()
    let reserved: ReservedLabels
    private(set) var missingSkips = MissingSkips()
    private var watch: LabelWatch
    private let options: EvaluationOptions
    private var missingActual: MissingActual { options.missingActual }

    init(file: String, decoding: RowDecoding, options: EvaluationOptions, splitter: LabelSetSplitter?, join: IDJoin?) {
        var interner = join?.truth.labels ?? LabelInterner()
        reserved = ReservedLabels(into: &interner, options: options)
        listedIDs = reserved.listed
        watch = LabelWatch(file: file, options: options, reserved: reserved, joinsSpellings: true)
        self.options = options
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
        weights = options.bootstrap.map { BootstrapWeights(replicates: $0.replicates, seed: $0.seed) }
        counts = MultiLabelRows(
            counts: MultiLabelCounts(tallyLimit: tallyLimit), replicates: weights.map { ReplicateCounts(replicates: $0.replicates) },
            log: options.logsRows ? LabelSetLog() : nil)
        rankingMemoryLimit = options.scoreMemoryOfPart
        if decoding.scores != nil {
            counts.ranking = RankingCounts(columns: scoreIDs.count, calibrationBins: options.calibrationBins)
            if let bins = options.scoreBins { counts.ranking!.bin(into: bins, forMemory: false) }
            if let replicates = options.bootstrap?.replicates {
                counts.rankingReplicates = RankingReplicates(
                    columns: scoreIDs.count, replicates: replicates, memoryLimit: options.scoreMemoryOfPart, withSamples: true)
            }
            counts.scoreColumnClassIDs = scoreIDs
        }
        if options.groupBy != nil {
            var empty = MultiLabelRows(counts: MultiLabelCounts(tallyLimit: tallyLimit, compact: true), replicates: counts.replicates)
            empty.ranking = counts.ranking
            empty.rankingReplicates = counts.rankingReplicates
            empty.scoreColumnClassIDs = counts.scoreColumnClassIDs
            slices = SlicedCounts(
                empty: empty,
                groups: join?.truth.groups, limit: weights == nil ? maximumGroupValues : maximumGroupValuesWithIntervals)
        }
    }

    mutating func count(_ batch: borrowing RowBatch) throws(EvaluationError) {
        // A row's sets, their storage reused from row to row.
        var actualIDs: [Int32] = []
        var predictedIDs: [Int32] = []
        // With score columns: the row's scores, and whether each column's class is actual.
        var rowScores: [Double] = []
        var isActual: [Bool] = []
        // With `--ci`: each row's weight in every replicate.
        let rowWeights = UnsafeMutablePointer<UInt32>.allocate(capacity: weights?.replicates ?? 0)
        defer { rowWeights.deallocate() }
        // Taken out of `self` once per batch: a property of `self` passed to a mutating method of
        // `self`, or read through a copy of a stored struct, is retained on every row, and these
        // objects are shared by every thread's tally, so that each retain would contend for one
        // cache line across cores (issue 20: multi-label CPU time grew with the thread count).
        let (actualSource, predictedSource) = (self.actualSource, self.predictedSource)
        let looksAtNewLabels = watch.isNeeded
        let missing = reserved.missing
        // Likewise what a batch does not change: checking an optional stored struct for nil
        // copies it out first (eight copies a row, a twentieth of the time).
        let (joins, slicing, ranks, logs) = (join != nil, slices != nil, counts.ranking != nil, counts.log != nil)
        // A row that needs nothing but its two cells' sets counted (no join, slices, scores, log
        // or bootstrap), both cells remembered, is counted from the sets the cell cache holds as
        // bits: no copy of its ids into the row's arrays, no pass over them (issue 20: two fifths
        // of a multi-label row's work) — unless a set holds a missing value (to be screened) or an
        // id too large for a word (counted from its ids).
        let cachedCells = !joins && !slicing && !ranks && !logs && weights == nil ? Self.cellColumns(actualSource, predictedSource) : nil
        let missingBits = LabelIDBits(idsOf: missing)
        var bitRows = cachedCells == nil ? nil : LabelBitRows(tallyLimit: counts.counts.tallyLimit)
        let failure = batch.withUnsafeFields { fields -> EvaluationError? in
            if slices?.isFull == true { return nil }
            for row in 0..<fields.rowCount {
                if let cells = cachedCells, !((looksAtNewLabels || !missing.isEmpty) && interner.count > watch.known || watch.merges),
                    let (actual, predicted) = cellCache.bits(of: fields[row, cells.actual], and: fields[row, cells.predicted]),
                    !LabelIDBits.eitherHoldsLargeID(actual, predicted, orAnyOf: missingBits)
                {
                    bitRows!.add(actual: actual, predicted: predicted)
                    continue
                }
                actualIDs.removeAllKeepingCapacity()
                predictedIDs.removeAllKeepingCapacity()
                var slice: Int?
                let line = batch.line(ofRow: row)
                if joins {
                    guard let truthRow = join!.match(fields[row, decoding.key!], line: line) else {
                        if let failure = join!.failure { return failure }
                        continue
                    }
                    actualIDs.append(contentsOf: join!.truth.actualSet(ofRow: truthRow))
                    slice = slices?.slice(ofGroupID: join!.truth.groupOfRow[truthRow])
                } else {
                    if slicing {
                        guard let index = slices!.slice(of: fields[row, decoding.group!]) else { return nil }
                        slice = index
                    }
                    do throws(EvaluationError) { try read(actualSource!, fields, row, line: line, option: .actual, into: &actualIDs) } catch {
                        return error
                    }
                }
                do throws(EvaluationError) { try read(predictedSource, fields, row, line: line, option: .predicted, into: &predictedIDs) } catch {
                    return error
                }
                if ranks {
                    do throws(EvaluationError) { try readScores(fields, row, line: line, into: &rowScores) } catch { return error }
                }
                var missingPrediction = false
                // Screened when it can change the row: a new label to look at, spellings to
                // join (even with no missing values: a set may hold two spellings of one class),
                // or a missing value in a set (else screening is a quarter of the row's work).
                if (looksAtNewLabels || !missing.isEmpty) && interner.count > watch.known || watch.merges
                    || Self.holdsAny(of: missing, actualIDs) || Self.holdsAny(of: missing, predictedIDs)
                {
                    switch screen(line: line, &actualIDs, &predictedIDs, missingPrediction: &missingPrediction) {
                    case .count: break
                    case .skip: continue
                    case .fail(let failure): return failure
                    }
                }
                counts.counts.add(actual: actualIDs, predicted: predictedIDs, missingPrediction: missingPrediction)
                var sample: (rocAUC: Double?, averagePrecision: Double)?
                if ranks {
                    isActual = counts.scoreColumnClassIDs.map(actualIDs.contains)
                    sample = counts.addRanking(rowScores, isActual)
                    if let slice { slices!.update(slice) { $0.addRanking(rowScores, isActual) } }
                }
                if logs {
                    counts.log!.append(key: decoding.bootstrapKey(ofRow: row, fields, batch), line: line, actual: actualIDs, predicted: predictedIDs)
                }
                if let weights {
                    let key = decoding.bootstrapKey(ofRow: row, fields, batch)
                    if counts.replicates!.isFull {
                        return EvaluationError(file: file, line: line, reason: .tooManyRowsForBootstrap(limit: ReplicateCounts.rowLimit))
                    }
                    weights.fill(key: key, into: rowWeights)
                    if let sample, counts.rankingReplicates != nil {
                        counts.addRankingReplicates(rowScores, isActual, sample: sample, weights: rowWeights)
                        if let slice { slices!.update(slice) { $0.addRankingReplicates(rowScores, isActual, sample: sample, weights: rowWeights) } }
                    }
                    // Each label once, as the counts take a set.
                    let overlap = counts.counts.lastRowOverlap
                    actualIDs.withUnsafeMutableBufferPointer { actualSet in
                        predictedIDs.withUnsafeMutableBufferPointer { predictedSet in
                            let actual = UnsafeBufferPointer(rebasing: actualSet[..<actualSet.sortAndRemoveRepeats()])
                            let predicted = UnsafeBufferPointer(rebasing: predictedSet[..<predictedSet.sortAndRemoveRepeats()])
                            counts.replicates!.add(actual: actual, predicted: predicted, overlap: overlap, weights: rowWeights)
                            if let slice {
                                slices!.update(slice) {
                                    $0.replicates!.add(actual: actual, predicted: predicted, overlap: overlap, weights: rowWeights)
                                }
                            }
                        }
                    }
                }
                if let slice {
                    slices!.update(slice) {
                        $0.counts.add(actual: actualIDs, predicted: predictedIDs, missingPrediction: missingPrediction)
                    }
                }
            }
            return nil
        }
        if let bitRows { counts.counts.add(bitRows) }
        if let failure { throw failure }
        if let ranking = counts.ranking, ranking.isExact, ranking.memoryBytes > rankingMemoryLimit {
            counts.ranking!.bin(into: RankingCounts.fallbackBins, forMemory: true)
            slices?.updateAll { $0.ranking?.bin(into: RankingCounts.fallbackBins, forMemory: true) }
        }
        // The slices' replicate histograms together within the same limit, binned more coarsely.
        func memory(_ slices: SlicedCounts<MultiLabelRows>) -> Int { slices.slices.reduce(0) { $0 + ($1.rankingReplicates?.memoryBytes ?? 0) } }
        while slices.map(memory) ?? 0 > rankingMemoryLimit,
            slices?.slices.contains(where: { $0.rankingReplicates?.isCoarsest == false }) == true
        {
            slices!.updateAll { $0.rankingReplicates?.coarsen() }
        }
    }

    /// Whether `ids` holds an id of `range`.
    @inline(__always)
    /// The columns of the actual and the predicted cells, when both sets are read from one cell
    /// each (the sets the cell cache remembers).
    private static func cellColumns(_ actual: LabelSetSource?, _ predicted: LabelSetSource) -> (actual: Int, predicted: Int)? {
        guard let actual = actual?.cellColumn, let predicted = predicted.cellColumn else { return nil }
        return (actual, predicted)
    }

    private static func holdsAny(of range: Range<Int32>, _ ids: some Sequence<Int32>) -> Bool {
        for id in ids where range.contains(id) { return true }
        return false
    }

    /// Takes the missing values out of the row's sets and maps each label to the id it is counted
    /// under; says what the row does when a whole side was missing values (a set of missing values
    /// only is a missing cell; an empty cell is the empty set).
    private mutating func screen(
        line: Int, _ actualIDs: inout [Int32], _ predictedIDs: inout [Int32], missingPrediction: inout Bool
    ) -> MissingScreening {
        do throws(EvaluationError) { try watch.learn(interner, line: line) } catch { return .fail(error) }
        let (actualWasMissing, actualCell) = screened(&actualIDs)
        if actualWasMissing {
            guard missingActual == .skip else {
                return .fail(EvaluationError(file: file, line: line, reason: .missingActual(cell: actualCell)))
            }
            missingSkips.actual += 1
            return .skip
        }
        guard options.missingPrediction != .label else {
            if watch.merges { for index in predictedIDs.indices { predictedIDs[index] = watch.countedID(predictedIDs[index]) } }
            return .count
        }
        let (predictionWasMissing, predictedCell) = screened(&predictedIDs)
        guard predictionWasMissing else { return .count }
        switch options.missingPrediction {
        case .skip:
            missingSkips.predicted += 1
            return .skip
        case .error:
            return .fail(EvaluationError(file: file, line: line, reason: .missingPrediction(cell: predictedCell)))
        case .wrong, .label:
            missingPrediction = true
            return .count
        }
    }

    /// Drops the missing values from `ids` and maps the rest to the ids they are counted under;
    /// returns whether the set held missing values only (and the first one's text). (Mutating,
    /// though it changes nothing of `self`: called from `screen`, a non-mutating method would be
    /// handed a copy of the whole tally, two kilobytes copied twice a row.)
    private mutating func screened(_ ids: inout [Int32]) -> (wasMissing: Bool, cell: String) {
        let reserved = self.reserved
        var firstMissing: Int32?
        for id in ids where reserved.isMissing(id) {
            firstMissing = id
            break
        }
        guard let first = firstMissing else {
            if watch.merges { for index in ids.indices { ids[index] = watch.countedID(ids[index]) } }
            return (false, "")
        }
        ids.removeAll(where: reserved.isMissing)
        if watch.merges { for index in ids.indices { ids[index] = watch.countedID(ids[index]) } }
        return (ids.isEmpty, interner.label(first))
    }

    mutating func absorb(_ other: MultiLabelTally) {
        let idMap = interner.absorb(other.interner)
        counts.merge(other.counts, idMap: idMap)
        missingSkips.add(other.missingSkips)
        watch.absorb(other.watch)
        if let otherSlices = other.slices { slices?.absorb(otherSlices) { $0.merge($1, idMap: idMap) } }
    }

    var saved: SavedTally<Counts> {
        SavedTally(interner: interner, counts: counts, slices: slices, missingSkips: missingSkips, sawText: watch.sawText)
    }

    mutating func restore(_ saved: SavedTally<Counts>) {
        interner = saved.interner
        cellCache = LabelSetCache()
        counts = saved.counts
        slices = saved.slices
        missingSkips = saved.missingSkips
        watch.restore(sawText: saved.sawText)
    }

    mutating func finish(file: String) throws(EvaluationError) {
        try watch.finish(interner)
    }

    /// Reads row `row`'s score columns (the file has them) into `scores`.
    private func readScores(_ fields: RowBatch.UnsafeFields, _ row: Int, line: Int, into scores: inout [Double]) throws(EvaluationError) {
        guard case .scores(let columns, _, _) = predictedSource else { return }
        scores.removeAll(keepingCapacity: true)
        for column in columns {
            scores.append(try CellValues.score(fields[row, column], option: .scores, column: column, decoding: decoding, line: line, file: file))
        }
    }

    /// Reads one side of row `row` from `source` into the ids at `ids`.
    private mutating func read(
        _ source: LabelSetSource, _ fields: RowBatch.UnsafeFields, _ row: Int, line: Int, option: OptionName,
        into ids: inout [Int32]
    ) throws(EvaluationError) {
        switch source {
        case .separated(let column, let splitter):
            let cell = fields[row, column]
            guard !cellCache.appendIDs(of: cell, to: &ids) else { return }
            let before = ids.count
            splitter.forEachLabel(in: cell) { ids.append(interner.intern($0)) }
            cellCache.remember(cell, ids: ids[before...])
        case .list(let column):
            let cell = fields[row, column]
            guard !cellCache.appendIDs(of: cell, to: &ids) else { return }
            let before = ids.count
            var parser = listParser
            defer { listParser = parser }
            do throws(ListCellParser.Problem) {
                try parser.forEachLabel(in: cell) { ids.append(interner.intern($0)) }
            } catch {
                throw EvaluationError(
                    file: file, line: line, reason: .notAList(option, cell: String(decoding: cell, as: UTF8.self), error))
            }
            cellCache.remember(cell, ids: ids[before...])
        case .indicators(let columns, let classIDs):
            let indicatorOption: OptionName = option == .actual ? .actualColumns : .predictedColumns
            for (index, column) in columns.enumerated()
            where try CellValues.indicator(
                fields[row, column], option: indicatorOption, column: column, decoding: decoding, line: line, file: file)
            {
                ids.append(classIDs[index])
            }
        case .scores(let columns, let classIDs, let thresholds):
            for (index, column) in columns.enumerated()
            where try CellValues.score(
                fields[row, column], option: .scores, column: column, decoding: decoding, line: line, file: file)
                >= thresholds[index]
            {
                ids.append(classIDs[index])
            }
        }
    }
}

extension [Int32] {
    /// Empties a row's few ids, keeping the storage: one element at a time, which for a handful
    /// is a third of the cost of `removeAll(keepingCapacity:)` (issue 20's profile).
    @inline(__always)
    fileprivate mutating func removeAllKeepingCapacity() {
        while !isEmpty { removeLast() }
    }
}

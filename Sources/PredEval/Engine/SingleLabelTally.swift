import PredEvalCSV

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
    /// For each label id below its count, the score column of its class, or -1 (a binary score:
    /// 1 for the positive label, 0 for the negative one). Grown as labels are seen: `0.0` or a
    /// label the label map renames finds the column of its class.
    private var scoreColumnOfID: [Int] = []
    /// The score column of each class key (see `scoreColumnOfID`).
    private let scoreColumnOfKey: [LabelClassKey: Int]
    private let labelRules: LabelRules
    /// The score columns' classes, in column order.
    private let scoreClassIDs: [Int32]
    let reserved: ReservedLabels
    private(set) var missingSkips = MissingSkips()
    private var watch: LabelWatch
    /// For each label id below its count, the first id of the class it would be in were labels
    /// numbers (after the label map): learned only once a row has an id past the pair limit,
    /// where counts keep no pair unless told (`keepPair`), and only when two spellings can be one
    /// class at all (not `--label-type text` without a label map).
    private var classOfID: [Int32] = []
    private var firstIDOfClass: [LabelClassKey: Int32] = [:]
    private let spellingsMayJoin: Bool
    private let missingActual: MissingActual
    private let missingPrediction: MissingPrediction
    /// With `--ci`: the rows' bootstrap weights.
    private let weights: BootstrapWeights?
    /// The bytes this part's exact score histograms may take.
    private let rankingMemoryLimit: Int

    init(file: String, decoding: RowDecoding, options: EvaluationOptions, join: IDJoin?) {
        var interner = join?.truth.labels ?? LabelInterner()
        reserved = ReservedLabels(into: &interner, options: options)
        listedIDs = reserved.listed
        watch = LabelWatch(file: file, options: options, reserved: reserved, joinsSpellings: false)
        missingActual = options.missingActual
        missingPrediction = options.missingPrediction
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
        labelRules = LabelRules(type: options.labelType, map: options.labelMap)
        spellingsMayJoin = options.labelType != .text || !options.labelMap.isEmpty
        let asNumbers = options.labelType != .text
        var scoreColumnOfKey: [LabelClassKey: Int] = [:]
        if decoding.scores != nil {
            for (column, label) in decoding.columnClasses.enumerated() {
                scoreColumnOfKey[labelRules.key(of: label.utf8, asNumbers: asNumbers)] = column
            }
        } else if let positive = options.positive {
            scoreColumnOfKey[labelRules.key(of: positive.utf8, asNumbers: asNumbers)] = 1
            if let negative = options.negative { scoreColumnOfKey[labelRules.key(of: negative.utf8, asNumbers: asNumbers)] = 0 }
        }
        self.scoreColumnOfKey = scoreColumnOfKey
        self.thresholds = thresholds
        self.interner = interner
        self.join = join
        self.decoding = decoding
        self.file = file
        topK = options.topK
        // The score columns' classes: a binary score's are the negative's (-1 until known) and the positive's.
        let scoreColumnClassIDs: [Int32]? =
            if decoding.scores != nil { classIDs } else if decoding.score != nil, let positive { [negative ?? -1, positive] } else { nil }
        let scores = scoreColumnClassIDs.map {
            ScoreTally(
                columnClassIDs: $0, isBinary: decoding.score != nil, calibrationBins: options.calibrationBins,
                scoreBins: options.scoreBins)
        }
        let empty = { (compact: Bool) in
            SingleLabelRows(pairs: SingleLabelCounts(compact: compact), scores: scores, topK: options.topK)
        }
        weights = options.bootstrap.map { BootstrapWeights(replicates: $0.replicates, seed: $0.seed) }
        rankingMemoryLimit = options.scoreMemoryOfPart
        let replicates = weights.map { ReplicateCounts(replicates: $0.replicates) }
        let scoreReplicates = decoding.scores == nil && decoding.score == nil ? nil : weights.map { ScoreReplicates(replicates: $0.replicates) }
        counts = empty(false)
        counts.replicates = replicates
        // The replicates also rank the scores: the whole file's and each slice's (all the slices'
        // together kept within the same memory, `limitSliceRankingMemory`).
        var rankedReplicates = scoreReplicates
        if let scoreColumnClassIDs, let replicates = options.bootstrap?.replicates {
            rankedReplicates!.ranking = RankingReplicates(
                columns: scoreColumnClassIDs.count, replicates: replicates, memoryLimit: options.scoreMemoryOfPart, withSamples: false)
        }
        counts.scoreReplicates = rankedReplicates
        if options.logsRows { counts.log = RowLog() }
        if options.groupBy != nil {
            var slice = empty(true)
            slice.replicates = replicates
            slice.scoreReplicates = rankedReplicates
            slices = SlicedCounts(
                empty: slice, groups: join?.truth.groups,
                limit: replicates == nil ? maximumGroupValues : maximumGroupValuesWithIntervals)
        }
        scoreClassIDs = decoding.scores == nil ? [] : classIDs
    }

    mutating func count(_ batch: borrowing RowBatch) throws(EvaluationError) {
        // What every row needs, taken out of `self` once a batch: arrays reached through `self`
        // in the row loop would be retained and released for each row.
        let prediction = prediction
        let (keyColumn, groupColumn) = (decoding.key!, decoding.group)
        let classIDs = scoreClassIDs
        var scoreColumnOfID = scoreColumnOfID
        defer { self.scoreColumnOfID = scoreColumnOfID }
        let rowScores = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(classIDs.count, 2))
        defer { rowScores.deallocate() }
        // With `--ci`: each row's weight in every replicate.
        let rowWeights = UnsafeMutablePointer<UInt32>.allocate(capacity: weights?.replicates ?? 0)
        defer { rowWeights.deallocate() }
        let failure = batch.withUnsafeFields { fields -> EvaluationError? in
            if slices?.isFull == true { return nil }
            let screensPredictions = missingPrediction == .skip || missingPrediction == .error
            let watches = watch.isNeeded
            if join == nil && slices == nil, case .label(let predictedColumn) = prediction {
                // Checked once a batch: an optional stored struct checked for nil is copied first.
                let (bootstraps, logs) = (weights != nil, counts.log != nil)
                for row in 0..<fields.rowCount {
                    let actual = fields[row, keyColumn]
                    let actualID = interner.intern(actual)
                    let predictedID = interner.intern(fields[row, predictedColumn], reusing: actualID, of: actual)
                    if reserved.isMissing(actualID) || (screensPredictions && reserved.isMissing(predictedID))
                        || (watches && interner.count > watch.known)
                    {
                        switch screen(actualID, predictedID, fields, row, line: batch.line(ofRow: row)) {
                        case .count: break
                        case .skip: continue
                        case .fail(let failure): return failure
                        }
                    }
                    counts.pairs.add(actual: actualID, predicted: predictedID)
                    if _slowPath((actualID | predictedID) >= pairLimitID) { keepPairOfSpellings(actualID, predictedID) }
                    if _slowPath(bootstraps) {
                        if counts.replicates!.isFull { return tooManyRows(line: batch.line(ofRow: row)) }
                        _ = addToReplicates(actualID, predictedID, key: decoding.bootstrapKey(ofRow: row, fields, batch), rowWeights, keepsWeights: false)
                    }
                    if _slowPath(logs) { log(actualID, predictedID, nil, fields, row, batch) }
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
                var predictedID: Int32
                // What the row's scores added, for the replicates.
                var rowScore: ScoreTally.RowScore?
                if case .label(let column) = prediction {
                    predictedID = interner.intern(fields[row, column])
                } else {
                    predictedID = -1
                }
                if reserved.isMissing(actualID) || (screensPredictions && reserved.isMissing(predictedID))
                    || (watches && interner.count > watch.known)
                {
                    switch screen(actualID, predictedID, fields, row, line: batch.line(ofRow: row)) {
                    case .count: break
                    case .skip: continue
                    case .fail(let failure): return failure
                    }
                }
                switch prediction {
                case .label:
                    break
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
                    if Int(actualID) >= scoreColumnOfID.count { growScoreColumns(&scoreColumnOfID) }
                    let scoreColumn = scoreColumnOfID[Int(actualID)]
                    let actualColumn = scoreColumn >= 0 ? scoreColumn : nil
                    rowScore = counts.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: actualColumn, k: topK)
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
                    if Int(actualID) >= scoreColumnOfID.count { growScoreColumns(&scoreColumnOfID) }
                    let isPositive = scoreColumnOfID[Int(actualID)] == 1
                    let scoreColumn: Int? =
                        isPositive ? 1 : (negative == nil || scoreColumnOfID[Int(actualID)] == 0 ? 0 : nil)
                    rowScore = counts.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: scoreColumn, k: nil)
                    if let slice {
                        slices!.update(slice) { $0.scores!.add(UnsafeBufferPointer(rowScores), actualColumn: scoreColumn, k: nil) }
                    }
                    if score >= threshold {
                        predictedID = positive
                    } else if let negative {
                        predictedID = negative
                    } else if !isPositive {
                        // The negative label is the one other actual label: this row's, if valid.
                        predictedID = actualID
                    } else {
                        counts.positivesBelowThreshold += 1
                        if let slice { slices!.update(slice) { $0.positivesBelowThreshold += 1 } }
                        if counts.log != nil { log(actualID, RowLog.unsettled, rowScore, fields, row, batch) }
                        if let weights {
                            weights.fill(key: decoding.bootstrapKey(ofRow: row, fields, batch), into: rowWeights)
                            let rowWeightsBuffer = UnsafeBufferPointer(start: rowWeights, count: weights.replicates)
                            counts.addHeldBack(rowWeightsBuffer)
                            counts.scoreReplicates!.add(rowScore!, scores: UnsafeBufferPointer(rowScores), weights: rowWeights)
                            if let slice {
                                slices!.update(slice) {
                                    $0.addHeldBack(rowWeightsBuffer)
                                    $0.scoreReplicates!.add(rowScore!, scores: UnsafeBufferPointer(rowScores), weights: rowWeights)
                                }
                            }
                        }
                        continue
                    }
                }
                counts.pairs.add(actual: actualID, predicted: predictedID)
                if _slowPath((actualID | predictedID) >= pairLimitID) { keepPairOfSpellings(actualID, predictedID) }
                if _slowPath(weights != nil) {
                    if counts.replicates!.isFull { return tooManyRows(line: batch.line(ofRow: row)) }
                    let joinable = addToReplicates(
                        actualID, predictedID, key: decoding.bootstrapKey(ofRow: row, fields, batch), rowWeights, keepsWeights: rowScore != nil || slice != nil)
                    if let rowScore { counts.scoreReplicates!.add(rowScore, scores: UnsafeBufferPointer(rowScores), weights: rowWeights) }
                    if let slice {
                        slices!.update(slice) {
                            $0.replicates!.add(actual: actualID, predicted: predictedID, mayBeOneClass: joinable, weights: rowWeights)
                            if let rowScore { $0.scoreReplicates!.add(rowScore, scores: UnsafeBufferPointer(rowScores), weights: rowWeights) }
                        }
                    }
                }
                if let slice { slices!.update(slice) { $0.pairs.add(actual: actualID, predicted: predictedID) } }
                if counts.log != nil { log(actualID, predictedID, rowScore, fields, row, batch) }
            }
            return nil
        }
        if let failure { throw failure }
        if counts.scores?.limitRankingMemory(to: rankingMemoryLimit) == true { slices?.updateAll { $0.scores?.binRankingForMemory() } }
        if counts.scoreReplicates?.ranking != nil { limitSliceRankingMemory() }
    }

    /// Bins the slices' replicate histograms more coarsely while together they take more than
    /// the ranking memory limit.
    private mutating func limitSliceRankingMemory() {
        func memory(_ slices: SlicedCounts<SingleLabelRows>) -> Int {
            slices.slices.reduce(0) { $0 + ($1.scoreReplicates?.ranking?.memoryBytes ?? 0) }
        }
        while slices.map(memory) ?? 0 > rankingMemoryLimit,
            slices?.slices.contains(where: { $0.scoreReplicates?.ranking?.isCoarsest == false }) == true
        {
            slices!.updateAll { $0.scoreReplicates?.ranking?.coarsen() }
        }
    }

    /// Logs a counted row for `compare`.
    @inline(never)
    private mutating func log(
        _ actualID: Int32, _ predictedID: Int32, _ score: ScoreTally.RowScore?, _ fields: RowBatch.UnsafeFields, _ row: Int,
        _ batch: borrowing RowBatch
    ) {
        counts.log!.append(
            key: decoding.bootstrapKey(ofRow: row, fields, batch), line: batch.line(ofRow: row), actual: actualID, predicted: predictedID, score: score)
    }

    /// The error of a row past what bootstrap counts hold.
    @inline(never)
    private func tooManyRows(line: Int) -> EvaluationError {
        EvaluationError(file: file, line: line, reason: .tooManyRowsForBootstrap(limit: ReplicateCounts.rowLimit))
    }

    /// Counts a row in every replicate, by its weights there (left in `rowWeights` when
    /// `keepsWeights`); returns whether its two labels may be one class.
    @inline(never)
    private mutating func addToReplicates(
        _ actualID: Int32, _ predictedID: Int32, key: UInt64, _ rowWeights: UnsafeMutablePointer<UInt32>, keepsWeights: Bool
    ) -> Bool {
        let joinable = spellingsMayJoin && actualID != predictedID && mayBeOneClass(actualID, predictedID)
        if !keepsWeights && !joinable {
            // The common row: its weights drawn straight into the counts they add to.
            let weights = weights!
            counts.replicates!.add(actual: actualID, predicted: predictedID) { weights.add(key: key, to: $0, and: $1) }
            return false
        }
        weights!.fill(key: key, into: rowWeights)
        counts.replicates!.add(actual: actualID, predicted: predictedID, mayBeOneClass: joinable, weights: rowWeights)
        return joinable
    }

    /// Gives every label of the interner its score column (`scoreColumnOfID`).
    @inline(never)
    private func growScoreColumns(_ columns: inout [Int]) {
        let asNumbers = labelRules.type != .text
        for id in Int32(columns.count)..<Int32(interner.count) {
            columns.append(scoreColumnOfKey[labelRules.key(of: interner.bytes(of: id), asNumbers: asNumbers)] ?? -1)
        }
    }

    /// What a row with a missing value (or a label not looked at yet) does; counts the skip.
    /// `predictedID` is -1 when the prediction is no label cell.
    @inline(never)
    private mutating func screen(
        _ actualID: Int32, _ predictedID: Int32, _ fields: RowBatch.UnsafeFields, _ row: Int, line: Int
    ) -> MissingScreening {
        do throws(EvaluationError) { try watch.learn(interner, line: line) } catch { return .fail(error) }
        if reserved.isMissing(actualID) {
            if missingActual == .skip {
                missingSkips.actual += 1
                return .skip
            }
            return .fail(EvaluationError(file: file, line: line, reason: .missingActual(cell: interner.label(actualID))))
        }
        guard predictedID >= 0, reserved.isMissing(predictedID) else { return .count }
        switch missingPrediction {
        case .skip:
            missingSkips.predicted += 1
            return .skip
        case .error:
            return .fail(EvaluationError(file: file, line: line, reason: .missingPrediction(cell: interner.label(predictedID))))
        case .wrong, .label:
            return .count
        }
    }

    /// The error of a score cell that is no number.
    @inline(never)
    private func cellFailure(_ option: OptionName, _ cell: UnsafeRawBufferPointer, column: Int, line: Int) -> EvaluationError {
        CellValues.notANumber(cell, option: option, column: column, decoding: decoding, line: line, file: file)
    }

    /// Keeps the pair of a row with an id past the pair limit whose two labels are spellings of
    /// one class should labels be numbers (`7` and `7.0`) or a label map join them, so that the
    /// report, which relabels spellings as classes, counts it correct.
    private mutating func keepPairOfSpellings(_ actualID: Int32, _ predictedID: Int32) {
        guard spellingsMayJoin, actualID != predictedID else { return }
        if mayBeOneClass(actualID, predictedID) { counts.pairs.keepPair(actual: actualID, predicted: predictedID) }
    }

    /// Whether labels `first` and `second` are spellings of one class should labels be numbers
    /// (after the label map).
    private mutating func mayBeOneClass(_ first: Int32, _ second: Int32) -> Bool {
        while classOfID.count < interner.count {
            let id = Int32(classOfID.count)
            let key = labelRules.key(of: interner.bytes(of: id), asNumbers: true)
            classOfID.append(firstIDOfClass[key, default: id])
            if firstIDOfClass[key] == nil { firstIDOfClass[key] = id }
        }
        return classOfID[Int(first)] == classOfID[Int(second)]
    }

    mutating func absorb(_ other: SingleLabelTally) {
        let idMap = interner.absorb(other.interner)
        // Pairs of another part that land past the pair limit here keep their pair when their
        // labels may be one class, as rows counted here do.
        if spellingsMayJoin && interner.count > SingleLabelCounts.pairLimit {
            other.counts.pairs.forEachWrongPair { actual, predicted, rows in
                let (actualHere, predictedHere) = (idMap[Int(actual)], idMap[Int(predicted)])
                if (actualHere | predictedHere) >= pairLimitID && mayBeOneClass(actualHere, predictedHere) {
                    counts.pairs.keepPair(actual: actualHere, predicted: predictedHere, count: rows)
                }
            }
        }
        counts.merge(other.counts, idMap: idMap)
        missingSkips.add(other.missingSkips)
        if let otherSlices = other.slices { slices?.absorb(otherSlices) { $0.merge($1, idMap: idMap) } }
    }

    var saved: SavedTally<Counts> {
        SavedTally(interner: interner, counts: counts, slices: slices, missingSkips: missingSkips, sawText: watch.sawText)
    }

    mutating func restore(_ saved: SavedTally<Counts>) {
        interner = saved.interner
        counts = saved.counts
        slices = saved.slices
        missingSkips = saved.missingSkips
        watch.restore(sawText: saved.sawText)
    }

    mutating func finish(file: String) throws(EvaluationError) {
        guard case .threshold(_, _, let positive, nil) = prediction else { return }
        growScoreColumns(&scoreColumnOfID)
        let others = counts.pairs.occurringClassCounts()
            .filter { scoreColumnOfID[Int($0.key)] != 1 && $0.value.support > 0 }
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

/// Ids at or above this have no pair counted in the whole file's counts (`SingleLabelCounts.pairLimit`).
private let pairLimitID = Int32(SingleLabelCounts.pairLimit)

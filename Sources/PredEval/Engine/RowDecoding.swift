import PredEvalCSV

/// Where each of a row's values is in a batch, and the classes the score and indicator columns
/// stand for: what the header (or the first row) tells, checked once before any row is counted.
struct RowDecoding: Sendable {
    /// The actual label (set), or with a truth file the id.
    let key: Int?
    /// The predicted label (set).
    let predicted: Int?
    /// The group value.
    let group: Int?
    /// The cell whose bytes key a row's bootstrap weights: the id (`--id`, or the join id).
    let rowKey: Int?
    /// The binary score.
    let score: Int?
    /// The score columns, their classes, and (multi-label) each one's threshold.
    let scores: (columns: Range<Int>, classes: [String], thresholds: [Double])?
    /// The actual indicator columns and their classes.
    let actualIndicators: (columns: Range<Int>, classes: [String])?
    /// The predicted indicator columns and their classes.
    let predictedIndicators: (columns: Range<Int>, classes: [String])?
    /// Each batch column as messages name it: its header cell, or its position.
    let columnNames: [String]

    /// The decoding of rows read by `request` under `options`, given where the read found the
    /// columns; throws when the columns cannot serve (too few, a class twice, a count that does
    /// not match, a threshold for no class).
    init(
        file: String, layout: RowLayout, request: ReadRequest, options: EvaluationOptions
    ) throws(EvaluationError) {
        let line = layout.header == nil ? nil : 1
        func failure(_ reason: EvaluationError.Reason) -> EvaluationError {
            EvaluationError(file: file, line: line, reason: reason)
        }
        let fileColumns = layout.columnIndices + layout.columnSets.joined()
        columnNames = fileColumns.map { index in layout.header.map { $0[index] } ?? "\(index + 1)" }
        key = request.column(.id) ?? request.column(.actual)
        predicted = request.column(.predicted)
        group = request.column(.groupBy)
        rowKey = request.column(.rowKey) ?? request.column(.id)
        score = request.column(.score)
        let names = columnNames
        func classes(_ option: OptionName, _ columns: Range<Int>, given: [String]? = nil) throws(EvaluationError) -> [String] {
            let selector = request.configuration.columnSets[request.setOptions.firstIndex(of: option)!]
            let classes = given ?? columns.map { selector.className(ofColumnNamed: names[$0]) }
            var seen = Set<String>()
            for label in classes where !seen.insert(label).inserted { throw failure(.repeatedClass(option, label)) }
            return classes
        }
        if let columns = request.columns(.scores, in: layout) {
            let needed = options.isMultiLabel ? 1 : 2
            guard columns.count >= needed else { throw failure(.tooFewColumns(.scores, count: columns.count, needed: needed)) }
            if let given = options.scoreLabels, given.count != columns.count {
                throw failure(.scoreLabelCount(given: given.count, columns: columns.count))
            }
            let scoreClasses = try classes(.scores, columns, given: options.scoreLabels)
            if let k = options.topK, k >= scoreClasses.count {
                throw failure(.topKTooLarge(k: k, classes: scoreClasses.count))
            }
            var thresholds = Array(repeating: EvaluationOptions.defaultThreshold, count: scoreClasses.count)
            switch options.threshold {
            case .all(let value)?: thresholds = Array(repeating: value, count: scoreClasses.count)
            case .perClass(let byClass)?:
                for (label, value) in byClass {
                    guard let column = scoreClasses.firstIndex(of: label) else {
                        throw failure(.unknownThresholdClass(label, classes: scoreClasses))
                    }
                    thresholds[column] = value
                }
            case nil: break
            }
            scores = (columns, scoreClasses, thresholds)
        } else {
            scores = nil
        }
        actualIndicators = try request.columns(.actualColumns, in: layout).map { columns throws(EvaluationError) in
            (columns, try classes(.actualColumns, columns))
        }
        predictedIndicators = try request.columns(.predictedColumns, in: layout).map { columns throws(EvaluationError) in
            (columns, try classes(.predictedColumns, columns))
        }
    }

    /// The threshold of a binary score (`score`).
    func thresholdOfScore(_ options: EvaluationOptions) -> Double {
        if case .all(let value)? = options.threshold { return value }
        return EvaluationOptions.defaultThreshold
    }

    /// Every class the columns stand for, in the order they are interned (after any listed
    /// labels): score classes, then actual and predicted indicator classes.
    var columnClasses: [String] {
        (scores?.classes ?? []) + (actualIndicators?.classes ?? []) + (predictedIndicators?.classes ?? [])
    }
}

/// An evaluation error found in a part of a file read on its own thread, whose line the read
/// plan moves down by the lines of the parts before.
struct PartFailure: LineNumbered {
    /// The error, its line counted from the part's start.
    let error: EvaluationError

    func movedDown(by lines: Int) -> any Error {
        PartFailure(error: EvaluationError(file: error.file, line: error.line.map { $0 + lines }, reason: error.reason))
    }
}

extension RowDecoding {
    /// The key of a row's bootstrap weights (design §6): its id cell's FNV-1a hash, else its byte
    /// offset.
    @inline(__always)
    func bootstrapKey(ofRow row: Int, _ fields: RowBatch.UnsafeFields, _ batch: borrowing RowBatch) -> UInt64 {
        if let column = rowKey { return BootstrapWeights.fnv1a(fields[row, column]) }
        return UInt64(batch.offset(ofRow: row))
    }
}

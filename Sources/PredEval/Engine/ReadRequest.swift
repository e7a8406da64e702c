import PredEvalCSV

/// One file to read: the reader's configuration, and the option behind each requested column,
/// so that a read error can name the option.
struct ReadRequest: Sendable {
    /// What the reader needs.
    var configuration: CSVReaderConfiguration
    /// `columnOptions[i]` asked for `configuration.columns[i]`.
    var columnOptions: [OptionName]
    /// `setOptions[i]` asked for `configuration.columnSets[i]`.
    var setOptions: [OptionName] = []

    /// The columns of a prediction file under `options`: actual (with a truth file, the id;
    /// none with indicator columns), predicted (none with scores or indicator columns), the group
    /// (without a truth file), the binary score; then the sets of score and indicator columns.
    static func predictions(_ file: String, _ options: EvaluationOptions) -> ReadRequest {
        var columns: [(OptionName, ColumnSelector)] = []
        if let id = options.id, options.truth != nil {
            columns.append((.id, id))
        } else if options.actualColumns == nil {
            columns.append((.actual, options.column(options.actual, position: 1, names: EvaluationOptions.defaultActualNames)))
        }
        if options.scores == nil && options.score == nil && options.predictedColumns == nil {
            columns.append(
                (.predicted, options.column(options.predicted, position: 2, names: EvaluationOptions.defaultPredictedNames)))
        }
        if options.truth == nil, let groupBy = options.groupBy { columns.append((.groupBy, groupBy)) }
        if let score = options.score { columns.append((.score, score)) }
        if options.truth == nil, let id = options.id { columns.append((.rowKey, id)) }
        var request = ReadRequest(file, options, columns)
        request.configuration.givenHeader = options.columnNames
        // Rows keyed by their offsets: the bootstrap, and the rows `compare` pairs, without an id.
        request.configuration.tracksRowOffsets = (options.bootstrap != nil || options.logsRows) && options.id == nil
        let sets: [(OptionName, ColumnSetSelector?)] = [
            (.scores, options.scores), (.actualColumns, options.truth == nil ? options.actualColumns : nil),
            (.predictedColumns, options.predictedColumns),
        ]
        for case let (option, selector?) in sets {
            request.configuration.columnSets.append(selector)
            request.setOptions.append(option)
        }
        return request
    }

    /// The batch column of the column `option` asked for, if it was asked for.
    func column(_ option: OptionName) -> Int? { columnOptions.firstIndex(of: option) }

    /// The batch columns of the set `option` asked for, given where the read found every set.
    func columns(_ option: OptionName, in layout: RowLayout) -> Range<Int>? {
        guard let set = setOptions.firstIndex(of: option) else { return nil }
        let start = columnOptions.count + layout.columnSets[..<set].reduce(0) { $0 + $1.count }
        return start..<(start + layout.columnSets[set].count)
    }

    /// The columns of the truth file under `options`: id, actual (none with indicator columns),
    /// then the group; then the actual indicator columns.
    static func truth(_ file: String, _ evaluationOptions: EvaluationOptions) -> ReadRequest {
        // The names of `--columns` are the prediction file's.
        var options = evaluationOptions
        options.columnNames = nil
        var columns: [(OptionName, ColumnSelector)] = [
            options.truthID.map { (.truthID, $0) } ?? (.id, options.id ?? .position(1))
        ]
        if options.actualColumns == nil {
            columns.append((.actual, options.column(options.actual, position: 2, names: EvaluationOptions.defaultActualNames)))
        }
        if let groupBy = options.groupBy { columns.append((.groupBy, groupBy)) }
        var request = ReadRequest(file, options, columns)
        if let actualColumns = options.actualColumns {
            request.configuration.columnSets.append(actualColumns)
            request.setOptions.append(.actualColumns)
        }
        return request
    }

    /// The two columns of a label map file: from, to (no header: a first row `from,to` is
    /// dropped by the reader of the map).
    static func labelMap(_ file: String) -> ReadRequest {
        var options = EvaluationOptions()
        options.hasHeader = false
        return ReadRequest(file, options, [(.labelMap, .position(1)), (.labelMap, .position(2))])
    }

    /// The error a read error is for the caller: the column named by its option.
    func error(_ error: CSVReadError) -> EvaluationError {
        let reason: EvaluationError.Reason
        switch error.reason {
        case .cannotOpen(let why): reason = .cannotOpen(why)
        case .isDirectory: reason = .isDirectory
        case .readFailed(let why): reason = .readFailed(why)
        case .empty: reason = .empty
        case .noDataRows: reason = .noDataRows
        case .missingColumn(let column, let selector, let header):
            reason = .missingColumn(columnOptions[column], selector: selector, header: header)
        case .ambiguousColumn(let column, let name, let positions):
            reason = .ambiguousColumn(columnOptions[column], name: name, positions: positions)
        case .positionOutOfRange(let column, let position, let fieldCount):
            reason = .positionOutOfRange(columnOptions[column], position: position, fieldCount: fieldCount)
        case .nameWithoutHeader(let column, let selector):
            reason = .nameWithoutHeader(columnOptions[column], selector: selector)
        case .noColumnsSelected(let set, let selector, let header):
            reason = .noColumnsSelected(setOptions[set], selector: selector, header: header)
        case .columnOfSet(let set, let problem):
            let shown: EvaluationError.SetColumnProblem
            switch problem {
            case .missing(let name, let header): shown = .missing(name: name, header: header)
            case .ambiguous(let name, let positions): shown = .ambiguous(name: name, positions: positions)
            case .positionOutOfRange(let position, let fieldCount):
                shown = .positionOutOfRange(position: position, fieldCount: fieldCount)
            case .namesWithoutHeader: shown = .namesWithoutHeader
            }
            reason = .columnOfSet(setOptions[set], shown)
        case .wrongFieldCount(let expected, let found): reason = .wrongFieldCount(expected: expected, found: found)
        case .unterminatedQuote: reason = .unterminatedQuote
        case .misplacedQuote: reason = .misplacedQuote
        case .fieldTooLarge(let limit): reason = .fieldTooLarge(limit: limit)
        case .changedWhileRead: reason = .changedWhileRead
        case .tooManyColumns(let limit, let inHeader): reason = .tooManyColumns(limit: limit, inHeader: inHeader)
        case .notText(let format): reason = .notText(EvaluationError.NonTextFormat(rawValue: format.rawValue)!)
        case .undecodable(let encoding, let why): reason = .undecodable(EvaluationError.Encoding(rawValue: encoding.rawValue)!, why)
        case .truncated(let encoding): reason = .truncated(EvaluationError.Encoding(rawValue: encoding.rawValue)!)
        }
        return EvaluationError(file: error.file, line: error.line, reason: reason)
    }

    /// Runs `body`, which reads with this request, turning its read errors into evaluation errors.
    func reading<Result>(_ body: () throws -> Result) throws(EvaluationError) -> Result {
        do {
            return try body()
        } catch let failure as CSVReadError {
            throw error(failure)
        } catch let failure as EvaluationError {
            throw failure
        } catch let failure as PartFailure {
            throw failure.error
        } catch {
            preconditionFailure("only the reader and the engine throw here: \(error)")
        }
    }

    private init(_ file: String, _ options: EvaluationOptions, _ columns: [(OptionName, ColumnSelector)]) {
        let delimiter = options.delimiter ?? CSVDialect.defaultDelimiter(forPath: file)
        var dialect = CSVDialect(delimiter: delimiter)
        // No delimiter given and none implied by the name: the first lines tell.
        dialect.sniffsDelimiter = options.delimiter == nil && delimiter == UInt8(ascii: ",")
        configuration = CSVReaderConfiguration(
            dialect: dialect, hasHeader: options.hasHeader, columns: columns.map(\.1),
            skipBadRows: options.skipBadRows, lenientQuotes: options.lenientQuotes, chunkSize: options.readSize,
            maximumColumns: options.maximumColumns)
        columnOptions = columns.map(\.0)
    }
}

extension EvaluationOptions {
    /// The column `selector` names, or by default the one at `position` (without a header or
    /// given names) or the first with one of `names`.
    fileprivate func column(_ selector: ColumnSelector?, position: Int, names: [String]) -> ColumnSelector {
        selector ?? (hasHeader || columnNames != nil ? .firstNamed(names) : .position(position))
    }
}

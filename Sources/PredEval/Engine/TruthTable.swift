import PredEvalCSV

/// A truth file held in memory for a join by id: each row's id, its actual label (or label set)
/// as label ids, and, when slicing, its group. Prediction files are joined to it by id.
struct TruthTable: Sendable {
    /// The truth file as the caller named it.
    let file: String
    /// Row ids: the id of row `i` of the table is `i`.
    private(set) var ids = LabelInterner()
    /// The labels of the truth file; the listed labels, if any, were interned first.
    private(set) var labels = LabelInterner()
    /// Single-label: each row's actual label.
    private var actualLabels: [Int32] = []
    /// Multi-label: the actual sets, back to back; row `i`'s set ends at `actualSetEnds[i]`.
    private var actualSets: [Int32] = []
    private var actualSetEnds: [Int] = []
    /// With a group column: the group values, and each row's value as an id among them.
    private(set) var groups = LabelInterner()
    private(set) var groupOfRow: [Int32] = []
    /// The line each row starts on (for messages about repeated ids).
    private var lines: [Int] = []
    /// Rows read and skipped (`skipBadRows`), with the lines of the first skipped ones.
    private(set) var summary = CSVReadSummary()

    /// How many rows the table holds.
    var count: Int { lines.count }

    /// Reads the truth file of `options` (columns: id, actual label, then the group when slicing).
    ///
    /// - Throws: `EvaluationError` for unreadable or malformed input, an id that appears twice, or
    ///   a group column with too many values.
    static func load(_ options: EvaluationOptions, file: String) throws(EvaluationError) -> TruthTable {
        let request = ReadRequest.truth(file, options)
        let splitter = options.splitter
        var listParser = options.isMultiLabel && options.labelFormat == .list ? ListCellParser() : nil
        let grouped = options.groupBy != nil
        var table = TruthTable(file: file, options: options)
        var columns: Columns?
        table.summary = try request.reading {
            var failure: EvaluationError?
            return try CSVRowReader(path: file, configuration: request.configuration).read(
                onLayout: { layout in
                    let decoding = try RowDecoding(file: file, layout: layout, request: request, options: options)
                    let indicatorIDs = (decoding.actualIndicators?.classes ?? []).map { table.labels.intern($0) }
                    columns = Columns(
                        actual: request.column(.actual), group: request.column(.groupBy), decoding: decoding,
                        indicators: decoding.actualIndicators.map { ($0.columns, indicatorIDs) })
                },
                { batch in
                    batch.withUnsafeFields { fields in
                        for row in 0..<fields.rowCount where failure == nil {
                            failure = table.add(
                                fields, row: row, line: batch.line(ofRow: row), columns: columns!, splitter: splitter,
                                listParser: &listParser)
                        }
                        if grouped && table.groups.count > maximumGroupValues {
                            failure = .tooManyGroupValues(in: file, column: options.groupBy!)
                        }
                    }
                    if let failure { throw failure }
                })
        }
        return table
    }

    /// Where a truth row's values are in a batch.
    private struct Columns {
        /// The actual label (set), unless indicator columns hold it.
        let actual: Int?
        /// The group value, when slicing.
        let group: Int?
        /// The columns as the header named them, for messages.
        let decoding: RowDecoding
        /// The actual indicator columns and each one's label id.
        let indicators: (columns: Range<Int>, classIDs: [Int32])?
    }

    /// The single-label actual label of row `row`.
    func actualLabel(ofRow row: Int) -> Int32 { actualLabels[row] }

    /// The actual label set of row `row`.
    func actualSet(ofRow row: Int) -> ArraySlice<Int32> {
        actualSets[(row == 0 ? 0 : actualSetEnds[row - 1])..<actualSetEnds[row]]
    }

    // MARK: Private

    private init(file: String, options: EvaluationOptions) {
        self.file = file
        reserved = ReservedLabels(into: &labels, options: options)
        missingActual = options.missingActual
        idsAreNumbers = options.idType == .number
    }

    /// The labels reserved before any row (listed ones, then missing values).
    private let reserved: ReservedLabels
    /// What a row whose actual label is missing does (`skip`: it is kept, and the join skips it).
    private let missingActual: MissingActual
    /// Whether ids compare as numbers.
    let idsAreNumbers: Bool

    /// The failure of a row whose actual label (set) is missing values only, under `error`.
    private func missingActualFailure(_ ids: some Collection<Int32>, line: Int) -> EvaluationError? {
        guard missingActual == .error, let first = ids.first, ids.allSatisfy(reserved.isMissing) else { return nil }
        return EvaluationError(file: file, line: line, reason: .missingActual(cell: labels.label(first)))
    }

    /// Adds one row; returns the failure if its id was seen before.
    private mutating func add(
        _ fields: RowBatch.UnsafeFields, row: Int, line: Int, columns: Columns, splitter: LabelSetSplitter?,
        listParser: inout ListCellParser?
    ) -> EvaluationError? {
        let id: Int32
        if idsAreNumbers {
            guard let canonical = NumericID.canonical(fields[row, 0]) else {
                return EvaluationError(
                    file: file, line: line, reason: .idNotANumber(String(decoding: fields[row, 0], as: UTF8.self), in: .truth))
            }
            id = canonical.withUnsafeBytes { ids.intern($0) }
        } else {
            id = ids.intern(fields[row, 0])
        }
        guard Int(id) == lines.count else {
            return EvaluationError(
                file: file, line: line,
                reason: .repeatedID(String(decoding: fields[row, 0], as: UTF8.self), firstLine: lines[Int(id)], in: .truth))
        }
        lines.append(line)
        if let (indicatorColumns, classIDs) = columns.indicators {
            for (index, column) in indicatorColumns.enumerated() {
                do throws(EvaluationError) {
                    if try CellValues.indicator(
                        fields[row, column], option: .actualColumns, column: column, decoding: columns.decoding,
                        line: line, file: file)
                    {
                        actualSets.append(classIDs[index])
                    }
                } catch {
                    return error
                }
            }
            actualSetEnds.append(actualSets.count)
        } else if listParser != nil {
            defer { actualSetEnds.append(actualSets.count) }
            do throws(ListCellParser.Problem) {
                try listParser!.forEachLabel(in: fields[row, columns.actual!]) { actualSets.append(labels.intern($0)) }
            } catch {
                return EvaluationError(
                    file: file, line: line,
                    reason: .notAList(.actual, cell: String(decoding: fields[row, columns.actual!], as: UTF8.self), error))
            }
            let start = actualSetEnds.last ?? 0
            if let failure = missingActualFailure(actualSets[start...], line: line) { return failure }
        } else if let splitter {
            let start = actualSets.count
            splitter.forEachLabel(in: fields[row, columns.actual!]) { actualSets.append(labels.intern($0)) }
            actualSetEnds.append(actualSets.count)
            if let failure = missingActualFailure(actualSets[start...], line: line) { return failure }
        } else {
            let actual = labels.intern(fields[row, columns.actual!])
            if let failure = missingActualFailure([actual], line: line) { return failure }
            actualLabels.append(actual)
        }
        if let group = columns.group { groupOfRow.append(groups.intern(fields[row, group])) }
        return nil
    }
}

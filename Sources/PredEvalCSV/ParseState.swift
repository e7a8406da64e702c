import PredEvalCore

/// What the libcsv callbacks update while a chunk is parsed: the row in progress, line numbers,
/// the header, the batch of selected fields, the row tallies and the first failure.
///
/// It lives at a fixed address for the whole read, and the C callbacks reach it through the
/// context pointer libcsv hands back; nothing in it may throw across the C frames, so a failure
/// is recorded and every later callback returns at once.
struct ParseState: ~Copyable {
    private static let lineFeed: Int32 = 0x0A
    private static let carriageReturn: Int32 = 0x0D

    let file: String
    let requested: [ColumnSelector]
    let requestedSets: [ColumnSetSelector]
    let hasHeader: Bool
    let skipBadRows: Bool
    /// The most fields the header (or, without one, the first row) may have.
    let maximumColumns: Int

    /// The header's cells; nil until the header row ends (and always nil without a header).
    private(set) var header: [String]?
    /// The 0-based index of each requested column, once known.
    private(set) var columnIndices: [Int] = []
    /// The 0-based indices of each requested set of columns, once known.
    private(set) var columnSets: [[Int]] = []
    /// The fields every row must have; 0 until the header (or the first row) sets it.
    private(set) var expectedFieldCount = 0
    /// Whether every requested column (and set) was found in the header or the first row.
    private var columnsFound = false
    /// Rows read after the header, including the skipped ones.
    private(set) var rowsRead = 0
    /// Rows skipped for having the wrong number of fields.
    private(set) var rowsSkipped = 0
    /// The lines of the first few skipped rows.
    private(set) var firstSkippedLines: [Int] = []
    /// The first failure; once set, callbacks do nothing more.
    private(set) var failure: CSVReadError?
    /// Whether `failure` is set (a plain flag, for the callbacks to test cheaply).
    private var hasFailed = false
    /// Whether a field can hold a line break in the chunk being parsed (only quoted ones can).
    var fieldsMayHoldLineBreaks = true
    /// Whether any input has been read yet (a byte-order mark is looked for in the first bytes).
    var startedReading = false
    /// The delimiter the read uses (given, or sniffed).
    var delimiter = UInt8(ascii: ",")
    /// The bytes besides the delimiter that libcsv would take for blanks and trim: space, tab.
    var blanks: [UInt8] = [0x20, 0x09]
    /// Bytes read from the input so far, a byte-order mark among them.
    var bytesRead = 0
    /// `bytesRead` when the last batch was delivered.
    var bytesReadBeforeBatch = 0

    /// The line the parser is on, as far as completed fields and rows tell.
    private(set) var currentLine = 1
    /// The byte offset in the input where the row being read began (kept by the reader when it
    /// tracks row offsets).
    var rowStartOffset = 0
    /// Whether the next byte the parser is given starts a line (the read starts at a row's start).
    var atLineStart = true
    var batch: RowBatch

    /// Whether the row being read is the header.
    private var readingHeader: Bool
    private var headerCells: [[UInt8]] = []
    /// For each field index of a row, the requested column it fills, or -1.
    private var slotOfField = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    private var fieldIndex = 0
    private var rowStartLine = 1
    private var rowStartByte = 0
    private var lastTerminator: Int32 = 0
    private var repeatedSlots: [(slot: Int, source: Int)] = []

    /// The state for reading `file` from its start, or, given `layout`, from a row boundary past
    /// its header, where lines are counted from 1 again.
    init(file: String, configuration: CSVReaderConfiguration, layout: RowLayout? = nil) {
        self.file = file
        requested = configuration.columns
        requestedSets = configuration.columnSets
        hasHeader = configuration.hasHeader
        skipBadRows = configuration.skipBadRows
        maximumColumns = configuration.maximumColumns
        readingHeader = configuration.hasHeader
        batch = RowBatch(columnCount: configuration.columns.count)
        if let layout {
            readingHeader = false
            header = layout.header
            expectedFieldCount = layout.fieldCount
            assignSlots(layout.columnIndices, sets: layout.columnSets, fieldCount: layout.fieldCount)
            columnsFound = true
        } else if let names = configuration.givenHeader, !hasHeader {
            adoptHeader(names, line: nil)
        } else if !hasHeader {
            // Without a header, columns are positions: their slots are known before any row. A
            // position past the column limit gets no slot (the first row cannot reach it, and is
            // refused when it tries), so no table is sized by a number from the command line.
            // (A set that names columns gets none: the first row refuses it.)
            let indices = requested.map { column -> Int in
                if case .position(let position) = column { return min(max(position, 1), maximumColumns + 1) - 1 }
                return 0
            }
            let sets = requestedSets.map { $0.positionsWithoutHeader(limit: maximumColumns) ?? [] }
            let largest = max(indices.max() ?? 0, sets.lazy.compactMap(\.last).max() ?? 0)
            assignSlots(indices, sets: sets, fieldCount: min(largest + 1, maximumColumns))
        }
    }

    deinit {
        slotOfField.deallocate()
    }

    /// Whether the header (or, without one, the first row) has been seen.
    var sawFirstRow: Bool { expectedFieldCount > 0 }

    /// Where the columns are, once the header (or the first row) has been seen and every
    /// requested column found in it.
    var layout: RowLayout? {
        sawFirstRow && columnsFound
            ? RowLayout(
                header: header, columnIndices: columnIndices, columnSets: columnSets, fieldCount: expectedFieldCount,
                delimiter: delimiter)
            : nil
    }

    // MARK: Callbacks

    /// One field of the current row, in libcsv's buffer: used or copied at once.
    @inline(__always)
    mutating func receiveField(_ field: UnsafeRawBufferPointer) {
        if receivesPlainField(field) { return }
        receiveFieldOutOfLine(field)
    }

    /// The path of almost every field: a data field of the known width, in a chunk without
    /// quoted line breaks, not needed or short enough to copy without a call. It calls nothing,
    /// so the callback needs no stack frame; false, having done nothing, for any other field.
    @inline(__always)
    private mutating func receivesPlainField(_ field: UnsafeRawBufferPointer) -> Bool {
        guard !hasFailed && !fieldsMayHoldLineBreaks && !readingHeader && fieldIndex < slotOfField.count else {
            return false
        }
        let slot = slotOfField[fieldIndex]
        if slot >= 0 && !batch.appendsShortField(field, column: slot) { return false }
        fieldIndex &+= 1
        return true
    }

    /// Any field `receivesPlainField` did not take.
    @inline(never)
    private mutating func receiveFieldOutOfLine(_ field: UnsafeRawBufferPointer) {
        if hasFailed { return }
        if fieldsMayHoldLineBreaks { currentLine += Self.lineBreaks(in: field) }
        if !readingHeader && fieldIndex < slotOfField.count {
            // A data field of the known width: the one path of almost every field.
            let slot = slotOfField[fieldIndex]
            if slot >= 0 { batch.appendField(field, column: slot) }
            fieldIndex &+= 1
            return
        }
        receiveOtherField(field)
    }

    /// A header cell, or a field past the known width; out of line, so that the common path
    /// stays small.
    @inline(never)
    private mutating func receiveOtherField(_ field: UnsafeRawBufferPointer) {
        if readingHeader {
            guard headerCells.count < maximumColumns else { return failTooManyColumns() }
            headerCells.append(Array(field))
        } else if expectedFieldCount == 0 && fieldIndex >= maximumColumns {
            return failTooManyColumns()
        }
        fieldIndex += 1
    }

    /// The end of a row (or of an empty line), with the byte that ended it; -1 at the end of input.
    @inline(__always)
    mutating func endRow(terminator: Int32) {
        if endsPlainRow(terminator: terminator) { return }
        endRowOutOfLine(terminator: terminator)
    }

    /// The end of almost every row, as `endRowOutOfLine` ends it: a data row of the known width
    /// ended by a line break, with no column requested twice, and room in the batch for the next.
    /// It calls nothing, so the callback needs no stack frame; false, having done nothing, for
    /// any other end.
    @inline(__always)
    private mutating func endsPlainRow(terminator: Int32) -> Bool {
        guard !hasFailed && !readingHeader && terminator >= 0 && fieldIndex > 0 && fieldIndex == expectedFieldCount
            && repeatedSlots.isEmpty && batch.commitsRowWithoutGrowing(line: rowStartLine, offset: rowStartOffset)
        else { return false }
        currentLine &+= 1
        lastTerminator = terminator
        fieldIndex = 0
        rowStartLine = currentLine
        rowsRead &+= 1
        rowStartByte = batch.byteCount
        return true
    }

    /// Any end of a row `endsPlainRow` did not take.
    @inline(never)
    private mutating func endRowOutOfLine(terminator: Int32) {
        if hasFailed { return }
        let fieldCount = fieldIndex
        let line = rowStartLine
        // A line feed right after a carriage return, with nothing between, ends no further line.
        let endsLine = terminator >= 0 && !(fieldCount == 0 && terminator == Self.lineFeed && lastTerminator == Self.carriageReturn)
        if endsLine { currentLine += 1 }
        lastTerminator = terminator
        fieldIndex = 0
        rowStartLine = currentLine
        guard fieldCount > 0 else { return }  // a blank line: no row

        if readingHeader {
            finishHeader(line: line)
            return
        }
        if expectedFieldCount == 0 {
            finishFirstRowWithoutHeader(fieldCount: fieldCount, line: line)
            if failure != nil { return }
        }
        rowsRead += 1
        if fieldCount != expectedFieldCount {
            batch.truncateBytes(to: rowStartByte)
            if skipBadRows {
                rowsSkipped += 1
                if firstSkippedLines.count < 5 { firstSkippedLines.append(line) }
            } else {
                fail(.wrongFieldCount(expected: expectedFieldCount, found: fieldCount), line: line)
            }
            return
        }
        for (slot, source) in repeatedSlots { batch.copyField(column: slot, from: source) }
        batch.commitRow(line: line, offset: rowStartOffset)
        rowStartByte = batch.byteCount
    }

    // MARK: After a chunk

    /// Records a failure found outside the callbacks, at `line` (the current line if nil).
    mutating func fail(_ reason: CSVReadError.Reason, line: Int? = nil) {
        guard !hasFailed else { return }
        failure = CSVReadError(file: file, line: line, reason: reason)
        hasFailed = true
    }

    /// Starts a new batch once the caller has consumed the current one, carrying over the bytes
    /// of a row that the chunk ended in the middle of.
    mutating func clearBatch() {
        batch.removeAll(keepingBytesFrom: rowStartByte)
        rowStartByte = 0
    }

    /// How many lines the bytes span beyond their first: LF, CR LF and a lone CR each end one.
    static func lineBreaks(in bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var afterCarriageReturn = false
        for byte in bytes {
            if byte == 0x0A {
                if !afterCarriageReturn { count += 1 }
                afterCarriageReturn = false
            } else {
                afterCarriageReturn = byte == 0x0D
                if afterCarriageReturn { count += 1 }
            }
        }
        return count
    }

    // MARK: Private

    private mutating func finishHeader(line: Int) {
        let names = headerCells.map { String(decoding: $0, as: UTF8.self) }
        headerCells = []
        adoptHeader(names, line: line)
    }

    /// Finds the requested columns among `names`, the header's (at `line`) or the given one's.
    private mutating func adoptHeader(_ names: [String], line: Int?) {
        header = names
        readingHeader = false
        expectedFieldCount = names.count
        var indices: [Int] = []
        for (column, selector) in requested.enumerated() {
            switch selector.resolve(inHeader: names, column: column) {
            case .success(let index): indices.append(index)
            case .failure(let reason):
                fail(reason, line: line)
                return
            }
        }
        guard let sets = resolveSets(header: names, fieldCount: names.count, line: line) else { return }
        assignSlots(indices, sets: sets, fieldCount: names.count)
        columnsFound = true
    }

    /// The indices of every requested set of columns, or nil after failing at `line`.
    private mutating func resolveSets(header: [String]?, fieldCount: Int, line: Int?) -> [[Int]]? {
        var sets: [[Int]] = []
        for (set, selector) in requestedSets.enumerated() {
            switch selector.resolve(inHeader: header, fieldCount: fieldCount, set: set) {
            case .success(let indices): sets.append(indices)
            case .failure(let reason):
                fail(reason, line: line)
                return nil
            }
        }
        return sets
    }

    private mutating func finishFirstRowWithoutHeader(fieldCount: Int, line: Int) {
        var indices: [Int] = []
        for (column, selector) in requested.enumerated() {
            switch selector.resolve(withoutHeaderFieldCount: fieldCount, column: column) {
            case .success(let index): indices.append(index)
            case .failure(let reason):
                fail(reason, line: line)
                return
            }
        }
        guard let sets = resolveSets(header: nil, fieldCount: fieldCount, line: line) else { return }
        expectedFieldCount = fieldCount
        columnIndices = indices
        columnSets = sets
        columnsFound = true
    }

    /// Stops the read at a header (or first row) wider than `maximumColumns`.
    private mutating func failTooManyColumns() {
        fail(.tooManyColumns(limit: maximumColumns, inHeader: hasHeader), line: rowStartLine)
    }

    /// Maps each field index to the slot (request) it fills: the requested columns, then each
    /// set's. Where two requests name one column, the field is stored once, for the first; the
    /// later slots copy its span at the row's end.
    private mutating func assignSlots(_ singles: [Int], sets: [[Int]], fieldCount: Int) {
        columnIndices = singles
        columnSets = sets
        let indices = singles + sets.joined()
        if batch.columnCount != indices.count { batch = RowBatch(columnCount: indices.count) }
        slotOfField.deallocate()
        slotOfField = .allocate(capacity: fieldCount)
        slotOfField.initialize(repeating: -1)
        repeatedSlots = []
        for (slot, index) in indices.enumerated() where index < fieldCount {
            if slotOfField[index] < 0 {
                slotOfField[index] = slot
            } else {
                repeatedSlots.append((slot, slotOfField[index]))
            }
        }
    }
}

/// Where the requested columns are in a file's rows: what a reader starting past the header needs.
public struct RowLayout: Codable, Sendable, Equatable {
    /// The header's cells, or nil for a file read without one.
    public var header: [String]?
    /// The 0-based index of each requested column.
    public var columnIndices: [Int]
    /// The 0-based indices of each requested set of columns (a batch holds them after the columns).
    public var columnSets: [[Int]]
    /// The fields every row must have.
    public var fieldCount: Int
    /// The delimiter the read uses: the one given, or the one sniffed from the first lines.
    public var delimiter: UInt8
}

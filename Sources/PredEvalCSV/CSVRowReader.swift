internal import CLibCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a delimited file (or standard input) in one streaming pass through libcsv and hands the
/// requested columns of each row to the caller as bytes, a batch per chunk of input.
///
/// Parsing is strict: a quote inside an unquoted field, text after a closing quote (unless
/// `lenientQuotes`), a quoted field never closed, or a row with the wrong number of fields (unless
/// `skipBadRows`) stops the read with a `CSVReadError` naming the line. Fields are kept byte for
/// byte: no trimming, no decoding.
///
/// A reader can also start at a row boundary inside a file and stop at another (a segment of a
/// `CSVReadPlan`), so that parts of one file are read on several cores.
public struct CSVRowReader: ~Copyable {
    /// The most bytes one field may hold (1 GiB). Past it the read stops with an error instead of
    /// growing until the system kills the process: an unclosed quote early in a large file makes
    /// the rest of the file one field.
    public static let maximumFieldBytes = 1 << 30

    /// A block in memory is parsed this many bytes at a time: a batch of rows that stays small
    /// (a reader per block would otherwise grow, and fault in, a batch for each block anew).
    private static let lentChunkBytes = 1 << 16

    /// Input is scanned for blanks in blocks of this many bytes (see `parse(_:)`).
    private static let blankScanBlock = 1 << 12

    private let source: ByteSource
    private let configuration: CSVReaderConfiguration
    private let parser: UnsafeMutablePointer<csv_parser>
    private let state: UnsafeMutablePointer<ParseState>
    private let buffer: UnsafeMutableRawBufferPointer
    /// The byte offset the read starts at (0: the file's start, where a byte-order mark may be).
    private let startOffset: Int

    /// Opens `path` (`-` for standard input) for reading with `configuration`.
    ///
    /// - Parameters:
    ///   - path: the file, or `-`.
    ///   - configuration: what to read and how.
    /// - Throws: `CSVReadError` when the file cannot be opened or is a directory.
    public init(path: String, configuration: CSVReaderConfiguration) throws(CSVReadError) {
        try self.init(source: ByteSource(path: path), configuration: configuration, startOffset: 0, layout: nil)
    }

    /// A reader of `path` from `startOffset`, a row boundary past the header that `layout` describes.
    init(path: String, configuration: CSVReaderConfiguration, startOffset: Int, layout: RowLayout?) throws(CSVReadError) {
        let source = try ByteSource(path: path)
        if startOffset > 0 { try source.seek(to: startOffset) }
        try self.init(source: source, configuration: configuration, startOffset: startOffset, layout: layout)
    }

    /// A reader of `source` from `startOffset` (the offset of its first byte in the input), a row
    /// boundary past the header that `layout` describes unless it is 0.
    init(
        source: consuming ByteSource, configuration: CSVReaderConfiguration, startOffset: Int, layout: RowLayout?
    ) throws(CSVReadError) {
        let file = source.displayName
        self.source = source
        self.configuration = configuration
        self.startOffset = startOffset
        let dialect = configuration.dialect
        parser = .allocate(capacity: 1)
        // csv_init fails only for a null parser; it allocates nothing until the first csv_parse.
        // Strict always: lenient quotes are read by stepping over each stray quote (see
        // `parseStretch`), never by libcsv's own lenient mode, which runs a field with text after
        // its closing quote on to the next quote, across rows.
        _ = csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
        csv_set_delim(parser, dialect.delimiter)
        csv_set_quote(parser, dialect.quote)
        csv_set_blk_size(parser, 1 << 12)
        csv_set_realloc_func(parser, boundedReallocate)
        state = .allocate(capacity: 1)
        state.initialize(to: ParseState(file: file, configuration: configuration, layout: layout))
        // A block in memory lends its bytes: no buffer to read into.
        buffer = .allocate(byteCount: self.source.lendsBytes ? 16 : configuration.chunkSize, alignment: 16)
        use(delimiter: dialect.delimiter)
        if startOffset == 0 {
            // The input's start is looked at before the first read.
            let sample = UnsafeMutableRawBufferPointer.allocate(byteCount: FileStart.sampleLimit, alignment: 16)
            defer { sample.deallocate() }
            let count = try self.source.start(into: sample)
            try inspectStart(UnsafeRawBufferPointer(rebasing: sample[..<count]))
        }
    }

    /// Reads with `delimiter`: libcsv's, and the blanks it trims (space and tab, but not the
    /// delimiter).
    private func use(delimiter: UInt8) {
        csv_set_delim(parser, delimiter)
        state.pointee.delimiter = delimiter
        state.pointee.blanks = [0x20, 0x09].filter { $0 != delimiter }
    }

    /// Looks at the input's first bytes: refuses a format that is no delimited text, and picks
    /// the delimiter when the dialect sniffs it.
    private func inspectStart(_ sample: UnsafeRawBufferPointer) throws(CSVReadError) {
        if let format = FileStart.refusedFormat(sample) { throw CSVReadError(file: source.displayName, reason: .notText(format)) }
        guard configuration.dialect.sniffsDelimiter else { return }
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = sample.starts(with: mark) ? UnsafeRawBufferPointer(rebasing: sample[3...]) : sample
        use(delimiter: FileStart.sniffedDelimiter(UnsafeRawBufferPointer(rebasing: text.prefix(FileStart.sampleLimit))))
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        buffer.deallocate()
    }

    /// Reads the whole input, calling `body` with each batch of rows as it completes.
    ///
    /// Throws `CSVReadError` for unreadable or malformed input, and whatever `body` throws.
    ///
    /// - Parameter body: called with each batch, lent for the call only.
    /// - Returns: the header, the column positions and the row counts.
    /// - Throws: `CSVReadError`, or what `body` throws.
    public consuming func read(_ body: (borrowing RowBatch) throws -> Void) throws -> CSVReadSummary {
        try readToEnd(body)
        return try summary()
    }

    /// What a completed read found; throws when the file held no header or no data rows.
    private func summary() throws(CSVReadError) -> CSVReadSummary {
        guard state.pointee.sawFirstRow else { throw CSVReadError(file: source.displayName, reason: .empty) }
        guard state.pointee.rowsRead > 0 else { throw CSVReadError(file: source.displayName, reason: .noDataRows) }
        return CSVReadSummary(
            header: state.pointee.header, columnIndices: state.pointee.columnIndices,
            columnSets: state.pointee.columnSets, rowsRead: state.pointee.rowsRead,
            rowsSkipped: state.pointee.rowsSkipped, firstSkippedLines: state.pointee.firstSkippedLines)
    }

    /// Reads the whole input as `read(_:)` does, first telling `onLayout` where the columns are
    /// (once, before the first batch: the header, or the first row, is then known).
    ///
    /// - Parameters:
    ///   - onLayout: called once with the layout, before `body` sees a batch.
    ///   - body: called with each batch, lent for the call only.
    /// - Returns: the header, the column positions and the row counts.
    /// - Throws: `CSVReadError`, or what `onLayout` or `body` throws.
    public consuming func read(
        onLayout: (RowLayout) throws -> Void, _ body: (borrowing RowBatch) throws -> Void
    ) throws -> CSVReadSummary {
        try readToEnd(body, onLayout: onLayout)
        return try summary()
    }

    /// Reads up to the byte offset `end` and stops there if a row ends there; otherwise (a quoted
    /// field spans the offset) reads on to the end of the input, as one sequential read would.
    consuming func readSegment(endingAt end: Int?, _ body: (borrowing RowBatch) throws -> Void) -> SegmentOutcome {
        do {
            var announced = true  // a segment's caller has the layout already
            if let end {
                // Positions count the bytes read from the file, a byte-order mark among them.
                while startOffset + state.pointee.bytesRead < end {
                    guard let chunk = try fill(upTo: end - startOffset - state.pointee.bytesRead) else { break }
                    try parseAndDeliver(chunk, to: body, onLayout: { _ in }, announced: &announced)
                }
                let position = startOffset + state.pointee.bytesRead
                if position == end && predeval_csv_at_row_start(parser) != 0 {
                    try source.checkUnchanged()
                    return outcome(ranToEnd: false)
                }
            }
            try readToEnd(body)
            return outcome(ranToEnd: true)
        } catch {
            return outcome(ranToEnd: true, failure: error)
        }
    }

    /// Reads until the header (or, without one, the first row) is complete, and returns where the
    /// columns are; nil if the input fails or `limit` bytes hold no complete header.
    consuming func readLayout(limit: Int) -> RowLayout? {
        while state.pointee.bytesRead < limit && !state.pointee.sawFirstRow {
            guard let chunk = try? fill(upTo: limit - state.pointee.bytesRead) else { return nil }
            guard (try? parse(chunk)) != nil else { return nil }
            state.pointee.clearBatch()
        }
        return state.pointee.layout
    }

    // MARK: Private

    /// Parses everything left of the input, then lets libcsv finish the last row; tells
    /// `onLayout` where the columns are as soon as the header (or the first row) is read.
    private func readToEnd(
        _ body: (borrowing RowBatch) throws -> Void, onLayout: (RowLayout) throws -> Void = { _ in }
    ) throws {
        var announced = false
        while let chunk = try fill(upTo: configuration.chunkSize) {
            try parseAndDeliver(chunk, to: body, onLayout: onLayout, announced: &announced)
        }
        try source.checkUnchanged()
        if csv_fini(parser, fieldCallback, rowCallback, state) != 0 {
            state.pointee.fail(.unterminatedQuote, line: state.pointee.currentLine)
        }
        try announceLayout(onLayout, announced: &announced)
        try deliverBatch(to: body)
        try throwIfFailed()
    }

    /// Parses `chunk` and hands over the rows it completes (after
    /// the layout, once it is known, to `onLayout`, unless `announced`). When the bytes
    /// hold a bad row, what comes before it is handed over first: whatever the chunk size, the
    /// caller sees the layout and every row above the bad one, so the first error in the file
    /// (the reader's or the caller's) is the one reported.
    private func parseAndDeliver(
        _ chunk: UnsafeRawBufferPointer, to body: (borrowing RowBatch) throws -> Void, onLayout: (RowLayout) throws -> Void,
        announced: inout Bool
    ) throws {
        do {
            try parse(chunk)
        } catch {
            try announceLayout(onLayout, announced: &announced)
            try deliverBatch(to: body)
            throw error
        }
        try announceLayout(onLayout, announced: &announced)
        try deliverBatch(to: body)
    }

    /// Calls `onLayout` with the layout once it is known, unless `announced`, which it then sets.
    private func announceLayout(_ onLayout: (RowLayout) throws -> Void, announced: inout Bool) throws {
        guard !announced, let layout = state.pointee.layout else { return }
        announced = true
        try onLayout(layout)
    }

    /// The next at most `limit` bytes of the input — read into the buffer, or lent by a block in
    /// memory — without a UTF-8 byte-order mark at the file's start (so possibly empty); nil at
    /// the end of input. Input that cannot be decoded is an error on the line being read.
    private func fill(upTo limit: Int) throws(CSVReadError) -> UnsafeRawBufferPointer? {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        if let lent = source.lentBytes(upTo: min(limit, Self.lentChunkBytes)) {
            if lent.isEmpty { return nil }
            state.pointee.bytesRead += lent.count
            guard startOffset == 0 && !state.pointee.startedReading else { return lent }
            state.pointee.startedReading = true
            return lent.starts(with: mark) ? UnsafeRawBufferPointer(rebasing: lent[3...]) : lent
        }
        let window = UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(limit, buffer.count)])
        var filled: Int
        do {
            filled = try source.read(into: window)
        } catch {
            switch error.reason {
            case .undecodable, .truncated: throw CSVReadError(file: error.file, line: state.pointee.currentLine, reason: error.reason)
            default: throw error
            }
        }
        if filled == 0 { return nil }
        defer { state.pointee.bytesRead += filled }
        guard startOffset == 0 && !state.pointee.startedReading else { return UnsafeRawBufferPointer(rebasing: window[..<filled]) }
        state.pointee.startedReading = true
        while filled > 0 && filled < min(3, window.count) {
            let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: window[filled...]))
            if more == 0 { break }
            filled += more
        }
        let read = UnsafeRawBufferPointer(rebasing: window[..<filled])
        return read.starts(with: mark) ? UnsafeRawBufferPointer(rebasing: read[3...]) : read
    }

    /// Parses one chunk. libcsv asks a space function about almost every byte when it is given
    /// one, and without one it trims spaces and tabs around unquoted fields. So blocks of the
    /// chunk holding no blank byte are parsed without a space function (nothing there to trim),
    /// and only blocks holding one go through `noSpaces`: the same fields, at a fraction of the cost.
    private func parse(_ chunk: UnsafeRawBufferPointer) throws(CSVReadError) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        // Only a quoted field can hold a line break (or, with lenient quotes, one that opened with
        // a quote and went on unquoted, its line breaks already in libcsv's buffer).
        state.pointee.fieldsMayHoldLineBreaks =
            predeval_csv_in_quoted_field(parser) != 0 || partialFieldHoldsLineBreak
            || memchr(base, Int32(configuration.dialect.quote), chunk.count) != nil
        let block = Self.blankScanBlock
        var stretchStart = 0
        var stretchHasBlanks = hasBlank(chunk, from: 0)
        var blockStart = block
        while blockStart < chunk.count {
            let blockHasBlanks = hasBlank(chunk, from: blockStart)
            if blockHasBlanks != stretchHasBlanks {
                try parseStretch(chunk, stretchStart..<blockStart, keepingBlanks: stretchHasBlanks)
                stretchStart = blockStart
                stretchHasBlanks = blockHasBlanks
            }
            blockStart += block
        }
        try parseStretch(chunk, stretchStart..<chunk.count, keepingBlanks: stretchHasBlanks)
    }

    /// Whether the field libcsv is in the middle of holds a line break so far.
    private var partialFieldHoldsLineBreak: Bool {
        let length = predeval_csv_partial_field_length(parser)
        guard length > 0, let start = predeval_csv_partial_field(parser) else { return false }
        return memchr(start, 0x0A, length) != nil || memchr(start, 0x0D, length) != nil
    }

    /// Whether the block of the chunk at `offset` holds a byte libcsv would take for a blank.
    private func hasBlank(_ chunk: UnsafeRawBufferPointer, from offset: Int) -> Bool {
        let count = min(Self.blankScanBlock, chunk.count - offset)
        let start = chunk.baseAddress! + offset
        return state.pointee.blanks.contains { memchr(start, Int32($0), count) != nil }
    }

    private func parseStretch(
        _ chunk: UnsafeRawBufferPointer, _ range: Range<Int>, keepingBlanks: Bool
    ) throws(CSVReadError) {
        csv_set_space_func(parser, keepingBlanks || state.pointee.blanks.contains(configuration.dialect.quote) ? noSpaces : nil)
        guard configuration.tracksRowOffsets else { return try parseSegment(UnsafeRawBufferPointer(rebasing: chunk[range])) }
        // Line by line, so that where a row starts is known: at the start of a line, when the
        // parser stands at the start of a row there (a row that goes on from an earlier line, in
        // a quoted field, keeps its start).
        let chunkOffset = startOffset + state.pointee.bytesRead - chunk.count
        var start = range.lowerBound
        while start < range.upperBound {
            let rest = UnsafeRawBufferPointer(rebasing: chunk[start..<range.upperBound])
            let lineFeed = memchr(rest.baseAddress!, 0x0A, rest.count).map { $0 - UnsafeMutableRawPointer(mutating: rest.baseAddress!) }
            let carriageReturn = memchr(rest.baseAddress!, 0x0D, min(rest.count, lineFeed ?? rest.count))
                .map { $0 - UnsafeMutableRawPointer(mutating: rest.baseAddress!) }
            let end = start + min(min(lineFeed ?? rest.count, carriageReturn ?? rest.count) + 1, rest.count)
            if state.pointee.atLineStart && predeval_csv_at_row_start(parser) != 0 {
                state.pointee.rowStartOffset = chunkOffset + start
            }
            let last = chunk[end - 1]
            state.pointee.atLineStart = last == 0x0A || last == 0x0D
            try parseSegment(UnsafeRawBufferPointer(rebasing: chunk[start..<end]))
            start = end
        }
    }

    /// Parses bytes the space function is already set for.
    private func parseSegment(_ bytes: UnsafeRawBufferPointer) throws(CSVReadError) {
        var stretch = bytes
        var parsed = csv_parse(parser, stretch.baseAddress, stretch.count, fieldCallback, rowCallback, state)
        while parsed != stretch.count && configuration.lenientQuotes && Int32(csv_error(parser)) == CSV_EPARSE {
            let skipped = predeval_csv_take_stray_quote(parser)
            guard skipped >= 0 else { break }
            stretch = UnsafeRawBufferPointer(rebasing: stretch[(parsed + Int(skipped))...])
            parsed = csv_parse(parser, stretch.baseAddress, stretch.count, fieldCallback, rowCallback, state)
        }
        if parsed != stretch.count {
            switch Int32(csv_error(parser)) {
            case CSV_EPARSE:
                // The bad quote is in the field being read: past the line breaks it holds so far.
                let partial = UnsafeRawBufferPointer(
                    start: predeval_csv_partial_field(parser), count: predeval_csv_partial_field_length(parser))
                state.pointee.fail(.misplacedQuote, line: state.pointee.currentLine + ParseState.lineBreaks(in: partial))
            default:
                // libcsv could not grow its field buffer: past the field limit, or out of memory.
                state.pointee.fail(.fieldTooLarge(limit: Self.maximumFieldBytes), line: state.pointee.currentLine)
            }
        }
        try throwIfFailed()
    }

    private func deliverBatch(to body: (borrowing RowBatch) throws -> Void) rethrows {
        guard state.pointee.batch.rowCount > 0 else { return }
        state.pointee.batch.inputByteCount = state.pointee.bytesRead - state.pointee.bytesReadBeforeBatch
        state.pointee.bytesReadBeforeBatch = state.pointee.bytesRead
        try body(state.pointee.batch)
        state.pointee.clearBatch()
    }

    private func throwIfFailed() throws(CSVReadError) {
        if let failure = state.pointee.failure { throw failure }
    }

    private func outcome(ranToEnd: Bool, failure: (any Error)? = nil) -> SegmentOutcome {
        SegmentOutcome(
            rowsRead: state.pointee.rowsRead, rowsSkipped: state.pointee.rowsSkipped,
            firstSkippedLines: state.pointee.firstSkippedLines, lineCount: state.pointee.currentLine - 1,
            ranToEnd: ranToEnd, failure: failure ?? state.pointee.failure)
    }
}

/// What reading one segment of a file found; its lines are counted from the segment's start.
struct SegmentOutcome: Sendable {
    var rowsRead: Int
    var rowsSkipped: Int
    var firstSkippedLines: [Int]
    /// The line breaks read: the segment's first line plus this is the next segment's first line.
    var lineCount: Int
    /// Whether the read went on to the end of the input (a quoted field spanned the segment's end).
    var ranToEnd: Bool
    /// A `CSVReadError`, or what the caller's body threw; lines counted from the segment's start.
    var failure: (any Error)?
}

// MARK: libcsv callbacks: plain functions, reaching the state through the context pointer.

private func fieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee
        .receiveField(UnsafeRawBufferPointer(start: field, count: length))
}

private func rowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.endRow(terminator: terminator)
}

private func noSpaces(_ byte: UInt8) -> Int32 { 0 }

/// libcsv's allocator for its field buffer: realloc, refusing to grow past the field limit, and
/// growing by doubling. libcsv asks for 4 KiB more at a time; where realloc copies (an allocator
/// without mremap, AddressSanitizer's), a 100 MB field would cost terabytes of copying.
private func boundedReallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    guard size <= CSVRowReader.maximumFieldBytes else { return nil }
    let capacity = pointer.map { malloc_usable_size($0) } ?? 0
    if let pointer, capacity >= size { return pointer }
    let doubled = min(max(size, 2 * capacity), CSVRowReader.maximumFieldBytes)
    return realloc(pointer, doubled) ?? realloc(pointer, size)
}

internal import CLibCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a reader needs to know about a file.
public struct CSVReaderConfiguration: Sendable {
    /// Delimiter and quote.
    public var dialect: CSVDialect
    /// Whether the first row names the columns.
    public var hasHeader: Bool
    /// The columns to hand over, in this order.
    public var columns: [RequestedColumn]
    /// Skip and count rows with the wrong number of fields instead of failing.
    public var skipBadRows: Bool
    /// Read a quote inside an unquoted field (`5" screen`), or after a closing quote, as an
    /// ordinary character instead of failing. A quoted field never closed is an error still.
    public var lenientQuotes: Bool
    /// How many bytes one read(2) asks for.
    public var chunkSize: Int

    /// A configuration; see each property.
    public init(
        dialect: CSVDialect = CSVDialect(), hasHeader: Bool = true, columns: [RequestedColumn],
        skipBadRows: Bool = false, lenientQuotes: Bool = false, chunkSize: Int = 1 << 20
    ) {
        self.dialect = dialect
        self.hasHeader = hasHeader
        self.columns = columns
        self.skipBadRows = skipBadRows
        self.lenientQuotes = lenientQuotes
        self.chunkSize = max(chunkSize, 4)
    }
}

/// What a completed read found, besides the rows it handed over.
public struct CSVReadSummary: Sendable, Equatable {
    /// The header's cells, or nil for a file read without one.
    public var header: [String]?
    /// The 0-based index of each requested column.
    public var columnIndices: [Int]
    /// Data rows read (the header and blank lines are not rows), skipped ones included.
    public var rowsRead: Int
    /// Rows skipped for having the wrong number of fields.
    public var rowsSkipped: Int
    /// The lines of the first (at most five) skipped rows.
    public var firstSkippedLines: [Int]
    /// Rows handed to the caller: `rowsRead - rowsSkipped`.
    public var rowsDelivered: Int { rowsRead - rowsSkipped }
}

/// Reads a delimited file (or standard input) in one streaming pass through libcsv and hands the
/// requested columns of each row to the caller as bytes, a batch per chunk of input.
///
/// Parsing is strict: a quote inside an unquoted field, text after a closing quote (unless
/// `lenientQuotes`), a quoted field never closed, or a row with the wrong number of fields (unless
/// `skipBadRows`) stops the read with a `CSVReadError` naming the line. Fields are kept byte for byte: no trimming, no decoding.
public struct CSVRowReader: ~Copyable {
    /// The most bytes one field may hold (1 GiB). Past it the read stops with an error instead of
    /// growing until the system kills the process: an unclosed quote early in a large file makes
    /// the rest of the file one field.
    public static let maximumFieldBytes = 1 << 30

    private let source: ByteSource
    private let configuration: CSVReaderConfiguration
    private let parser: UnsafeMutablePointer<csv_parser>
    private let state: UnsafeMutablePointer<ParseState>
    private let buffer: UnsafeMutableRawBufferPointer

    /// Opens `path` (`-` for standard input) for reading with `configuration`.
    public init(path: String, configuration: CSVReaderConfiguration) throws(CSVReadError) {
        source = try ByteSource(path: path)
        self.configuration = configuration
        parser = .allocate(capacity: 1)
        // csv_init fails only for a null parser; it allocates nothing until the first csv_parse.
        let strictness = configuration.lenientQuotes ? 0 : CSV_STRICT
        _ = csv_init(parser, UInt8(strictness | CSV_STRICT_FINI | CSV_REPALL_NL))
        csv_set_delim(parser, configuration.dialect.delimiter)
        csv_set_quote(parser, configuration.dialect.quote)
        csv_set_space_func(parser, noSpaces)  // keep every byte: libcsv would trim spaces and tabs
        csv_set_blk_size(parser, 1 << 12)
        csv_set_realloc_func(parser, boundedReallocate)
        state = .allocate(capacity: 1)
        state.initialize(to: ParseState(file: path, configuration: configuration))
        buffer = .allocate(byteCount: configuration.chunkSize, alignment: 16)
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
    public consuming func read(_ body: (RowBatch) throws -> Void) throws -> CSVReadSummary {
        var isFirstChunk = true
        while true {
            var count = try source.read(into: buffer)
            if isFirstChunk {
                isFirstChunk = false
                count = try skipByteOrderMark(count: count)
            }
            guard count > 0 else { break }
            try parse(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            try deliverBatch(to: body)
        }
        if csv_fini(parser, fieldCallback, rowCallback, state) != 0 {
            state.pointee.fail(.unterminatedQuote, line: state.pointee.currentLine)
        }
        try throwIfFailed()
        try deliverBatch(to: body)
        return try summary()
    }

    // MARK: Private

    /// Reads until the first three bytes are in, then drops a UTF-8 byte-order mark; returns the
    /// number of bytes now at the start of the buffer.
    private func skipByteOrderMark(count: Int) throws(CSVReadError) -> Int {
        var filled = count
        while filled > 0 && filled < 3 {
            let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            if more == 0 { break }
            filled += more
        }
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard filled >= 3, buffer[0] == mark[0], buffer[1] == mark[1], buffer[2] == mark[2] else { return filled }
        buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + 3, byteCount: filled - 3)
        return filled - 3
    }

    private func parse(_ chunk: UnsafeRawBufferPointer) throws(CSVReadError) {
        // Only a quoted field can hold a line break; without a quote in sight, skip counting them.
        let insideQuotedField = parser.pointee.quoted != 0
        state.pointee.fieldsMayHoldLineBreaks =
            insideQuotedField || chunk.contains(configuration.dialect.quote)
        let parsed = csv_parse(parser, chunk.baseAddress, chunk.count, fieldCallback, rowCallback, state)
        if parsed != chunk.count {
            switch Int32(csv_error(parser)) {
            case CSV_EPARSE:
                // The bad quote is in the field being read: past the line breaks it holds so far.
                let partial = UnsafeRawBufferPointer(start: parser.pointee.entry_buf, count: parser.pointee.entry_pos)
                state.pointee.fail(.misplacedQuote, line: state.pointee.currentLine + ParseState.lineBreaks(in: partial))
            default:
                // libcsv could not grow its field buffer: past the field limit, or out of memory.
                state.pointee.fail(.fieldTooLarge(limit: Self.maximumFieldBytes), line: state.pointee.currentLine)
            }
        }
        try throwIfFailed()
    }

    private func deliverBatch(to body: (RowBatch) throws -> Void) throws {
        guard state.pointee.batch.rowCount > 0 else { return }
        try body(state.pointee.batch)
        state.pointee.clearBatch()
    }

    private func throwIfFailed() throws(CSVReadError) {
        if let failure = state.pointee.failure { throw failure }
    }

    private func summary() throws(CSVReadError) -> CSVReadSummary {
        let final = state.pointee
        guard final.sawFirstRow else { throw CSVReadError(file: source.displayName, reason: .empty) }
        guard final.rowsRead > 0 else { throw CSVReadError(file: source.displayName, reason: .noDataRows) }
        return CSVReadSummary(
            header: final.header, columnIndices: final.columnIndices, rowsRead: final.rowsRead,
            rowsSkipped: final.rowsSkipped, firstSkippedLines: final.firstSkippedLines)
    }
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

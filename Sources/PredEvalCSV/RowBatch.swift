/// The selected fields of consecutive data rows, copied out of the parser into reused memory.
///
/// A batch holds the rows that one chunk of input completed. Fields are raw bytes, exactly as in
/// the file after unquoting; columns are numbered in the order they were requested. A batch owns
/// its memory and cannot be copied: it is lent (`borrowing`) to the body of `CSVRowReader.read`
/// for one call, and its memory is reused after the call returns, so nothing of it may be kept.
public struct RowBatch: ~Copyable {
    /// How many columns each row carries.
    public let columnCount: Int
    /// How many rows the batch holds.
    public private(set) var rowCount = 0
    /// How many bytes of input were read since the previous batch was delivered (for progress).
    public internal(set) var inputByteCount = 0

    /// The concatenated bytes of every selected field; `byteCapacity` bytes are allocated.
    private var bytes: UnsafeMutableRawPointer
    private var byteCapacity: Int
    /// The offset at which the next field's bytes will start.
    private(set) var byteCount = 0
    /// For each row, `columnCount` pairs of (start, end) offsets into `bytes`; room for
    /// `rowCapacity` rows, the row being filled (at `rowCount`) among them.
    private var spans: UnsafeMutablePointer<Int>
    /// The 1-based line on which each row starts.
    private var lines: UnsafeMutablePointer<Int>
    /// The byte offset of each row's first byte in the input (when the read tracks them).
    private var offsets: UnsafeMutablePointer<Int>
    private var rowCapacity: Int

    init(columnCount: Int) {
        self.columnCount = columnCount
        // Small to start, doubling as rows come: a reader made for a short file (or for each
        // input of the fuzz harness) costs a few kilobytes, not the quarter megabyte a
        // 4,096-row table of three columns took, zeroed page by page.
        byteCapacity = 1 << 12
        bytes = .allocate(byteCount: byteCapacity, alignment: 16)
        rowCapacity = 1 << 8
        // Zeroed: the row in progress's spans for fields not read yet are moved with it when a
        // batch is cleared, and must hold numbers (allocated memory holds anything, and a
        // subtraction from it may overflow).
        spans = .allocate(capacity: rowCapacity * Swift.max(2 * columnCount, 1))
        spans.initialize(repeating: 0, count: rowCapacity * Swift.max(2 * columnCount, 1))
        lines = .allocate(capacity: rowCapacity)
        offsets = .allocate(capacity: rowCapacity)
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
        lines.deallocate()
        offsets.deallocate()
    }

    /// The byte offset of row `row`'s first byte in the input, a byte-order mark and the header
    /// counted (read with `CSVReaderConfiguration.tracksRowOffsets`; else 0).
    ///
    /// - Parameter row: a row of the batch (0-based).
    /// - Returns: its offset.
    public func offset(ofRow row: Int) -> Int {
        precondition(row >= 0 && row < rowCount, "row out of range")
        return offsets[row]
    }

    /// The 1-based line on which row `row` starts.
    ///
    /// - Parameter row: a row of the batch (0-based).
    /// - Returns: its line.
    public func line(ofRow row: Int) -> Int {
        precondition(row >= 0 && row < rowCount, "row out of range")
        return lines[row]
    }

    /// Calls `body` with a view of the batch's fields that is valid only inside it.
    ///
    /// - Parameter body: reads the fields; it must not keep the view.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    public func withUnsafeFields<Result>(_ body: (UnsafeFields) throws -> Result) rethrows -> Result {
        try body(
            UnsafeFields(
                bytes: UnsafeRawBufferPointer(start: bytes, count: byteCount),
                spans: UnsafeBufferPointer(start: spans, count: 2 * columnCount * rowCount), columnCount: columnCount))
    }

    /// A borrowed view of a batch's fields.
    ///
    /// Inlinable, so that the engine's row loops (another module) read a field without a call.
    public struct UnsafeFields {
        @usableFromInline let bytes: UnsafeRawBufferPointer
        @usableFromInline let spans: UnsafeBufferPointer<Int>
        @usableFromInline let columnCount: Int

        @usableFromInline
        init(bytes: UnsafeRawBufferPointer, spans: UnsafeBufferPointer<Int>, columnCount: Int) {
            self.bytes = bytes
            self.spans = spans
            self.columnCount = columnCount
        }

        /// How many rows the view holds.
        @inlinable
        public var rowCount: Int { columnCount == 0 ? 0 : spans.count / (2 * columnCount) }

        /// The bytes of column `column` (0-based, in request order) of row `row`.
        ///
        /// - Parameters:
        ///   - row: a row of the batch (0-based).
        ///   - column: a requested column (0-based, in request order).
        @inlinable @inline(__always)
        public subscript(row: Int, column: Int) -> UnsafeRawBufferPointer {
            let index = 2 * (row * columnCount + column)
            return UnsafeRawBufferPointer(rebasing: bytes[spans[index]..<spans[index + 1]])
        }
    }

    // MARK: Filling, by the parser

    /// Appends the bytes of the row in progress's field for column `column`.
    mutating func appendField(_ field: UnsafeRawBufferPointer, column: Int) {
        let count = field.count
        if byteCount + count > byteCapacity { growBytes(toHold: byteCount + count) }
        if count > 0 { (bytes + byteCount).copyMemory(from: field.baseAddress!, byteCount: count) }
        recordSpan(column: column, count: count)
    }

    /// Appends the field as `appendField` does when it is at most 16 bytes long and fits the
    /// memory there is, with two loads and two stores (they may overlap) instead of a call to
    /// memcpy, which cost more than a label's copy; false, having done nothing, otherwise.
    @inline(__always)
    mutating func appendsShortField(_ field: UnsafeRawBufferPointer, column: Int) -> Bool {
        let count = field.count
        guard count <= 16 && byteCount &+ count <= byteCapacity else { return false }
        if let source = field.baseAddress, count > 0 {
            let target = bytes + byteCount
            if count >= 8 {
                let (head, tail) = (source.loadUnaligned(as: UInt64.self), source.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
                target.storeBytes(of: head, as: UInt64.self)
                target.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
            } else if count >= 4 {
                let (head, tail) = (source.loadUnaligned(as: UInt32.self), source.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
                target.storeBytes(of: head, as: UInt32.self)
                target.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
            } else {
                for index in 0..<count { target.storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index, as: UInt8.self) }
            }
        }
        recordSpan(column: column, count: count)
        return true
    }

    /// Gives column `column` of the row in progress the `count` bytes just appended.
    @inline(__always)
    private mutating func recordSpan(column: Int, count: Int) {
        // No overflow to check: the span lies inside the table, and the bytes inside their memory.
        let span = spans + 2 &* (rowCount &* columnCount &+ column)
        span[0] = byteCount
        byteCount &+= count
        span[1] = byteCount
    }

    /// Gives column `column` of the row in progress the same bytes as column `source`.
    mutating func copyField(column: Int, from source: Int) {
        let row = spans + 2 * rowCount * columnCount
        row[2 * column] = row[2 * source]
        row[2 * column + 1] = row[2 * source + 1]
    }

    /// Drops field bytes appended after `byteCount` (a row that turned out to be bad).
    mutating func truncateBytes(to byteCount: Int) {
        self.byteCount = byteCount
    }

    /// Completes the row in progress as `commitRow` does when the batch has room for the next
    /// row without growing; false, having done nothing, otherwise.
    @inline(__always)
    mutating func commitsRowWithoutGrowing(line: Int, offset: Int) -> Bool {
        guard rowCount &+ 1 < rowCapacity else { return false }
        lines[rowCount] = line
        offsets[rowCount] = offset
        rowCount &+= 1
        return true
    }

    /// Completes the row in progress, which starts on `line` at byte `offset`.
    mutating func commitRow(line: Int, offset: Int) {
        lines[rowCount] = line
        offsets[rowCount] = offset
        rowCount += 1
        if rowCount == rowCapacity { growRows() }
    }

    /// Empties the batch but for the bytes from `byteOffset` on (the fields of the row in
    /// progress), which move to the front along with that row's spans.
    mutating func removeAll(keepingBytesFrom byteOffset: Int) {
        let kept = byteCount - byteOffset
        if kept > 0 { bytes.copyMemory(from: bytes + byteOffset, byteCount: kept) }
        byteCount = kept
        let pending = spans + 2 * rowCount * columnCount
        for index in 0..<(2 * columnCount) { spans[index] = pending[index] - byteOffset }
        rowCount = 0
    }

    // MARK: Private

    @inline(never)
    private mutating func growBytes(toHold needed: Int) {
        var capacity = byteCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: bytes, byteCount: byteCount)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    private mutating func growRows() {
        let capacity = rowCapacity * 2
        let width = Swift.max(2 * columnCount, 1)
        let grownSpans = UnsafeMutablePointer<Int>.allocate(capacity: capacity * width)
        grownSpans.initialize(from: spans, count: rowCapacity * width)
        (grownSpans + rowCapacity * width).initialize(repeating: 0, count: (capacity - rowCapacity) * width)
        spans.deallocate()
        spans = grownSpans
        let grownLines = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        grownLines.update(from: lines, count: rowCapacity)
        lines.deallocate()
        lines = grownLines
        let grownOffsets = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
        grownOffsets.update(from: offsets, count: rowCapacity)
        offsets.deallocate()
        offsets = grownOffsets
        rowCapacity = capacity
    }
}

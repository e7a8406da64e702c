/// The selected fields of consecutive data rows, copied out of the parser into one reused buffer.
///
/// A batch holds the rows that one chunk of input completed. Fields are raw bytes, exactly as in
/// the file after unquoting; columns are numbered in the order they were requested.
public struct RowBatch: Sendable {
    /// How many columns each row carries.
    public let columnCount: Int
    /// The concatenated bytes of every selected field.
    private(set) var bytes: [UInt8] = []
    /// For each row, `columnCount` pairs of (start, end) offsets into `bytes`.
    private(set) var spans: [Int] = []
    /// The 1-based line on which each row starts.
    private(set) var lines: [Int] = []

    init(columnCount: Int) {
        self.columnCount = columnCount
        bytes.reserveCapacity(1 << 16)
    }

    /// How many rows the batch holds.
    public var rowCount: Int { lines.count }

    /// The 1-based line on which row `row` starts.
    public func line(ofRow row: Int) -> Int { lines[row] }

    /// Calls `body` with a view of the batch's fields that is valid only inside it.
    public func withUnsafeFields<Result>(_ body: (UnsafeFields) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes { rawBytes in
            try spans.withUnsafeBufferPointer { spanBuffer in
                try body(UnsafeFields(bytes: rawBytes, spans: spanBuffer, columnCount: columnCount))
            }
        }
    }

    /// A borrowed view of a batch's fields.
    public struct UnsafeFields {
        fileprivate let bytes: UnsafeRawBufferPointer
        fileprivate let spans: UnsafeBufferPointer<Int>
        fileprivate let columnCount: Int

        /// How many rows the view holds.
        public var rowCount: Int { columnCount == 0 ? 0 : spans.count / (2 * columnCount) }

        /// The bytes of column `column` (0-based, in request order) of row `row`.
        @inline(__always)
        public subscript(row: Int, column: Int) -> UnsafeRawBufferPointer {
            let index = 2 * (row * columnCount + column)
            return UnsafeRawBufferPointer(rebasing: bytes[spans[index]..<spans[index + 1]])
        }
    }

    // MARK: Filling, by the parser

    /// The offset at which the next field's bytes will start.
    var byteCount: Int { bytes.count }

    mutating func appendFieldBytes(_ field: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: field)
    }

    /// Drops field bytes appended after `byteCount` (a row that turned out to be bad).
    mutating func truncateBytes(to byteCount: Int) {
        bytes.removeSubrange(byteCount...)
    }

    /// Records one row whose fields were appended, given their (start, end) pairs in column order.
    mutating func appendRow(spans rowSpans: [Int], line: Int) {
        spans.append(contentsOf: rowSpans)
        lines.append(line)
    }

    /// Empties the batch but for the bytes from `byteOffset` on (a row still in progress), which
    /// move to the front.
    mutating func removeAll(keepingBytesFrom byteOffset: Int) {
        bytes.removeSubrange(..<byteOffset)
        spans.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }
}

public import PredEvalCore

/// What a reader needs to know about a file.
public struct CSVReaderConfiguration: Sendable {
    /// Delimiter and quote.
    public var dialect: CSVDialect
    /// Whether the first row names the columns.
    public var hasHeader: Bool
    /// The columns' names of a file whose first row is data (`hasHeader` false): columns are
    /// found as in a header of these names, and every row has as many fields. Nil: none given.
    public var givenHeader: [String]?
    /// The columns to hand over, in this order.
    public var columns: [ColumnSelector]
    /// Sets of columns to hand over after `columns`: a batch holds `columns`, then each set's
    /// columns in order (how many, only the header tells).
    public var columnSets: [ColumnSetSelector]
    /// Skip and count rows with the wrong number of fields instead of failing.
    public var skipBadRows: Bool
    /// Read a quote inside an unquoted field (`5" screen`), or after a closing quote, as an
    /// ordinary character instead of failing. A quoted field never closed is an error still.
    public var lenientQuotes: Bool
    /// How many bytes one read(2) asks for.
    public var chunkSize: Int
    /// The most fields the header (or, without one, the first row) may have: a wider one is
    /// refused, so that a line of a million commas is not held as a million header cells.
    public var maximumColumns: Int
    /// Whether batches know each row's byte offset in the input (`RowBatch.offset(ofRow:)`):
    /// the key of its bootstrap weights when no id column keys them. Off, no byte is looked at
    /// twice.
    public var tracksRowOffsets = false

    /// The default `maximumColumns`.
    public static let defaultMaximumColumns = 100_000

    /// A configuration.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(
        dialect: CSVDialect = CSVDialect(), hasHeader: Bool = true, columns: [ColumnSelector],
        columnSets: [ColumnSetSelector] = [], skipBadRows: Bool = false, lenientQuotes: Bool = false, chunkSize: Int = 1 << 20,
        maximumColumns: Int = defaultMaximumColumns
    ) {
        self.dialect = dialect
        self.hasHeader = hasHeader
        self.columns = columns
        self.columnSets = columnSets
        self.skipBadRows = skipBadRows
        self.lenientQuotes = lenientQuotes
        self.chunkSize = max(chunkSize, 4)
        self.maximumColumns = max(maximumColumns, 1)
    }
}

/// What a completed read found, besides the rows it handed over.
public struct CSVReadSummary: Codable, Sendable, Equatable {
    /// The header's cells, or nil for a file read without one.
    public var header: [String]?
    /// The 0-based index of each requested column.
    public var columnIndices: [Int]
    /// The 0-based indices of each requested set of columns.
    public var columnSets: [[Int]]
    /// Data rows read (the header and blank lines are not rows), skipped ones included.
    public var rowsRead: Int
    /// Rows skipped for having the wrong number of fields.
    public var rowsSkipped: Int
    /// The lines of the first (at most five) skipped rows.
    public var firstSkippedLines: [Int]
    /// A summary with these values (nothing read: the defaults).
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(
        header: [String]? = nil, columnIndices: [Int] = [], columnSets: [[Int]] = [], rowsRead: Int = 0, rowsSkipped: Int = 0,
        firstSkippedLines: [Int] = []
    ) {
        self.header = header
        self.columnIndices = columnIndices
        self.columnSets = columnSets
        self.rowsRead = rowsRead
        self.rowsSkipped = rowsSkipped
        self.firstSkippedLines = firstSkippedLines
    }

    /// Rows handed to the caller: `rowsRead - rowsSkipped`.
    public var rowsDelivered: Int { rowsRead - rowsSkipped }
}

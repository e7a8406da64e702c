public import PredEvalCore

/// Why a delimited file could not be read, with the file and, where one applies, the line.
///
/// Reasons are facts about the file, not sentences: columns are named by their index among the
/// requested columns, and the engine words the message (`EvaluationError` in `PredEval`).
public struct CSVReadError: Error, Sendable, Equatable {
    /// The file as the caller named it (`-` for standard input).
    public var file: String
    /// The 1-based line the problem is on, where one applies.
    public var line: Int?
    /// What is wrong.
    public var reason: Reason

    /// An error in `file`, at `line` if given.
    ///
    /// - Parameters:
    ///   - file: the file as the caller named it.
    ///   - line: the 1-based line, where one applies.
    ///   - reason: what is wrong.
    public init(file: String, line: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// What can be wrong with a file. `column` is an index into `CSVReaderConfiguration.columns`.
    public enum Reason: Error, Sendable, Equatable {
        /// The file could not be opened; the system's reason.
        case cannotOpen(String)
        /// The path names a directory.
        case isDirectory
        /// Reading failed part way; the system's reason.
        case readFailed(String)
        /// Nothing but blank lines (or a byte-order mark) in the file.
        case empty
        /// A header and no data rows after it.
        case noDataRows
        /// A requested column is not in the header.
        case missingColumn(column: Int, selector: ColumnSelector, header: [String])
        /// A requested name stands on more than one header cell.
        case ambiguousColumn(column: Int, name: String, positions: [Int])
        /// A requested position is past the last field.
        case positionOutOfRange(column: Int, position: Int, fieldCount: Int)
        /// A column was named although the file has no header.
        case nameWithoutHeader(column: Int, selector: ColumnSelector)
        /// A requested set of columns (an index into `CSVReaderConfiguration.columnSets`) selects
        /// no column of the header (or, without one, the first row).
        case noColumnsSelected(set: Int, selector: ColumnSetSelector, header: [String]?)
        /// A column of a requested set is missing, named twice, past the last field, or named
        /// without a header: the reason of that column, for the set.
        case columnOfSet(set: Int, reason: SetColumnProblem)
        /// A row has a different number of fields than the header (or the first row).
        case wrongFieldCount(expected: Int, found: Int)
        /// A quoted field is never closed; the line is where it opened.
        case unterminatedQuote
        /// A quote inside an unquoted field, or text after a closing quote.
        case misplacedQuote
        /// The header (or, when `inHeader` is false, the first row) has more than `limit` fields.
        case tooManyColumns(limit: Int, inHeader: Bool)
        /// The regular file changed (size or modification time) while it was read.
        case changedWhileRead
        /// A field larger than `limit` bytes (or than memory allows); the line is where it starts.
        case fieldTooLarge(limit: Int)
        /// The input is not delimited text but a file of this format (by its first bytes).
        case notText(Format)
        /// The compressed or UTF-16 input is corrupt; the decoder's words. The line is the one
        /// being read.
        case undecodable(InputEncoding, String)
        /// The compressed input ends inside a stream or frame: the file is cut short.
        case truncated(InputEncoding)
    }

    /// Formats told by their first bytes, which predeval does not read as CSV.
    public enum Format: String, Error, Sendable, Equatable {
        case parquet, zip, oldExcel, utf32, sqlite, hdf5, numpy, pickle, binary
    }

    /// What is wrong with one column of a requested set.
    public enum SetColumnProblem: Error, Sendable, Equatable {
        /// A listed name is not in the header.
        case missing(name: String, header: [String])
        /// A listed name stands on more than one header cell.
        case ambiguous(name: String, positions: [Int])
        /// A position is past the last field.
        case positionOutOfRange(position: Int, fieldCount: Int)
        /// Names (or a pattern) were given although the file has no header.
        case namesWithoutHeader
    }
}

/// Why a delimited file could not be read, with the file and, where one applies, the line.
public struct CSVReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it (`-` for standard input).
    public var file: String
    /// The 1-based line the problem is on, where one applies.
    public var line: Int?
    /// What is wrong.
    public var reason: Reason

    /// An error in `file`, at `line` if given.
    public init(file: String, line: Int? = nil, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// What can be wrong with a file.
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
        case missingColumn(option: String, wanted: String, header: [String])
        /// A requested name stands on more than one header cell.
        case ambiguousColumn(option: String, name: String, positions: [Int])
        /// A requested position is past the last field.
        case positionOutOfRange(option: String, position: Int, fieldCount: Int)
        /// A column was named although the file has no header.
        case nameWithoutHeader(option: String, selector: ColumnSelector)
        /// A row has a different number of fields than the header (or the first row).
        case wrongFieldCount(expected: Int, found: Int)
        /// A quoted field is never closed; the line is where it opened.
        case unterminatedQuote
        /// A quote inside an unquoted field, or text after a closing quote.
        case misplacedQuote
        /// A field larger than `limit` bytes (or than memory allows); the line is where it starts.
        case fieldTooLarge(limit: Int)
    }

    /// `FILE:LINE: message`, or `FILE: message` where no line applies.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(message)"
    }

    /// The message without the place.
    public var message: String {
        switch reason {
        case .cannotOpen(let why): return "cannot open the file: \(why)"
        case .isDirectory: return "is a directory, not a file"
        case .readFailed(let why): return "reading failed: \(why)"
        case .empty: return "the file is empty: it has no header and no rows"
        case .noDataRows: return "the file has a header but no data rows"
        case .missingColumn(let option, let wanted, let header):
            let shownCount = min(header.count, Self.listedColumnLimit)
            var columns = header.prefix(shownCount).enumerated().map { "\($0.offset + 1):\(Self.shown($0.element))" }
            if header.count > shownCount { columns.append("... (\(header.count - shownCount) more)") }
            return "no column \(wanted) for \(option); the header has \(header.count) column\(header.count == 1 ? "" : "s"): \(columns.joined(separator: ", "))"
        case .ambiguousColumn(let option, let name, let positions):
            let list = positions.map(String.init).joined(separator: " and ")
            return "the header names column '\(Self.shown(name))' more than once (positions \(list)); "
                + "give \(option) a 1-based position instead"
        case .positionOutOfRange(let option, let position, let fieldCount):
            return "\(option) \(position) is out of range: rows have \(fieldCount) fields"
        case .nameWithoutHeader(let option, let selector):
            return "\(option) names \(selector), but with --no-header columns are chosen by 1-based position only"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) fields, found \(found) (use --skip-bad-rows to skip such rows)"
        case .unterminatedQuote: return "a quoted field opens on this line and is never closed"
        case .misplacedQuote:
            return "misplaced quote: a quote inside an unquoted field, or text after a closing quote "
                + "(quote the whole field and double any quote inside it, or use --lenient-quotes)"
        case .fieldTooLarge(let limit):
            return "a field starting on this line is larger than \(limit >> 20) MiB, the most predeval holds "
                + "(or than memory allows); if it should not be, a quote may be left open"
        }
    }

    /// At most this many header cells are listed in a message.
    private static let listedColumnLimit = 20
    /// Header cells longer than this many characters are cut in messages.
    private static let shownCellLength = 40

    /// A header cell as a message line can hold it: control characters escaped (a file must not
    /// drive the terminal or break the line), a long cell cut short with "...".
    private static func shown(_ cell: String) -> String {
        var text = ""
        for (index, scalar) in cell.unicodeScalars.enumerated() {
            if index == shownCellLength { return text + "..." }
            if scalar.properties.generalCategory == .control {
                text += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}

/// Why a file could not be evaluated: the file, the 1-based line where one applies, and the
/// reason as a value. `description` words it with the library's terms; the command line words it
/// with its flags through `description(using:)`.
public struct EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
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

    /// What can be wrong.
    public enum Reason: Sendable, Equatable {
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
        /// The column an option names is not in the header.
        case missingColumn(OptionName, selector: ColumnSelector, header: [String])
        /// The name an option gives stands on more than one header cell.
        case ambiguousColumn(OptionName, name: String, positions: [Int])
        /// The position an option gives is past the last field.
        case positionOutOfRange(OptionName, position: Int, fieldCount: Int)
        /// An option names a column by name although the file has no header.
        case nameWithoutHeader(OptionName, selector: ColumnSelector)
        /// A row has a different number of fields than the header (or the first row).
        case wrongFieldCount(expected: Int, found: Int)
        /// A quoted field is never closed; the line is where it opened.
        case unterminatedQuote
        /// A quote inside an unquoted field, or text after a closing quote.
        case misplacedQuote
        /// A field larger than `limit` bytes (or than memory allows); the line is where it starts.
        case fieldTooLarge(limit: Int)
        /// The regular file changed (size or modification time) while it was read.
        case changedWhileRead
        /// The header (or, when `inHeader` is false, the first row) has more than `limit` fields.
        case tooManyColumns(limit: Int, inHeader: Bool)
        /// An id appears a second time in a truth or prediction file.
        case repeatedID(String, firstLine: Int, in: JoinedFile)
        /// The group column has more distinct values than `limit`.
        case tooManyGroupValues(ColumnSelector, limit: Int)
        /// With `bootstrap`: the group column has more than `limit` values, the most slices that
        /// get intervals.
        case tooManySlicesForIntervals(ColumnSelector, limit: Int)
        /// `count` truth ids have no prediction (the first few listed) and `onMissing` is `error`.
        case missingPredictions(count: Int, ids: [String], truthFile: String)
        /// No prediction's id is in the truth file; `predictions` were read.
        case noMatchingIDs(predictions: Int, truthFile: String)
        /// Every one of `rowsRead` rows was skipped for its number of fields.
        case allRowsSkipped(rowsRead: Int)
        /// An option is set to a value no evaluation can take.
        case invalidOptions(OptionProblem)
        /// The set of columns an option asks for selects none (`header` nil: no header).
        case noColumnsSelected(OptionName, selector: ColumnSetSelector, header: [String]?)
        /// A column of the set an option asks for cannot be found.
        case columnOfSet(OptionName, SetColumnProblem)
        /// The option's columns are fewer than the `needed`.
        case tooFewColumns(OptionName, count: Int, needed: Int)
        /// Two of the option's columns stand for the same class.
        case repeatedClass(OptionName, String)
        /// `scoreLabels` names `given` classes for `columns` score columns.
        case scoreLabelCount(given: Int, columns: Int)
        /// A per-class threshold names a class no score column has.
        case unknownThresholdClass(String, classes: [String])
        /// `topK` is not below the number of score classes.
        case topKTooLarge(k: Int, classes: Int)
        /// More rows than bootstrap counts hold (`ReplicateCounts.rowLimit`).
        case tooManyRowsForBootstrap(limit: Int)
        /// A cell of the option's column `column` (its header cell, or its position) is not a
        /// finite number.
        case notANumber(OptionName, column: String, cell: String)
        /// A cell of the indicator column `column` is none of the accepted spellings.
        case notAnIndicator(OptionName, column: String, cell: String)
        /// A cell of the option's column is not a list.
        case notAList(OptionName, cell: String, ListCellParser.Problem)
        /// With a binary score and no `negative`: the actual labels other than `positive` are not
        /// exactly one.
        case negativeUndetermined(positive: String, others: [String])
        /// The actual label of the row is a missing value and `missingActual` is `error`.
        case missingActual(cell: String)
        /// The prediction of the row is a missing value and `missingPrediction` is `error`.
        case missingPrediction(cell: String)
        /// With `labelType` `number`: a label that is no number.
        case labelNotANumber(String)
        /// Multi-label, `labelType` `auto`: the file's labels hold two spellings of one number
        /// and a label that is no number, so whether the spellings are one label is unsettled.
        case numberSpellingsWithText(first: String, second: String, text: String)
        /// The input is no delimited text but a file of this format.
        case notText(EvaluationError.NonTextFormat)
        /// The gzip, zstd or UTF-16 input is corrupt at the line being read; the decoder's words.
        case undecodable(EvaluationError.Encoding, String)
        /// The gzip or zstd input ends inside a stream: the file is cut short.
        case truncated(EvaluationError.Encoding)
        /// A label map renames a label a second time (first on `firstLine`).
        case labelMappedTwice(String, firstLine: Int)
        /// With `idType` `number`: an id that is no number.
        case idNotANumber(String, in: JoinedFile)
        /// The metric compared is not in the file's report; why.
        case metricUnavailable(String)
        /// `compare` by row order: the file counts `rows` rows, the baseline `baselineRows`.
        case rowCountDiffers(baseline: String, baselineRows: Int, rows: Int)
        /// `compare` by row order or id: the row's actual label (set) is not the baseline's; both
        /// as messages show them (`'a'`, or a set `{'a', 'b'}`).
        case actualDiffers(actual: String, baseline: String, baselineLine: Int, baselineActual: String, areSets: Bool)
        /// `compare` by id: the row's id has no row in the other file.
        case unpairedID(otherFile: String)
        /// `compare` by id: the row's id is the one of an earlier row (its hash, as the bootstrap
        /// keys rows).
        case repeatedRowKey(firstLine: Int)
        /// A state file (`merge`) cannot be read or merged.
        case badState(StateProblem)
        /// A state was asked of an evaluation that cannot give one.
        case stateUnavailable(StateUnavailability)
    }

    /// Why a state file cannot be read or merged.
    public enum StateProblem: Sendable, Equatable {
        /// The file does not begin as a predeval state does.
        case notAState
        /// The state is of a format version this build does not read.
        case unsupportedVersion(Int)
        /// The file ends before the state does: `found` of `expected` bytes.
        case truncated(expected: Int, found: Int)
        /// The body's checksum does not match: the bytes were changed.
        case checksumMismatch
        /// The body does not hold what a state holds; what is wrong, where.
        case corrupt(String)
        /// The state was counted under options (or columns) other than the first state's.
        case mismatched(what: String, firstState: String)
    }

    /// Why an evaluation can give no state.
    public enum StateUnavailability: Sendable, Equatable {
        /// Rows joined to a truth file: each part would need the whole truth file's audit.
        case truthJoin
        /// Rows logged for a comparison.
        case comparison
    }

    /// Formats told by their first bytes that are no delimited text.
    public enum NonTextFormat: String, Sendable, Equatable {
        case parquet, zip, oldExcel, utf32, sqlite, hdf5, numpy, pickle, binary
    }

    /// The encodings read without options: gzip, zstd, UTF-16 with a byte-order mark.
    public enum Encoding: String, Sendable, Equatable {
        case gzip, zstd, utf16
    }

    /// What is wrong with one column of a set of columns (`scores`, indicator columns).
    public enum SetColumnProblem: Sendable, Equatable {
        /// A listed name is not in the header.
        case missing(name: String, header: [String])
        /// A listed name stands on more than one header cell.
        case ambiguous(name: String, positions: [Int])
        /// A position is past the last field.
        case positionOutOfRange(position: Int, fieldCount: Int)
        /// Names (or a pattern) were given although the file has no header.
        case namesWithoutHeader
    }

    /// Which side of a truth join a file is.
    public enum JoinedFile: Sendable, Equatable {
        case truth, predictions
    }

    /// `FILE:LINE: message` (or `FILE: message`), options spelled as the library names them.
    public var description: String { description(using: .library) }

    /// `FILE:LINE: message` (or `FILE: message`), options spelled by `terms`.
    ///
    /// - Parameter terms: how options are named (`EvaluationTerms.library`, or flags).
    /// - Returns: one line of text; text from the file in it is escaped (`TerminalText`).
    public func description(using terms: EvaluationTerms) -> String {
        let shownFile = TerminalText.escaped(file)
        let place = line.map { "\(shownFile):\($0)" } ?? shownFile
        return "\(place): \(message(using: terms))"
    }

    /// The message without the place, options spelled by `terms`.
    ///
    /// - Parameter terms: how options are named.
    /// - Returns: the message.
    public func message(using terms: EvaluationTerms) -> String {
        let name = terms.name
        switch reason {
        case .cannotOpen(let why): return "cannot open the file: \(why)"
        case .isDirectory: return "is a directory, not a file"
        case .readFailed(let why): return "reading failed: \(why)"
        case .undecodable(let encoding, let why):
            return "the \(Self.encodingName(encoding)) is corrupt: \(TerminalText.escaped(why, cutAfter: Self.shownCellLength * 5))"
        case .truncated(let encoding):
            return "the \(Self.encodingName(encoding)) ends early: the file is cut short (an unfinished download or copy?)"
        case .empty: return "the file is empty: it has no header and no rows"
        case .noDataRows: return "the file has a header but no data rows"
        case .missingColumn(let option, let selector, let header):
            let shownCount = min(header.count, Self.listedColumnLimit)
            var columns = header.prefix(shownCount).enumerated().map { "\($0.offset + 1):\(Self.shown($0.element))" }
            if header.count > shownCount { columns.append("... (\(header.count - shownCount) more)") }
            let guess = NearestColumnName.closest(to: selector, in: header).map { " (did you mean '\(Self.shown($0))'?)" } ?? ""
            return "no column \(Self.wanted(selector)) for \(name(option))\(guess); the header has \(header.count) "
                + "column\(header.count == 1 ? "" : "s"): \(columns.joined(separator: ", "))"
        case .ambiguousColumn(let option, let columnName, let positions):
            let list = positions.map(String.init).joined(separator: " and ")
            return "the header names column '\(Self.shown(columnName))' more than once (positions \(list)); "
                + "give \(name(option)) a 1-based position instead"
        case .positionOutOfRange(let option, let position, let fieldCount):
            return "\(name(option)) \(position) is out of range: rows have \(fieldCount) fields"
        case .nameWithoutHeader(let option, let selector):
            return "\(name(option)) names \(selector), but with \(name(.noHeader)) columns are chosen by 1-based position only"
        case .wrongFieldCount(let expected, let found):
            return "expected \(expected) fields, found \(found) (use \(name(.skipBadRows)) to skip such rows)"
        case .unterminatedQuote: return "a quoted field opens on this line and is never closed"
        case .misplacedQuote:
            return "misplaced quote: a quote inside an unquoted field, or text after a closing quote "
                + "(quote the whole field and double any quote inside it, or use \(name(.lenientQuotes)))"
        case .fieldTooLarge(let limit):
            return "a field starting on this line is larger than \(limit >> 20) MiB, the most predeval holds "
                + "(or than memory allows); if it should not be, a quote may be left open"
        case .changedWhileRead:
            return "the file changed while it was read (its size or modification time moved), so the rows read "
                + "are not the rows it holds; score a copy that nothing writes to"
        case .tooManyColumns(let limit, let inHeader):
            return "the \(inHeader ? "header" : "first row") has more than \(limit) columns, the most predeval reads "
                + "(\(name(.maximumColumns)) raises the limit)"
        case .repeatedID(let id, let firstLine, let side):
            let kind = side == .truth ? "truth" : "prediction"
            return "id '\(TerminalText.quoted(id))' appears again (first on line \(firstLine)); every id of a \(kind) file must be unique"
        case .tooManySlicesForIntervals(let column, let limit):
            return "\(name(.groupBy)) \(column) has more than \(limit) distinct values, the most slices that \(name(.ci)) gives intervals for; "
                + "slice by a column with fewer, or leave \(name(.ci)) out"
        case .tooManyGroupValues(let column, let limit):
            return "\(name(.groupBy)) \(column) has more than \(limit) distinct values; slice by a column with fewer, such as a language or a region"
        case .missingPredictions(let count, let ids, let truthFile):
            let more = count > ids.count ? ", ..." : ""
            let listed = ids.map { "'\(TerminalText.quoted($0))'" }.joined(separator: ", ")
            return "\(count) ids of the truth file \(TerminalText.escaped(truthFile)) have no prediction (\(listed)\(more)); "
                + "\(name(.onMissingIgnore)) scores the matched rows only"
        case .noMatchingIDs(let predictions, let truthFile):
            return "no prediction has an id of the truth file \(TerminalText.escaped(truthFile)) (\(predictions) ids, none matched); "
                + "check \(name(.id)) and \(name(.truthID))"
        case .allRowsSkipped(let rowsRead):
            return "all \(rowsRead) rows were skipped for having the wrong number of fields; nothing is left to score"
        case .invalidOptions(let problem):
            return problem.message(naming: name)
        case .noColumnsSelected(let option, let selector, let header):
            guard let header else { return "\(name(option)): \(selector) select no column" }
            let shownCount = min(header.count, Self.listedColumnLimit)
            var columns = header.prefix(shownCount).enumerated().map { "\($0.offset + 1):\(Self.shown($0.element))" }
            if header.count > shownCount { columns.append("... (\(header.count - shownCount) more)") }
            return "\(name(option)): no column of the header matches \(Self.shown(selector.description)); the header has "
                + "\(header.count) column\(header.count == 1 ? "" : "s"): \(columns.joined(separator: ", "))"
        case .columnOfSet(let option, let problem):
            switch problem {
            case .missing(let column, _): return "\(name(option)): no column '\(Self.shown(column))' in the header"
            case .ambiguous(let column, let positions):
                let list = positions.map(String.init).joined(separator: " and ")
                return "\(name(option)): the header names column '\(Self.shown(column))' more than once (positions \(list))"
            case .positionOutOfRange(let position, let fieldCount):
                return "\(name(option)): position \(position) is out of range: rows have \(fieldCount) fields"
            case .namesWithoutHeader:
                return "\(name(option)) names columns, but with \(name(.noHeader)) columns are chosen by 1-based position only"
            }
        case .tooFewColumns(let option, let count, let needed):
            return "\(name(option)) selects \(count) column\(count == 1 ? "" : "s"); it needs at least \(needed), one per class"
                + (option == .scores ? " (one score column of a binary problem: use \(name(.score)) with \(name(.positive)))" : "")
        case .repeatedClass(let option, let label):
            return "two columns of \(name(option)) stand for the class '\(TerminalText.quoted(label))'; every class needs one column"
        case .scoreLabelCount(let given, let columns):
            return "\(name(.scoreLabels)) names \(given) classes, but \(name(.scores)) selects \(columns) columns"
        case .unknownThresholdClass(let label, let classes):
            let listed = classes.prefix(Self.listedColumnLimit).map { "'\(TerminalText.quoted($0))'" }.joined(separator: ", ")
            return "\(name(.threshold)) names the class '\(TerminalText.quoted(label))', which no score column has (classes: \(listed))"
        case .tooManyRowsForBootstrap(let limit):
            return "\(name(.ci)) counts at most \(limit) rows of a file; score it in parts and merge, or leave \(name(.ci)) out"
        case .topKTooLarge(let k, let classes):
            return "\(name(.topK)) \(k) is not below the \(classes) score classes: every row would count"
        case .notANumber(let option, let column, let cell):
            return "\(name(option)) column '\(Self.shown(column))' holds '\(TerminalText.quoted(cell))', not a finite number"
        case .notAnIndicator(let option, let column, let cell):
            return "\(name(option)) column '\(Self.shown(column))' holds '\(TerminalText.quoted(cell))'; indicator cells are "
                + "0/1, true/false, yes/no or 0.0/1.0"
        case .notAList(let option, let cell, let problem):
            let why: String
            switch problem {
            case .notAList: why = "it does not start with ["
            case .unterminatedString: why = "a quoted item is never closed"
            case .badEscape: why = "it holds an escape that is not \\\\, \\', \\\", \\n, \\t, \\r, \\xHH or \\uHHHH"
            case .unexpectedText: why = "an item is not followed by , or ], or the list is never closed"
            }
            return "\(name(option)) holds '\(TerminalText.quoted(cell))', which is no list (\(why)); "
                + "\(name(.labelFormat)) reads cells such as ['a', 'b'], [\"a\",\"b\"] and []"
        case .missingActual(let cell):
            return "the actual label is missing ('\(TerminalText.quoted(cell))', one of \(name(.missingValues))); "
                + "\(name(.missingActual)) skip skips such rows"
        case .missingPrediction(let cell):
            return "the prediction is missing ('\(TerminalText.quoted(cell))', one of \(name(.missingValues))) and "
                + "\(name(.missingPrediction)) is error; wrong counts such rows as wrong, skip skips them"
        case .labelNotANumber(let label):
            return "the label '\(TerminalText.quoted(label))' is no number, but \(name(.labelType)) number reads labels as "
                + "numbers; \(name(.labelType)) text reads them as text"
        case .numberSpellingsWithText(let first, let second, let text):
            return "'\(TerminalText.quoted(first))' and '\(TerminalText.quoted(second))' spell one number, but the label "
                + "'\(TerminalText.quoted(text))' is no number; give \(name(.labelType)) text (two labels) or number"
        case .notText(let format):
            return Self.notTextMessage(format, file: file == "-" ? "FILE" : TerminalText.escaped(file))
        case .labelMappedTwice(let label, let firstLine):
            return "\(name(.labelMap)) renames '\(TerminalText.quoted(label))' again (first on line \(firstLine)); give each label one new name"
        case .idNotANumber(let id, let side):
            return "the \(side == .truth ? "truth" : "prediction") id '\(TerminalText.quoted(id))' is no number, but "
                + "\(name(.idType)) number compares ids as numbers"
        case .metricUnavailable(let why):
            return "\(name(.metric)): \(why)"
        case .rowCountDiffers(let baseline, let baselineRows, let rows):
            return "\(rows) rows are scored here and \(baselineRows) in \(TerminalText.escaped(baseline)), so rows cannot be "
                + "paired by row order; give \(name(.id)), the column of each row's id"
        case .actualDiffers(let actual, let baseline, let baselineLine, let baselineActual, let areSets):
            return "the actual label\(areSets ? "s" : "") \(actual) \(areSets ? "are" : "is") \(baselineActual) in the paired row of "
                + "\(TerminalText.escaped(baseline)) (line \(baselineLine)): compared files must hold the same rows "
                + "(in the same order, without \(name(.id)))"
        case .unpairedID(let otherFile):
            return "this row's id has no row in \(TerminalText.escaped(otherFile)); compared files must hold the same ids "
                + "(with \(name(.truth)), the ids both score are compared)"
        case .repeatedRowKey(let firstLine):
            return "this row's id is the id of line \(firstLine) too; rows compared by \(name(.id)) need unique ids"
        case .badState(let problem):
            return Self.stateMessage(problem)
        case .stateUnavailable(.truthJoin):
            return "rows joined to \(name(.truth)) give no state: merge parts that carry their actual labels"
        case .stateUnavailable(.comparison):
            return "a comparison gives no state"
        case .negativeUndetermined(let positive, let others):
            let listed = others.prefix(Self.listedColumnLimit).map { "'\(TerminalText.quoted($0))'" }.joined(separator: ", ")
            let found = others.isEmpty ? "no other actual label" : "\(others.count) other actual labels (\(listed))"
            return "\(name(.score)) predicts '\(TerminalText.quoted(positive))' or the one other label, but the file has "
                + "\(found); give \(name(.negative))"
        }
    }

    // MARK: Private

    /// What is wrong with a state file.
    private static func stateMessage(_ problem: StateProblem) -> String {
        switch problem {
        case .notAState: return "not a predeval state (it does not begin with the state's magic bytes)"
        case .unsupportedVersion(let version):
            return "a state of format version \(version); this build reads version \(EvaluationState.formatVersion)"
        case .truncated(let expected, let found): return "the state is truncated: \(found) of its \(expected) bytes"
        case .checksumMismatch: return "the state is corrupt: its checksum does not match its bytes"
        case .corrupt(let what): return "the state is corrupt: \(TerminalText.escaped(what))"
        case .mismatched(let what, let first):
            return "the state cannot be merged with \(TerminalText.escaped(first)): \(what) differ"
        }
    }

    /// How a message names the data of `encoding`.
    private static func encodingName(_ encoding: Encoding) -> String {
        switch encoding {
        case .gzip: return "gzip data"
        case .zstd: return "zstd data"
        case .utf16: return "UTF-16 text"
        }
    }

    /// What a file of `format` is, and how to make CSV of it.
    private static func notTextMessage(_ format: NonTextFormat, file: String) -> String {
        switch format {
        case .parquet:
            return "the file is Parquet, not CSV; write it as CSV first (pandas: pd.read_parquet(path).to_csv(out, index=False))"
        case .zip:
            return "the file is a ZIP archive (an Excel .xlsx workbook is one), not CSV; save the sheet as CSV (Excel: Save As, CSV UTF-8)"
        case .oldExcel: return "the file is an Excel 97-2003 workbook (.xls), not CSV; save the sheet as CSV (Excel: Save As, CSV UTF-8)"
        case .utf32: return "the file is UTF-32 text, which predeval does not read; convert it: iconv -f UTF-32 -t UTF-8 \(file)"
        case .sqlite: return "the file is a SQLite database, not CSV; export the table as CSV (sqlite3 -csv -header)"
        case .hdf5: return "the file is HDF5, not CSV; write the table as CSV first (pandas: pd.read_hdf(path).to_csv(out, index=False))"
        case .numpy: return "the file is a NumPy array (.npy), not CSV; write it as CSV first (numpy.savetxt(out, array, delimiter=','))"
        case .pickle: return "the file is a Python pickle, not CSV; write the data as CSV first (pandas: to_csv(out, index=False))"
        case .binary: return "the file is binary (its first bytes are mostly control bytes), not CSV text"
        }
    }

    /// At most this many header cells are listed in a message.
    private static let listedColumnLimit = 20
    /// Header cells longer than this many characters are cut in messages.
    private static let shownCellLength = 40

    private static func shown(_ cell: String) -> String {
        TerminalText.escaped(cell, cutAfter: shownCellLength)
    }

    private static func wanted(_ selector: ColumnSelector) -> String {
        switch selector {
        case .position(let position): return "\(position)"
        case .name(let name): return "'\(name)'"
        case .firstNamed(let names): return "any of " + names.joined(separator: ", ")
        }
    }
}

import CSVStream
import Evaluation
import Reporting

/// A truth file held in memory for `--truth`: each row's id, its actual label (or label set) as
/// label ids, and, with `--group-by`, its group. Prediction files are joined to it by id.
struct TruthTable: Sendable {
    /// The truth file as the user named it.
    let file: String
    /// Row ids: the id of row `i` of the table is `i`.
    private(set) var ids = LabelInterner()
    /// The labels of the truth file; the `--labels` list, if any, was interned first.
    private(set) var labels = LabelInterner()
    /// Single-label: each row's actual label.
    private(set) var actualLabels: [Int32] = []
    /// Multi-label: the actual sets, back to back; row `i`'s set ends at `actualSetEnds[i]`.
    private(set) var actualSets: [Int32] = []
    private(set) var actualSetEnds: [Int] = []
    /// With a group column: the group values, and each row's value as an id among them.
    private(set) var groups = LabelInterner()
    private(set) var groupOfRow: [Int32] = []
    /// The line each row starts on (for messages about repeated ids).
    private var lines: [Int] = []
    /// Rows read and skipped (`--skip-bad-rows`).
    private(set) var summary: CSVReadSummary?

    /// How many rows the table holds.
    var count: Int { lines.count }

    /// Reads `file` (columns: id, actual label, then the group if `grouped`). Throws
    /// `CSVReadError` for unreadable or malformed input, `CommandFailure` for an id that appears
    /// twice or a group column with too many values.
    static func load(
        file: String, reader: CSVReaderConfiguration, splitter: LabelSetSplitter?, listedLabels: [String],
        grouped: Bool
    ) throws -> TruthTable {
        var table = TruthTable(file: file)
        for label in listedLabels { _ = table.labels.intern(label) }
        var failure: CommandFailure?
        let summary = try CSVRowReader(path: file, configuration: reader).read { batch in
            batch.withUnsafeFields { fields in
                for row in 0..<fields.rowCount where failure == nil {
                    failure = table.add(fields, row: row, line: batch.line(ofRow: row), splitter: splitter, grouped: grouped)
                }
                if grouped && table.groups.count > maximumGroupValues {
                    failure = .tooManyGroupValues(in: file, column: reader.columns[2].selector)
                }
            }
            if let failure { throw failure }
        }
        table.summary = summary
        return table
    }

    /// The single-label actual label of row `row`.
    func actualLabel(ofRow row: Int) -> Int32 { actualLabels[row] }

    /// The actual label set of row `row`.
    func actualSet(ofRow row: Int) -> ArraySlice<Int32> {
        actualSets[(row == 0 ? 0 : actualSetEnds[row - 1])..<actualSetEnds[row]]
    }

    /// The line on which row `row` starts.
    func line(ofRow row: Int) -> Int { lines[row] }

    // MARK: Private

    private init(file: String) {
        self.file = file
    }

    /// Adds one row; returns the failure if its id was seen before.
    private mutating func add(
        _ fields: RowBatch.UnsafeFields, row: Int, line: Int, splitter: LabelSetSplitter?, grouped: Bool
    ) -> CommandFailure? {
        let id = ids.intern(fields[row, 0])
        guard Int(id) == lines.count else {
            return CommandFailure(
                "\(file):\(line): id '\(IDText.shown(fields[row, 0]))' appears again (first on line \(lines[Int(id)])); every id of a truth file must be unique")
        }
        lines.append(line)
        if let splitter {
            splitter.forEachLabel(in: fields[row, 1]) { actualSets.append(labels.intern($0)) }
            actualSetEnds.append(actualSets.count)
        } else {
            actualLabels.append(labels.intern(fields[row, 1]))
        }
        if grouped { groupOfRow.append(groups.intern(fields[row, 2])) }
        return nil
    }
}

/// Ids as messages and audits show them.
enum IDText {
    /// The id's bytes as one line of text: U+FFFD for bytes that are not UTF-8, control
    /// characters escaped.
    static func shown(_ bytes: UnsafeRawBufferPointer) -> String {
        TextReportRenderer.printable(String(decoding: bytes, as: UTF8.self))
    }
}

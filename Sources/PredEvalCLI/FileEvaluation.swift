public import CSVStream
public import Evaluation
public import Reporting

/// One file scored: rows streamed from the reader, labels interned, counts accumulated, the
/// report built. Column 0 of the reader holds actual labels, column 1 predicted ones.
public struct FileEvaluation: Sendable {
    /// The path to read (`-` for standard input).
    public let file: String
    /// How to read it; its first requested column holds actual labels, its second predicted ones.
    public let reader: CSVReaderConfiguration
    /// The separator of label sets, or nil for single-label cells.
    public let multiLabelSeparator: String?
    /// The `--labels` list, or nil for every label seen.
    public let listedLabels: [String]?
    /// What an undefined metric becomes.
    public let zeroDivision: ZeroDivision

    /// An evaluation of `file`; see each property.
    public init(
        file: String, reader: CSVReaderConfiguration, multiLabelSeparator: String?, listedLabels: [String]?,
        zeroDivision: ZeroDivision
    ) {
        self.file = file
        self.reader = reader
        self.multiLabelSeparator = multiLabelSeparator
        self.listedLabels = listedLabels
        self.zeroDivision = zeroDivision
    }

    /// Reads the file and returns its report.
    ///
    /// Throws `CSVReadError` for unreadable or malformed input and `CommandFailure` when no row is
    /// left to score.
    public func run() throws -> Report {
        var interner = LabelInterner()
        // Listed labels get the first ids, so "listed" is "id below the list's length".
        let listedIDs = listedLabels?.map { interner.intern($0) }
        var report: Report
        let summary: CSVReadSummary
        if let separator = multiLabelSeparator, let splitter = LabelSetSplitter(separator: separator) {
            var counts = MultiLabelCounts(tallyLimit: listedIDs.map { Int32($0.count) })
            summary = try countMultiLabel(into: &counts, interner: &interner, splitter: splitter)
            try checkAccounting(summary, counted: counts.rows)
            report = builder(summary, listedIDs).report(counts, interner: interner)
        } else {
            var counts = SingleLabelCounts()
            summary = try countSingleLabel(into: &counts, interner: &interner)
            try checkAccounting(summary, counted: counts.rows)
            report = builder(summary, listedIDs).report(counts, interner: interner)
        }
        if summary.rowsSkipped > 0 {
            let lines = summary.firstSkippedLines.map(String.init).joined(separator: ", ")
            let more = summary.rowsSkipped > summary.firstSkippedLines.count ? ", ..." : ""
            report.warnings.append(
                "skipped \(summary.rowsSkipped) of \(summary.rowsRead) rows with the wrong number of fields (lines \(lines)\(more))")
        }
        return report
    }

    // MARK: Private

    private func countSingleLabel(into counts: inout SingleLabelCounts, interner: inout LabelInterner) throws -> CSVReadSummary {
        try CSVRowReader(path: file, configuration: reader).read { batch in
            batch.withUnsafeFields { fields in
                for row in 0..<fields.rowCount {
                    let actual = fields[row, 0]
                    let actualID = interner.intern(actual)
                    counts.add(actual: actualID, predicted: interner.intern(fields[row, 1], reusing: actualID, of: actual))
                }
            }
        }
    }

    private func countMultiLabel(
        into counts: inout MultiLabelCounts, interner: inout LabelInterner, splitter: LabelSetSplitter
    ) throws -> CSVReadSummary {
        var actualIDs: [Int32] = []
        var predictedIDs: [Int32] = []
        return try CSVRowReader(path: file, configuration: reader).read { batch in
            batch.withUnsafeFields { fields in
                for row in 0..<fields.rowCount {
                    actualIDs.removeAll(keepingCapacity: true)
                    predictedIDs.removeAll(keepingCapacity: true)
                    splitter.forEachLabel(in: fields[row, 0]) { actualIDs.append(interner.intern($0)) }
                    splitter.forEachLabel(in: fields[row, 1]) { predictedIDs.append(interner.intern($0)) }
                    counts.add(actual: actualIDs, predicted: predictedIDs)
                }
            }
        }
    }

    private func builder(_ summary: CSVReadSummary, _ listedIDs: [Int32]?) -> ReportBuilder {
        ReportBuilder(file: file, skippedRows: summary.rowsSkipped, listedLabels: listedIDs, zeroDivision: zeroDivision)
    }

    /// Every row read is either counted or reported skipped; and some row must be left to score.
    private func checkAccounting(_ summary: CSVReadSummary, counted: Int) throws {
        precondition(counted == summary.rowsDelivered, "rows read must equal rows counted plus rows skipped")
        if counted == 0 {
            throw CommandFailure("\(file): all \(summary.rowsRead) rows were skipped for having the wrong number of fields; nothing is left to score")
        }
    }
}

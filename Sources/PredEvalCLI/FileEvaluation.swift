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
    /// How many threads may read parts of a regular file at once (1: one sequential read).
    public let threads: Int
    /// The fewest bytes a part read by a thread of its own may have.
    public let minimumPartBytes: Int

    /// An evaluation of `file`; see each property.
    public init(
        file: String, reader: CSVReaderConfiguration, multiLabelSeparator: String?, listedLabels: [String]?,
        zeroDivision: ZeroDivision, threads: Int = 1, minimumPartBytes: Int = 8 << 20
    ) {
        self.file = file
        self.reader = reader
        self.multiLabelSeparator = multiLabelSeparator
        self.listedLabels = listedLabels
        self.zeroDivision = zeroDivision
        self.threads = threads
        self.minimumPartBytes = minimumPartBytes
    }

    /// Reads the file and returns its report.
    ///
    /// Throws `CSVReadError` for unreadable or malformed input and `CommandFailure` when no row is
    /// left to score.
    public func run() throws -> Report {
        var report: Report
        let summary: CSVReadSummary
        // Listed labels get the first ids, so "listed" is "id below the list's length".
        let listed = listedLabels ?? []
        if let separator = multiLabelSeparator, let splitter = LabelSetSplitter(separator: separator) {
            let tallyLimit = listedLabels.map { Int32($0.count) }
            let result: MultiLabelTally
            (result, summary) = try count { MultiLabelTally(listedLabels: listed, splitter: splitter, tallyLimit: tallyLimit) }
            try checkAccounting(summary, counted: result.counts.rows)
            report = builder(summary, result.listedIDs).report(result.counts, interner: result.interner)
        } else {
            let result: SingleLabelTally
            (result, summary) = try count { SingleLabelTally(listedLabels: listed) }
            try checkAccounting(summary, counted: result.counts.rows)
            report = builder(summary, result.listedIDs).report(result.counts, interner: result.interner)
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

    /// Reads the file into tallies: parts of it on several threads when the file allows, merged
    /// in file order; otherwise in one sequential read.
    private func count<Tally: RowTally>(_ makeTally: @Sendable () -> Tally) throws -> (Tally, CSVReadSummary) {
        if threads > 1,
            let plan = CSVReadPlan(path: file, configuration: reader, parts: threads, minimumSegmentBytes: minimumPartBytes)
        {
            let (partials, summary) = try plan.read(makePartial: { _ in makeTally() }, consume: { $0.count($1) })
            var merged = partials[0]
            for partial in partials.dropFirst() { merged.absorb(partial) }
            return (merged, summary)
        }
        var tally = makeTally()
        let summary = try CSVRowReader(path: file, configuration: reader).read { tally.count($0) }
        return (tally, summary)
    }

    private func builder(_ summary: CSVReadSummary, _ listedIDs: [Int32]) -> ReportBuilder {
        ReportBuilder(
            file: file, skippedRows: summary.rowsSkipped, listedLabels: listedLabels == nil ? nil : listedIDs,
            zeroDivision: zeroDivision)
    }

    /// Every row read is either counted or reported skipped; and some row must be left to score.
    private func checkAccounting(_ summary: CSVReadSummary, counted: Int) throws {
        precondition(counted == summary.rowsDelivered, "rows read must equal rows counted plus rows skipped")
        if counted == 0 {
            throw CommandFailure("\(file): all \(summary.rowsRead) rows were skipped for having the wrong number of fields; nothing is left to score")
        }
    }
}

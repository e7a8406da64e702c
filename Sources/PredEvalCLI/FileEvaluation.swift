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
    /// Whether rows are also scored per slice (`--group-by`): by the reader's third column, or with
    /// a truth table, by the truth's group column.
    let slicing: Bool
    /// Slices with fewer rows are left out of the report (`--min-group-rows`).
    let minimumGroupRows: Int
    /// The truth file the rows are joined to by id (`--truth`), if any; then the reader's first
    /// column holds ids.
    let truth: TruthTable?
    /// What truth ids without a prediction do.
    let onMissing: MissingPredictions

    /// An evaluation of `file`; see each property.
    public init(
        file: String, reader: CSVReaderConfiguration, multiLabelSeparator: String?, listedLabels: [String]?,
        zeroDivision: ZeroDivision, threads: Int = 1, minimumPartBytes: Int = 8 << 20
    ) {
        self.init(
            file: file, reader: reader, multiLabelSeparator: multiLabelSeparator, listedLabels: listedLabels,
            zeroDivision: zeroDivision, threads: threads, minimumPartBytes: minimumPartBytes, slicing: false,
            minimumGroupRows: 1, truth: nil, onMissing: .error)
    }

    /// An evaluation that may slice rows and join them to a truth table.
    init(
        file: String, reader: CSVReaderConfiguration, multiLabelSeparator: String?, listedLabels: [String]?,
        zeroDivision: ZeroDivision, threads: Int, minimumPartBytes: Int, slicing: Bool, minimumGroupRows: Int,
        truth: TruthTable?, onMissing: MissingPredictions
    ) {
        self.file = file
        self.reader = reader
        self.multiLabelSeparator = multiLabelSeparator
        self.listedLabels = listedLabels
        self.zeroDivision = zeroDivision
        self.threads = threads
        self.minimumPartBytes = minimumPartBytes
        self.slicing = slicing
        self.minimumGroupRows = minimumGroupRows
        self.truth = truth
        self.onMissing = onMissing
    }

    /// This evaluation, scoring each distinct value of `column` as a slice as well (as
    /// `--group-by` does); not for one joined to a truth file.
    public func sliced(by column: RequestedColumn, minimumGroupRows: Int = 1) -> FileEvaluation {
        precondition(truth == nil, "a joined evaluation takes its groups from the truth file")
        var reader = reader
        reader.columns.append(column)
        return FileEvaluation(
            file: file, reader: reader, multiLabelSeparator: multiLabelSeparator, listedLabels: listedLabels,
            zeroDivision: zeroDivision, threads: threads, minimumPartBytes: minimumPartBytes, slicing: true,
            minimumGroupRows: minimumGroupRows, truth: nil, onMissing: onMissing)
    }

    /// Reads the file and returns its report.
    ///
    /// Throws `CSVReadError` for unreadable or malformed input and `CommandFailure` when no row is
    /// left to score.
    public func run() throws -> Report {
        try run(progress: nil)
    }

    /// Reads the file and returns its report, showing `progress` if the file is large.
    func run(progress: ProgressLine?) throws -> Report {
        // Listed labels get the first ids, so "listed" is "id below the list's length".
        let listed = listedLabels ?? []
        let join = truth.map { IDJoin(truth: $0, predictionFile: file) }
        var (report, summary) =
            if let separator = multiLabelSeparator, let splitter = LabelSetSplitter(separator: separator) {
                try evaluate(progress: progress) { [tallyLimit = listedLabels.map { Int32($0.count) }] in
                    MultiLabelTally(
                        listedLabels: listed, splitter: splitter, tallyLimit: tallyLimit, slicing: slicing, join: join)
                }
            } else {
                try evaluate(progress: progress) { SingleLabelTally(listedLabels: listed, slicing: slicing, join: join) }
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

    /// Counts the file into tallies made by `makeTally` and reports on them: the whole file, its
    /// audit, its slices.
    private func evaluate<Tally: RowTally>(
        progress: ProgressLine?, _ makeTally: @Sendable () -> Tally
    ) throws -> (Report, CSVReadSummary) {
        let (tally, summary) = try count(progress: progress, makeTally)
        if tally.slices?.isFull == true { throw tooManySlices }
        try checkAccounting(summary, tally)
        let builder = builder(summary, tally.listedIDs)
        var report = tally.counts.report(by: builder, interner: tally.interner)
        report.audit = try tally.join.map(audit)
        report.groups = tally.slices.map { sliced in
            groupReports(sliced) { $0.report(by: builder, interner: tally.interner) }
        }
        return (report, summary)
    }

    /// Reads the file into tallies: parts of it on several threads when the file allows (and no
    /// join needs the rows in file order), merged in file order; otherwise in one sequential read.
    private func count<Tally: RowTally>(
        progress: ProgressLine?, _ makeTally: @Sendable () -> Tally
    ) throws -> (Tally, CSVReadSummary) {
        let progress = progress?.start(file: file) == true ? progress : nil
        defer { progress?.finish() }
        if threads > 1, truth == nil,
            let plan = CSVReadPlan(path: file, configuration: reader, parts: threads, minimumSegmentBytes: minimumPartBytes)
        {
            let (partials, summary) = try plan.read(
                makePartial: { _ in makeTally() },
                consume: { tally, batch in
                    tally.count(batch)
                    progress?.advance(by: batch)
                })
            var merged = partials[0]
            for partial in partials.dropFirst() { merged.absorb(partial) }
            return (merged, summary)
        }
        var tally = makeTally()
        let summary = try CSVRowReader(path: file, configuration: reader).read { batch in
            tally.count(batch)
            progress?.advance(by: batch)
            if let failure = tally.join?.failure { throw failure }
            if tally.slices?.isFull == true { throw tooManySlices }
        }
        return (tally, summary)
    }

    private func builder(_ summary: CSVReadSummary, _ listedIDs: [Int32]) -> ReportBuilder {
        ReportBuilder(
            file: file, skippedRows: summary.rowsSkipped, listedLabels: listedLabels == nil ? nil : listedIDs,
            zeroDivision: zeroDivision)
    }

    /// The report of every slice with at least `minimumGroupRows` rows, sorted by group value.
    private func groupReports<Counts: RowCounts>(
        _ sliced: SlicedCounts<Counts>, report: (Counts) -> Report
    ) -> [GroupReport] {
        let groups = sliced.groups
        return sliced.slices.indices
            .filter { sliced.slices[$0].rows > 0 && sliced.slices[$0].rows >= minimumGroupRows }
            .sorted { groups.bytes(of: Int32($0)).lexicographicallyPrecedes(groups.bytes(of: Int32($1))) }
            .map { index in
                var sliceReport = report(sliced.slices[index])
                sliceReport.skippedRows = 0
                return GroupReport(group: groups.label(Int32(index)), report: sliceReport)
            }
    }

    /// The failure of a group column with more values than slices may be made for.
    private var tooManySlices: CommandFailure { .tooManyGroupValues(in: file, column: reader.columns[2].selector) }

    /// The join's audit; throws when truth ids lack a prediction and `onMissing` is `error`.
    private func audit(_ join: IDJoin) throws -> JoinAudit {
        let audit = join.audit
        if audit.missing > 0 && onMissing == .error {
            let more = audit.missing > audit.missingIDs.count ? ", ..." : ""
            let ids = audit.missingIDs.map { "'\(TextReportRenderer.printable($0))'" }.joined(separator: ", ")
            throw CommandFailure(
                "\(file): \(audit.missing) ids of the truth file \(join.truth.file) have no prediction (\(ids)\(more)); --on-missing ignore scores the matched rows only")
        }
        return audit
    }

    /// Every row read is counted, reported skipped, or (with a join) an extra prediction; and
    /// some row must be left to score.
    private func checkAccounting(_ summary: CSVReadSummary, _ tally: some RowTally) throws {
        let extra = tally.join?.extraCount ?? 0
        precondition(
            tally.counts.rows + extra == summary.rowsDelivered, "rows read must equal rows counted plus rows skipped")
        if tally.counts.rows == 0 {
            if let join = tally.join {
                throw CommandFailure(
                    "\(file): no prediction has an id of the truth file \(join.truth.file) (\(extra) ids, none matched); check --id and --truth-id")
            }
            throw CommandFailure("\(file): all \(summary.rowsRead) rows were skipped for having the wrong number of fields; nothing is left to score")
        }
    }
}

import PredEvalCSV

/// One file scored: rows streamed from the reader, labels interned, counts accumulated, the
/// report built. Which batch column holds what, a `RowDecoding` tells once the header is read.
struct FileEvaluation: Sendable {
    /// The path to read (`-` for standard input).
    let file: String
    /// How to read it.
    let request: ReadRequest
    /// The options it was made from.
    let options: EvaluationOptions
    /// The truth file the rows are joined to by id, if any.
    let truth: TruthTable?

    /// An evaluation of `file` under `options`, joined to `truth` when one is given.
    init(file: String, options: EvaluationOptions, truth: TruthTable?) {
        self.file = file
        self.options = options
        self.truth = truth
        request = .predictions(file, options)
    }

    /// A file's counts, as `run` hands them to `keep`.
    enum KeptCounts {
        case singleLabel(SingleLabelRows)
        case multiLabel(MultiLabelRows)
    }

    /// Reads the file and returns its report, telling `progress` how far it is; the file's
    /// counts are handed to `keep` too (relabeled as the report's classes, with the builder and
    /// the labels of the report), for `compare`.
    func run(
        progress: (any EvaluationProgress)?, keep: ((KeptCounts, ReportBuilder, LabelInterner) -> Void)? = nil
    ) throws(EvaluationError) -> Report {
        // Listed labels get the first ids, so "listed" is "id below the list's length".
        let join = truth.map { IDJoin(truth: $0, predictionFile: file) }
        let (report, summary) =
            if options.isMultiLabel {
                try evaluate(progress: progress, keep: keep.map { keep in { keep(.multiLabel($0), $1, $2) } }, multiLabelTally(join))
            } else {
                try evaluate(progress: progress, keep: keep.map { keep in { keep(.singleLabel($0), $1, $2) } }, singleLabelTally(join))
            }
        return withSkipWarnings(report, summary)
    }

    /// Reads the file into its mergeable state instead of a report.
    func state(progress: (any EvaluationProgress)?) throws(EvaluationError) -> EvaluationState {
        guard truth == nil else { throw EvaluationError(file: file, reason: .stateUnavailable(.truthJoin)) }
        guard !options.logsRows else { throw EvaluationError(file: file, reason: .stateUnavailable(.comparison)) }
        if options.isMultiLabel {
            let (tally, summary, layout) = try counted(progress: progress, multiLabelTally(nil))
            return EvaluationState(file: file, options: options, layout: layout, summary: summary, tally: .multiLabel(tally.saved))
        }
        let (tally, summary, layout) = try counted(progress: progress, singleLabelTally(nil))
        return EvaluationState(file: file, options: options, layout: layout, summary: summary, tally: .singleLabel(tally.saved))
    }

    /// The report on the rows of `states` (counted under `options` and `layout`, as they agree),
    /// merged in order: the report of one pass over them all.
    func report(merging states: [EvaluationState], layout: RowLayout) throws(EvaluationError) -> Report {
        let summary = Self.summary(merging: states, layout: layout)
        let report: Report
        if options.isMultiLabel {
            let saved = states.compactMap { if case .multiLabel(let saved) = $0.tally { saved } else { nil } }
            var tally = try merged(saved, layout: layout, multiLabelTally(nil))
            report = try self.report(&tally, summary, delimiter: layout.delimiter, keep: nil)
        } else {
            let saved = states.compactMap { if case .singleLabel(let saved) = $0.tally { saved } else { nil } }
            var tally = try merged(saved, layout: layout, singleLabelTally(nil))
            report = try self.report(&tally, summary, delimiter: layout.delimiter, keep: nil)
        }
        return withSkipWarnings(report, summary)
    }

    /// The state of the rows of `states` (counted under `options` and `layout`), merged in order.
    func state(merging states: [EvaluationState], layout: RowLayout) throws(EvaluationError) -> EvaluationState {
        let summary = Self.summary(merging: states, layout: layout)
        let tally: EvaluationState.Tally
        if options.isMultiLabel {
            let saved = states.compactMap { if case .multiLabel(let saved) = $0.tally { saved } else { nil } }
            tally = .multiLabel(try merged(saved, layout: layout, multiLabelTally(nil)).saved)
        } else {
            let saved = states.compactMap { if case .singleLabel(let saved) = $0.tally { saved } else { nil } }
            tally = .singleLabel(try merged(saved, layout: layout, singleLabelTally(nil)).saved)
        }
        return EvaluationState(file: file, options: options, layout: layout, summary: summary, tally: tally)
    }

    // MARK: Private

    /// The rows read and skipped of `states` together (the first five skipped lines, as each
    /// part numbers them).
    private static func summary(merging states: [EvaluationState], layout: RowLayout) -> CSVReadSummary {
        var summary = CSVReadSummary(header: layout.header, columnIndices: layout.columnIndices, columnSets: layout.columnSets)
        for state in states {
            summary.rowsRead += state.summary.rowsRead
            summary.rowsSkipped += state.summary.rowsSkipped
            summary.firstSkippedLines += state.summary.firstSkippedLines.prefix(5 - summary.firstSkippedLines.count)
        }
        return summary
    }

    /// Makes a multi-label file's tallies, joined by `join` if given.
    private func multiLabelTally(_ join: IDJoin?) -> @Sendable (RowDecoding) -> MultiLabelTally {
        { [file, options, splitter = options.splitter] decoding in
            MultiLabelTally(file: file, decoding: decoding, options: options, splitter: splitter, join: join)
        }
    }

    /// Makes a single-label file's tallies, joined by `join` if given.
    private func singleLabelTally(_ join: IDJoin?) -> @Sendable (RowDecoding) -> SingleLabelTally {
        { [file, options] decoding in SingleLabelTally(file: file, decoding: decoding, options: options, join: join) }
    }

    /// Tallies of the columns `layout` tells, each taking one state's counts, absorbed in order.
    private func merged<Tally: RowTally>(
        _ saved: [SavedTally<Tally.Counts>], layout: RowLayout, _ makeTally: (RowDecoding) -> Tally
    ) throws(EvaluationError) -> Tally {
        let decoding = try RowDecoding(file: file, layout: layout, request: request, options: options)
        var merged = makeTally(decoding)
        merged.restore(saved[0])
        for part in saved.dropFirst() {
            var tally = makeTally(decoding)
            tally.restore(part)
            merged.absorb(tally)
        }
        try checkLimits(merged)
        return merged
    }

    /// `report` with the warnings of skipped rows (of the file, and of the truth file).
    private func withSkipWarnings(_ report: Report, _ summary: CSVReadSummary) -> Report {
        var report = report
        if summary.rowsSkipped > 0 { report.warnings.append(Self.skippedRowsWarning(summary, ofFile: nil)) }
        if let truth, truth.summary.rowsSkipped > 0 {
            report.skippedRows += truth.summary.rowsSkipped
            report.warnings.append(Self.skippedRowsWarning(truth.summary, ofFile: "the truth file \(TerminalText.escaped(truth.file))"))
        }
        return report
    }

    /// The warning that rows were skipped: of the file evaluated, or of the one `file` names.
    private static func skippedRowsWarning(_ summary: CSVReadSummary, ofFile file: String?) -> String {
        let lines = summary.firstSkippedLines.map(String.init).joined(separator: ", ")
        let more = summary.rowsSkipped > summary.firstSkippedLines.count ? ", ..." : ""
        let rows = "\(summary.rowsRead) rows" + (file.map { " of \($0)" } ?? "")
        return "skipped \(summary.rowsSkipped) of \(rows) with the wrong number of fields (lines \(lines)\(more))"
    }

    /// Counts the file into tallies made by `makeTally` and reports on them: the whole file, its
    /// audit, its slices; hands `keep` the whole file's counts as the report's classes.
    private func evaluate<Tally: RowTally>(
        progress: (any EvaluationProgress)?, keep: ((Tally.Counts, ReportBuilder, LabelInterner) -> Void)? = nil,
        _ makeTally: @escaping @Sendable (RowDecoding) -> Tally
    ) throws(EvaluationError) -> (Report, CSVReadSummary) {
        var (tally, summary, layout) = try counted(progress: progress, makeTally)
        return (try report(&tally, summary, delimiter: layout.delimiter, keep: keep), summary)
    }

    /// Reads the file into tallies made by `makeTally`, merged, within the limits of rows and
    /// slices; with the read's summary and the columns' layout.
    private func counted<Tally: RowTally>(
        progress: (any EvaluationProgress)?, _ makeTally: @escaping @Sendable (RowDecoding) -> Tally
    ) throws(EvaluationError) -> (Tally, CSVReadSummary, RowLayout) {
        let (tally, summary, layout) = try request.reading { try count(progress: progress, makeTally) }
        try checkLimits(tally)
        return (tally, summary, layout)
    }

    /// Throws when `tally` holds more rows than bootstrap counts take, or more slices than allowed.
    private func checkLimits(_ tally: some RowTally) throws(EvaluationError) {
        if options.bootstrap != nil && tally.counts.rows > ReplicateCounts.rowLimit {
            // Parts each below the limit, merged past it.
            throw EvaluationError(file: file, reason: .tooManyRowsForBootstrap(limit: ReplicateCounts.rowLimit))
        }
        if tally.slices?.isFull == true { throw tooManySlices }
    }

    /// The report on `tally`, counted from rows `summary` tells of, read with `delimiter`: the
    /// whole file, its audit, its slices; hands `keep` the whole file's counts as the report's classes.
    private func report<Tally: RowTally>(
        _ tally: inout Tally, _ summary: CSVReadSummary, delimiter: UInt8, keep: ((Tally.Counts, ReportBuilder, LabelInterner) -> Void)?
    ) throws(EvaluationError) -> Report {
        try checkAccounting(summary, tally)
        try tally.finish(file: file)
        // Counting kept the labels as the file spells them; the report shows their classes.
        let classes = LabelClasses(
            tally.interner, missing: tally.reserved.missing, missingAreClasses: options.missingPrediction == .label,
            rules: LabelRules(type: options.labelType, map: options.labelMap))
        if options.labelType == .number, let text = classes.firstNonNumber {
            throw EvaluationError(file: file, reason: .labelNotANumber(text))
        }
        var builder = ReportBuilder(
            file: file, skippedRows: summary.rowsSkipped + tally.missingSkips.total,
            listedLabels: options.labels == nil ? nil : tally.listedIDs.map { classes.classOf[Int($0)] },
            zeroDivision: options.zeroDivision)
        builder.positiveLabel = options.positive.flatMap(classes.id)
        builder.missingPredictionLabel = classes.none
        builder.labelsAreNumbers = classes.areNumbers
        builder.beta = options.beta
        builder.curvePoints = options.curvePoints
        builder.bootstrap = options.bootstrap.map {
            let keyedByID = (request.column(.rowKey) ?? request.column(.id)) != nil
            return BootstrapSummary(replicates: $0.replicates, level: $0.level, seed: $0.seed, key: keyedByID ? .id : .offset)
        }
        let thresholds = tally.thresholds
        let counts = tally.counts.relabeled(classes.classOf)
        keep?(counts, builder, classes.interner)
        var report = counts.report(by: builder, interner: classes.interner)
        report.thresholds = thresholds
        report.missingPredictions += tally.missingSkips.predicted
        report.dialect = ReportDialect(delimiter: delimiter == UInt8(ascii: "\t") ? "\t" : String(UnicodeScalar(delimiter)))
        report.warnings += missingWarnings(tally.missingSkips)
        if let positive = options.positive, !report.labels.contains(positive) {
            report.warnings.append(
                "the positive label '\(TerminalText.quoted(positive))' is no label of the file: its binary scores are undefined")
        }
        report.audit = try tally.join.map(audit)
        if var sliced = tally.slices {
            sliced.updateAll { $0 = $0.relabeled(classes.classOf) }
            let (groups, matricesLeftOut) = groupReports(sliced, builder: builder) { counts, builder in
                var sliceReport = counts.report(by: builder, interner: classes.interner)
                sliceReport.thresholds = thresholds
                return sliceReport
            }
            if matricesLeftOut > 0 {
                report.warnings.append(
                    "the confusion matrices of \(matricesLeftOut) slices are left out: the slices' matrices together hold at most \(Self.sliceMatrixCells) cells")
            }
            report.groups = groups
        }
        return report
    }

    /// The warnings that rows were skipped for a missing value.
    private func missingWarnings(_ skips: MissingSkips) -> [String] {
        var warnings: [String] = []
        if skips.actual > 0 {
            warnings.append("skipped \(skips.actual) row\(skips.actual == 1 ? "" : "s") whose actual label is a missing value")
        }
        if skips.predicted > 0 {
            warnings.append("skipped \(skips.predicted) row\(skips.predicted == 1 ? "" : "s") whose prediction is a missing value")
        }
        return warnings
    }

    /// Reads the file into tallies: parts of a plain file, or blocks of a stream (standard input,
    /// gzip, zstd, UTF-16), on several threads when no join needs the rows in file order, merged
    /// in file order; otherwise in one sequential read.
    private func count<Tally: RowTally>(
        progress: (any EvaluationProgress)?, _ makeTally: @escaping @Sendable (RowDecoding) -> Tally
    ) throws -> (Tally, CSVReadSummary, RowLayout) {
        let progress = progress?.start(file: file) == true ? progress : nil
        defer { progress?.finish() }
        let threads = options.threads ?? CSVReadPlan.availableCores
        if threads > 1, truth == nil,
            let plan = CSVReadPlan(
                path: file, configuration: request.configuration, parts: threads,
                minimumSegmentBytes: options.minimumPartBytes)
        {
            let decoding = try RowDecoding(file: file, layout: plan.layout, request: request, options: options)
            let (partials, summary) = try plan.read(
                makePartial: { _ in makeTally(decoding) },
                consume: { tally, batch in
                    do throws(EvaluationError) { try tally.count(batch) } catch { throw PartFailure(error: error) }
                    progress?.advance(byteCount: batch.inputByteCount, rowCount: batch.rowCount)
                })
            var merged = partials[0]
            for partial in partials.dropFirst() { merged.absorb(partial) }
            return (merged, summary, plan.layout)
        }
        if threads > 1, truth == nil,
            let plan = CSVStreamPlan(
                path: file, configuration: request.configuration, parts: threads,
                blockBytes: min(options.minimumPartBytes, CSVStreamPlan.defaultBlockBytes))
        {
            nonisolated(unsafe) var decoding: RowDecoding?
            var readLayout: RowLayout?
            let (tally, summary) = try plan.read(
                onLayout: { layout in
                    readLayout = layout
                    decoding = try RowDecoding(file: file, layout: layout, request: request, options: options)
                },
                makePartial: { makeTally(decoding!) },
                consume: { tally, batch in
                    do throws(EvaluationError) { try tally.count(batch) } catch { throw PartFailure(error: error) }
                    progress?.advance(byteCount: batch.inputByteCount, rowCount: batch.rowCount)
                },
                merge: { merged, later in merged.absorb(later) })
            return (tally, summary, readLayout!)
        }
        var tally: Tally?
        var readLayout: RowLayout?
        let summary = try CSVRowReader(path: file, configuration: request.configuration).read(
            onLayout: { layout in
                readLayout = layout
                tally = makeTally(try RowDecoding(file: file, layout: layout, request: request, options: options))
            },
            { batch in
                try tally!.count(batch)
                progress?.advance(byteCount: batch.inputByteCount, rowCount: batch.rowCount)
                if tally!.slices?.isFull == true { throw tooManySlices }
            })
        guard let tally, let readLayout else { throw EvaluationError(file: file, reason: .allRowsSkipped(rowsRead: summary.rowsRead)) }
        return (tally, summary, readLayout)
    }

    /// The report of every slice with at least `minimumGroupRows` rows, sorted by group value,
    /// and how many slices' confusion matrices were left out: the slices' matrices hold at most
    /// `sliceMatrixCells` cells together (in report order), so that many slices of many labels
    /// cannot make a report hundreds of times the size of the input.
    private func groupReports<Counts: RowCounts>(
        _ sliced: SlicedCounts<Counts>, builder: ReportBuilder, report: (Counts, ReportBuilder) -> Report
    ) -> (groups: [GroupReport], matricesLeftOut: Int) {
        let groupValues = sliced.groups
        let order = sliced.slices.indices
            .filter { sliced.slices[$0].rows > 0 && sliced.slices[$0].rows >= options.minimumGroupRows }
            .sorted { groupValues.bytes(of: Int32($0)).lexicographicallyPrecedes(groupValues.bytes(of: Int32($1))) }
        var builder = builder
        var cellsLeft = Self.sliceMatrixCells
        var matricesLeftOut = 0
        var groups: [GroupReport] = []
        for index in order {
            builder.maximumMatrixCells = cellsLeft
            var sliceReport = report(sliced.slices[index], builder)
            sliceReport.skippedRows = 0
            if let matrix = sliceReport.confusionMatrix {
                cellsLeft -= matrix.count * matrix.count
            } else if sliceReport.mode == .singleLabel && sliceReport.labels.count <= SingleLabelCounts.pairLimit {
                matricesLeftOut += 1
            }
            groups.append(GroupReport(group: groupValues.label(Int32(index)), report: sliceReport))
        }
        return (groups, matricesLeftOut)
    }

    /// The most cells the slices' confusion matrices hold in all: the whole file's largest matrix.
    static let sliceMatrixCells = SingleLabelCounts.pairLimit * SingleLabelCounts.pairLimit

    /// The failure of a group column with more values than slices may be made for.
    private var tooManySlices: EvaluationError {
        .tooManyGroupValues(
            in: file, column: options.groupBy ?? request.configuration.columns[2],
            limit: options.bootstrap == nil ? maximumGroupValues : maximumGroupValuesWithIntervals)
    }

    /// The join's audit; throws when truth ids lack a prediction and `onMissing` is `error`.
    private func audit(_ join: IDJoin) throws(EvaluationError) -> JoinAudit {
        let audit = join.audit
        if audit.missing > 0 && options.onMissing == .error {
            throw EvaluationError(
                file: file,
                reason: .missingPredictions(count: audit.missing, ids: audit.missingIDs, truthFile: join.truth.file))
        }
        return audit
    }

    /// Every row read is counted, reported skipped, or (with a join) an extra prediction; and
    /// some row must be left to score.
    private func checkAccounting(_ summary: CSVReadSummary, _ tally: some RowTally) throws(EvaluationError) {
        let extra = tally.join?.extraCount ?? 0
        precondition(
            tally.counts.rows + extra + tally.missingSkips.total == summary.rowsDelivered,
            "rows read must equal rows counted plus rows skipped")
        if tally.counts.rows == 0 {
            if let join = tally.join {
                throw EvaluationError(file: file, reason: .noMatchingIDs(predictions: extra, truthFile: join.truth.file))
            }
            throw EvaluationError(file: file, reason: .allRowsSkipped(rowsRead: summary.rowsRead))
        }
    }
}

extension EvaluationOptions {
    /// The splitter of multi-label cells, or nil for single-label ones (or an empty separator).
    var splitter: LabelSetSplitter? {
        guard case .multiLabel(let separator) = mode else { return nil }
        return LabelSetSplitter(separator: separator)
    }
}

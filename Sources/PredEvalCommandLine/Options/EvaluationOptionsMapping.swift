public import PredEval

// The one place where flags become `EvaluationOptions`: the command line and the engine agree
// on every option because nothing else translates them.

extension EvaluationOptions {
    /// The engine's options for the option groups that `evaluate` and `compare` share.
    init(
        columns: ColumnOptions, labelOptions: LabelOptions, modelOutput: ModelOutputOptions, statistics: StatisticsOptions,
        join: JoinOptions
    ) {
        self.init()
        actual = columns.actual
        predicted = columns.predicted
        hasHeader = !columns.noHeader
        columnNames = columns.columns?.labels
        delimiter = columns.delimiter?.byte
        skipBadRows = columns.skipBadRows
        lenientQuotes = columns.lenientQuotes
        threads = columns.threads
        maximumColumns = columns.maxColumns
        mode = labelOptions.multiLabel ? .multiLabel(separator: labelOptions.labelSeparator ?? "|") : .singleLabel
        labels = labelOptions.labels?.labels
        zeroDivision = labelOptions.zeroDivision
        truth = join.truth
        id = join.id
        truthID = join.truthId
        onMissing = join.onMissing ?? .error
        idType = join.idType ?? .text
        labelType = labelOptions.labelType
        missingValues = labelOptions.missingValues.map(LabelOptions.missingValueList) ?? defaultMissingValues
        missingPrediction = labelOptions.missingPrediction
        missingActual = labelOptions.missingActual
        if case .inline(let map)? = labelOptions.labelMap { labelMap = map }
        scores = modelOutput.scores
        scoreLabels = modelOutput.scoreLabels?.labels
        topK = modelOutput.topK
        calibrationBins = modelOutput.calibrationBins ?? 10
        scoreBins = modelOutput.scoreBins
        if modelOutput.curves || modelOutput.curvePoints != nil { curvePoints = modelOutput.curvePoints ?? 200 }
        if let megabytes = modelOutput.maxScoreMemory { maximumScoreMemory = min(max(megabytes, 0), Int.max >> 20) << 20 }
        score = modelOutput.score
        positive = modelOutput.positive
        negative = modelOutput.negative
        threshold = modelOutput.threshold
        actualColumns = modelOutput.actualColumns
        predictedColumns = modelOutput.predictedColumns
        labelFormat = modelOutput.labelFormat
        beta = statistics.beta
        bootstrap = statistics.ci.map {
            BootstrapOptions(level: $0, replicates: statistics.bootstrap ?? 1000, seed: statistics.seed ?? 0)
        }
    }
}

extension EvaluateCommand {
    /// The engine's options for this command line.
    public var evaluationOptions: EvaluationOptions {
        var options = EvaluationOptions(
            columns: columns, labelOptions: labelOptions, modelOutput: modelOutput, statistics: statistics, join: batch.join)
        options.groupBy = batch.groupBy
        options.minimumGroupRows = batch.minGroupRows ?? 1
        return options
    }
}

extension EvaluationTerms {
    /// Options spelled as flags, for messages on the command line.
    public static let commandLine = EvaluationTerms(names: [
        .actual: "--actual", .predicted: "--predicted", .id: "--id", .truthID: "--truth-id", .groupBy: "--group-by",
        .labels: "--labels", .labelSeparator: "--label-separator", .threads: "--threads",
        .minimumGroupRows: "--min-group-rows", .truth: "--truth", .columns: "--columns", .maximumColumns: "--max-columns",
        .skipBadRows: "--skip-bad-rows",
        .lenientQuotes: "--lenient-quotes", .noHeader: "--no-header", .onMissingIgnore: "--on-missing ignore",
        .scores: "--scores", .scoreLabels: "--score-labels", .topK: "--top-k", .calibrationBins: "--calibration-bins", .scoreBins: "--score-bins", .curves: "--curves", .curvePoints: "--curve-points", .score: "--score",
        .positive: "--positive", .negative: "--negative", .threshold: "--threshold",
        .actualColumns: "--actual-columns", .predictedColumns: "--predicted-columns",
        .labelFormat: "--label-format list", .multiLabel: "--multi-label", .labelType: "--label-type",
        .missingValues: "--missing-values", .missingPrediction: "--missing-prediction",
        .missingActual: "--missing-actual", .labelMap: "--label-map", .idType: "--id-type",
        .beta: "--beta", .ci: "--ci", .bootstrap: "--bootstrap", .rowKey: "--id", .metric: "--metric",
    ])
}

public import PredEval

// The one place where flags become `EvaluationOptions`: the command line and the engine agree
// on every option because nothing else translates them.

extension EvaluateCommand {
    /// The engine's options for this command line.
    public var evaluationOptions: EvaluationOptions {
        var options = EvaluationOptions()
        options.actual = columns.actual
        options.predicted = columns.predicted
        options.hasHeader = !columns.noHeader
        options.delimiter = columns.delimiter?.byte
        options.skipBadRows = columns.skipBadRows
        options.lenientQuotes = columns.lenientQuotes
        options.threads = columns.threads
        options.maximumColumns = columns.maxColumns
        options.mode = labelOptions.multiLabel ? .multiLabel(separator: labelOptions.labelSeparator ?? "|") : .singleLabel
        options.labels = labelOptions.labels?.labels
        options.zeroDivision = labelOptions.zeroDivision
        options.groupBy = batch.groupBy
        options.minimumGroupRows = batch.minGroupRows ?? 1
        options.truth = batch.truth
        options.id = batch.id
        options.truthID = batch.truthId
        options.onMissing = batch.onMissing ?? .error
        options.idType = batch.idType ?? .text
        options.labelType = labelOptions.labelType
        options.missingValues = labelOptions.missingValues.map(LabelOptions.missingValueList) ?? defaultMissingValues
        options.missingPrediction = labelOptions.missingPrediction
        options.missingActual = labelOptions.missingActual
        if case .inline(let map)? = labelOptions.labelMap { options.labelMap = map }
        options.scores = modelOutput.scores
        options.scoreLabels = modelOutput.scoreLabels?.labels
        options.topK = modelOutput.topK
        options.score = modelOutput.score
        options.positive = modelOutput.positive
        options.negative = modelOutput.negative
        options.threshold = modelOutput.threshold
        options.actualColumns = modelOutput.actualColumns
        options.predictedColumns = modelOutput.predictedColumns
        options.labelFormat = modelOutput.labelFormat
        options.beta = statistics.beta
        options.bootstrap = statistics.ci.map { BootstrapOptions(level: $0, replicates: statistics.bootstrap ?? 1000, seed: statistics.seed ?? 0) }
        return options
    }
}

extension EvaluationTerms {
    /// Options spelled as flags, for messages on the command line.
    public static let commandLine = EvaluationTerms(names: [
        .actual: "--actual", .predicted: "--predicted", .id: "--id", .truthID: "--truth-id", .groupBy: "--group-by",
        .labels: "--labels", .labelSeparator: "--label-separator", .threads: "--threads",
        .minimumGroupRows: "--min-group-rows", .truth: "--truth", .maximumColumns: "--max-columns",
        .skipBadRows: "--skip-bad-rows",
        .lenientQuotes: "--lenient-quotes", .noHeader: "--no-header", .onMissingIgnore: "--on-missing ignore",
        .scores: "--scores", .scoreLabels: "--score-labels", .topK: "--top-k", .score: "--score",
        .positive: "--positive", .negative: "--negative", .threshold: "--threshold",
        .actualColumns: "--actual-columns", .predictedColumns: "--predicted-columns",
        .labelFormat: "--label-format list", .multiLabel: "--multi-label", .labelType: "--label-type",
        .missingValues: "--missing-values", .missingPrediction: "--missing-prediction",
        .missingActual: "--missing-actual", .labelMap: "--label-map", .idType: "--id-type",
        .beta: "--beta", .ci: "--ci", .bootstrap: "--bootstrap", .rowKey: "--id",
    ])
}

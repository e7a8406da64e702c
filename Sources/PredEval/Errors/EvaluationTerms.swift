/// How messages spell options: the library's names (`options.actual`) by default; the command
/// line passes its flags (`--actual`), so that one wording serves both.
public struct EvaluationTerms: Sendable {
    /// The spelling of each option.
    public var names: [OptionName: String]

    /// Terms that spell each option as `names` gives it (an option it lacks by its case name).
    ///
    /// - Parameter names: the spelling of each option.
    public init(names: [OptionName: String]) {
        self.names = names
    }

    /// The library's terms: options as the properties of `EvaluationOptions`.
    public static let library = EvaluationTerms(names: [
        .actual: "options.actual", .predicted: "options.predicted", .id: "options.id",
        .truthID: "options.truthID", .groupBy: "options.groupBy", .labels: "options.labels",
        .labelSeparator: "the multi-label separator", .threads: "options.threads",
        .minimumGroupRows: "options.minimumGroupRows", .truth: "options.truth", .columns: "options.columnNames",
        .maximumColumns: "options.maximumColumns",
        .skipBadRows: "options.skipBadRows", .lenientQuotes: "options.lenientQuotes",
        .noHeader: "options.hasHeader = false", .onMissingIgnore: "options.onMissing = .ignore",
        .scores: "options.scores", .scoreLabels: "options.scoreLabels", .topK: "options.topK",
        .calibrationBins: "options.calibrationBins", .scoreBins: "options.scoreBins", .curves: "options.curvePoints", .curvePoints: "options.curvePoints",
        .score: "options.score", .positive: "options.positive", .negative: "options.negative",
        .threshold: "options.threshold", .actualColumns: "options.actualColumns",
        .predictedColumns: "options.predictedColumns", .labelFormat: "options.labelFormat = .list",
        .multiLabel: "options.mode = .multiLabel", .labelType: "options.labelType",
        .missingValues: "options.missingValues", .missingPrediction: "options.missingPrediction",
        .missingActual: "options.missingActual", .labelMap: "options.labelMap", .idType: "options.idType",
        .beta: "options.beta", .ci: "options.bootstrap.level", .bootstrap: "options.bootstrap.replicates",
        .rowKey: "options.id", .metric: "the metric compared",
    ])

    /// How `option` is spelled.
    ///
    /// - Parameter option: the option.
    /// - Returns: its spelling.
    public func name(_ option: OptionName) -> String {
        names[option] ?? "\(option)"
    }
}

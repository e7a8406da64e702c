import PredEvalCSV

/// Everything that decides how a file is read and scored: the library's counterpart of the
/// command line's flags, every default as the command line's.
public struct EvaluationOptions: Codable, Sendable, Equatable {
    /// How cells are read.
    public enum Mode: Codable, Sendable, Equatable {
        /// One label per cell (the default).
        case singleLabel
        /// A set of labels per cell, joined by `separator` (`|` on the command line); labels are
        /// trimmed of surrounding spaces and an empty cell is the empty set.
        case multiLabel(separator: String)
    }

    /// How a multi-label cell writes its set.
    public enum LabelFormat: String, Codable, Sendable, Equatable, CaseIterable {
        /// Labels joined by the separator of `Mode.multiLabel`: `rock|pop`.
        case separated
        /// A Python or JSON list: `['rock', 'pop']`, `["rock","pop"]`, `[]` (quotes and escapes
        /// honoured; unquoted items such as numbers are trimmed).
        case list
    }

    /// The score at or above which a class is predicted: one for every class, or one per class.
    public enum Threshold: Codable, Sendable, Equatable {
        /// One threshold for every class.
        case all(Double)
        /// A threshold per class, by class name (multi-label scores); classes not named keep 0.5.
        case perClass([String: Double])
    }

    /// The threshold when none is given.
    public static let defaultThreshold = 0.5

    /// Header names that mark the actual-label column when `actual` is nil.
    public static let defaultActualNames = ["actual", "y_true", "true", "truth", "gold", "label", "target"]
    /// Header names that mark the predicted-label column when `predicted` is nil.
    public static let defaultPredictedNames = ["predicted", "y_pred", "pred", "prediction", "predictions"]

    /// The actual labels' column; nil finds it by `defaultActualNames` (column 1 without a header).
    /// With `truth`, the truth file's label column (nil: by name, or column 2 without a header).
    public var actual: ColumnSelector?
    /// The predicted labels' column; nil finds it by `defaultPredictedNames` (column 2 without a header).
    public var predicted: ColumnSelector?
    /// Whether the first row names the columns; without a header, columns are positions.
    public var hasHeader = true
    /// Without a header: the names of the prediction file's columns, in order, as its header
    /// would give them (a part of a file split without its header is then read as the whole
    /// file is); every row must have as many fields. Nil: columns are positions.
    public var columnNames: [String]?
    /// The byte between fields; nil is tab for `.tsv` and `.tab` files, a comma otherwise.
    public var delimiter: UInt8?
    /// Single- or multi-label cells.
    public var mode = Mode.singleLabel
    /// Report exactly these labels in this order (scikit-learn's `labels=`); nil reports every
    /// label seen, in Unicode code point order.
    public var labels: [String]?
    /// What an undefined metric (a zero denominator) becomes.
    public var zeroDivision = ZeroDivision.warn
    /// Skip and count rows with too few or too many fields instead of failing.
    public var skipBadRows = false
    /// Read a quote inside an unquoted field as an ordinary character instead of failing.
    public var lenientQuotes = false
    /// Also score each distinct value of this column as a slice of its own (with `truth`, a
    /// column of the truth file).
    public var groupBy: ColumnSelector?
    /// Slices with fewer rows are left out of the report (their rows still count for the file).
    public var minimumGroupRows = 1
    /// A file of actual labels that prediction files are joined to by `id`.
    public var truth: String?
    /// The id column of the prediction files (and of the truth file, unless `truthID` is given).
    public var id: ColumnSelector?
    /// The truth file's id column, when it differs from `id`.
    public var truthID: ColumnSelector?
    /// What truth ids without a prediction do.
    public var onMissing = MissingPredictions.error
    /// Threads that read parts of a large regular file, or blocks of a stream (standard input,
    /// gzip, zstd, UTF-16), at once; nil is one per core. The report is the same whatever the count.
    public var threads: Int?
    /// The fewest bytes a part of a file read by a thread of its own may have; a stream's blocks
    /// are this size when it is below 1 MiB.
    public var minimumPartBytes = 8 << 20
    /// How many bytes one read asks for.
    public var readSize = 1 << 18
    /// The most columns a header (or, without one, the first row) may have.
    public var maximumColumns = 100_000

    /// One score column per class (`--scores`): single-label rows are predicted the class of the
    /// highest score (the first such column on ties), multi-label rows every class whose score
    /// reaches its threshold. No `predicted` column is read then.
    public var scores: ColumnSetSelector?
    /// The classes of the `scores` columns, in column order, instead of the columns' names.
    public var scoreLabels: [String]?
    /// With single-label `scores`: also top-k accuracy, as scikit-learn's `top_k_accuracy_score`.
    public var topK: Int?
    /// The bins of the reliability diagram (`calibration`), equal-width over [0, 1].
    public var calibrationBins = 10
    /// Ranking from N bins of width 1 / (N − 1) per score column (constant memory) instead of
    /// exact score histograms; nil is exact.
    public var scoreBins: Int?
    /// The bytes exact score histograms may take (all threads together) before they switch to
    /// 4,096 bins, with a warning.
    public var maximumScoreMemory = 256 << 20
    /// With score columns: each class's ROC and precision-recall curve (`curves`), thinned to at
    /// most this many points (at least 2); nil writes no curves.
    public var curvePoints: Int?

    /// The bytes one part's exact score histograms may take: `maximumScoreMemory` shared by the
    /// threads, with room for merging their tables.
    var scoreMemoryOfPart: Int { maximumScoreMemory / (2 * max(1, threads ?? CSVReadPlan.availableCores)) }
    /// The one score column of a binary problem (`--score`): `positive` is predicted when the
    /// score reaches the threshold, else `negative`.
    public var score: ColumnSelector?
    /// The positive label: with `score`, what a score at or above the threshold predicts; always,
    /// the report gains `averages.binary` (scikit-learn's `average='binary'`, `pos_label`).
    public var positive: String?
    /// With `score`: what a score below the threshold predicts; nil is the one actual label other
    /// than `positive` (an error when the file has not exactly one).
    public var negative: String?
    /// The decision threshold of `score` or of multi-label `scores`; nil is 0.5.
    public var threshold: Threshold?
    /// Multi-label actual sets as indicator columns, one per label (0/1, true/false, yes/no,
    /// 0.0/1.0), instead of the `actual` column.
    public var actualColumns: ColumnSetSelector?
    /// Multi-label predicted sets as indicator columns, instead of the `predicted` column.
    public var predictedColumns: ColumnSetSelector?
    /// How multi-label cells write their sets.
    public var labelFormat = LabelFormat.separated

    /// Whether labels are text or numbers (`auto`: numbers when every label is one).
    public var labelType = LabelType.auto
    /// The cells that mean "no value" (pandas' `na_values` by default). In multi-label cells a
    /// missing value is no label; an empty cell is the empty set.
    public var missingValues = defaultMissingValues
    /// What a row whose prediction is a missing value does.
    public var missingPrediction = MissingPrediction.wrong
    /// What a row whose actual label is a missing value does.
    public var missingActual = MissingActual.error
    /// Labels renamed before counting, in both columns and the score classes: from → to.
    public var labelMap: [String: String] = [:]
    /// With `truth`: whether ids compare as text or as numbers (`007`, `7` and `7.0` one id).
    public var idType = IDType.text
    /// F-beta's β (a finite number, 0 or more): classes and averages gain `fbeta`; nil for none.
    public var beta: Double?
    /// Bootstrap intervals for every metric (`--ci`); nil for none. Without `truth`, `id` is the
    /// rows' key (else their byte offsets).
    public var bootstrap: BootstrapOptions?
    /// Whether the tallies log every counted row, for `compare` to pair with another file's.
    var logsRows = false

    /// Every option at its default.
    public init() {}

    /// The first option set to a value no evaluation can take, or nil when every one is usable.
    public var problem: OptionProblem? {
        if let labels {
            if labels.isEmpty || labels.contains("") { return .emptyLabelList }
            if Set(labels).count != labels.count { return .repeatedLabel }
        }
        if case .multiLabel(let separator) = mode, separator.isEmpty, labelFormat == .separated { return .emptySeparator }
        if let problem = modelOutputProblem { return problem }
        if let threads, threads < 1 { return .threadsBelowOne }
        if let beta, !(beta.isFinite && beta >= 0) { return .betaNotANumberFromZero }
        if minimumGroupRows < 1 { return .minimumGroupRowsBelowOne }
        if maximumColumns < 1 { return .maximumColumnsBelowOne }
        if truth != nil && id == nil { return .truthWithoutID }
        if let bootstrap {
            if !(bootstrap.level > 0 && bootstrap.level < 1) { return .levelNotBetweenZeroAndOne }
            if bootstrap.replicates < 1 { return .numberBelowOne(.bootstrap) }
        }
        if truth == nil {
            if id != nil && bootstrap == nil { return .idWithoutTruth(.id) }
            if truthID != nil { return .idWithoutTruth(.truthID) }
        }
        if truth == "-" { return .truthFromStandardInput }
        let columns: [(OptionName, ColumnSelector?)] = [
            (.actual, actual), (.predicted, predicted), (.groupBy, groupBy), (.id, id), (.truthID, truthID),
            (.score, score),
        ]
        for case let (option, .position(position)?) in columns where position < 1 {
            return .positionBelowOne(option)
        }
        return nil
    }
}

extension EvaluationOptions {
    /// Whether rows are label sets.
    var isMultiLabel: Bool {
        if case .multiLabel = mode { return true }
        return false
    }

    /// The first problem with the options of score, indicator and list columns.
    private var modelOutputProblem: OptionProblem? {
        let predictedSources: [(OptionName, Bool)] = [
            (.predicted, predicted != nil), (.scores, scores != nil), (.score, score != nil),
            (.predictedColumns, predictedColumns != nil),
        ]
        let given = predictedSources.filter(\.1).map(\.0)
        if given.count > 1 { return .conflicting(given[0], given[1]) }
        if actualColumns != nil && actual != nil { return .conflicting(.actual, .actualColumns) }
        if scoreLabels != nil && scores == nil { return .needs(.scoreLabels, .scores) }
        if let columnNames {
            if hasHeader { return .needs(.columns, .noHeader) }
            if columnNames.isEmpty || columnNames.contains("") || Set(columnNames).count != columnNames.count {
                return .badColumnNames
            }
        }
        if scores != nil && scoreLabels == nil && !hasHeader && columnNames == nil { return .scoreLabelsWithoutHeader }
        if let scoreLabels {
            if scoreLabels.isEmpty || scoreLabels.contains("") { return .emptyList(.scoreLabels) }
            if Set(scoreLabels).count != scoreLabels.count { return .repeatedListLabel(.scoreLabels) }
        }
        if calibrationBins < 1 { return .numberBelowOne(.calibrationBins) }
        if let scoreBins, scoreBins < 2 { return .numberBelowTwo(.scoreBins) }
        if let curvePoints {
            if scores == nil && score == nil { return .needs(.curves, .scores) }
            if curvePoints < 2 { return .numberBelowTwo(.curvePoints) }
        }
        if let topK {
            if scores == nil { return .needs(.topK, .scores) }
            if isMultiLabel { return .singleLabelOnly(.topK) }
            if topK < 1 { return .numberBelowOne(.topK) }
        }
        if score != nil {
            if isMultiLabel { return .singleLabelOnly(.score) }
            if positive == nil { return .needs(.score, .positive) }
        }
        if negative != nil && score == nil { return .needs(.negative, .score) }
        if positive == "" || negative == "" { return .emptyLabel(positive == "" ? .positive : .negative) }
        if positive != nil && positive == negative { return .positiveIsNegative }
        if positive != nil && isMultiLabel { return .singleLabelOnly(.positive) }
        if let threshold {
            if score == nil && !(isMultiLabel && scores != nil) { return .thresholdWithoutScores }
            switch threshold {
            case .all(let value): if !value.isFinite { return .thresholdNotFinite }
            case .perClass(let values):
                if score != nil { return .perClassThresholdForBinary }
                if values.isEmpty || values.keys.contains("") { return .emptyList(.threshold) }
                if values.values.contains(where: { !$0.isFinite }) { return .thresholdNotFinite }
            }
        }
        if !isMultiLabel {
            if actualColumns != nil { return .multiLabelOnly(.actualColumns) }
            if predictedColumns != nil { return .multiLabelOnly(.predictedColumns) }
            if labelFormat == .list { return .multiLabelOnly(.labelFormat) }
        }
        return nil
    }
}

/// What `EvaluationOptions.onMissing` does about truth ids with no prediction.
public enum MissingPredictions: String, CaseIterable, Codable, Sendable {
    /// Fail, naming the count and the first ids.
    case error
    /// Score the matched rows; the audit still counts the missing ids.
    case ignore
}

/// What a row whose prediction is a missing value does.
public enum MissingPrediction: String, CaseIterable, Codable, Sendable {
    /// The row counts and is wrong: its actual label gets a false negative, no class a false
    /// positive (scikit-learn with the missing value mapped to a label outside `labels=`).
    case wrong
    /// The row is skipped and counted in `skipped_rows`.
    case skip
    /// The evaluation fails, naming the line.
    case error
    /// The cell's text is a class of its own.
    case label
}

/// What a row whose actual label is a missing value does.
public enum MissingActual: String, CaseIterable, Codable, Sendable {
    /// The evaluation fails, naming the line.
    case error
    /// The row is skipped and counted in `skipped_rows`.
    case skip
}

/// How the ids of a truth join compare.
public enum IDType: String, CaseIterable, Codable, Sendable {
    /// Byte-exact: `7` and `007` are two ids.
    case text
    /// As numbers: `007`, `7` and `7.0` are one id.
    case number
}

/// An option set to a value that no evaluation can take.
public enum OptionProblem: Sendable, Equatable {
    /// `labels` is empty or holds an empty label.
    case emptyLabelList
    /// `labels` names a label twice.
    case repeatedLabel
    /// The list of the option (`scoreLabels`, per-class thresholds) is empty or holds an empty label.
    case emptyList(OptionName)
    /// The option's list names a label twice.
    case repeatedListLabel(OptionName)
    /// `columnNames` is empty, or holds an empty or a repeated name.
    case badColumnNames
    /// The option (`positive`, `negative`) is the empty label.
    case emptyLabel(OptionName)
    /// Two options that say the same thing differently (two sources of predictions) are both given.
    case conflicting(OptionName, OptionName)
    /// The first option needs the second.
    case needs(OptionName, OptionName)
    /// The option applies to single-label rows only.
    case singleLabelOnly(OptionName)
    /// The option applies to multi-label rows only.
    case multiLabelOnly(OptionName)
    /// The option's number is below 1.
    case numberBelowOne(OptionName)
    /// The option's count is below 2.
    case numberBelowTwo(OptionName)
    /// `positive` and `negative` are the same label.
    case positiveIsNegative
    /// Score columns in a file without a header, whose classes only `scoreLabels` can name.
    case scoreLabelsWithoutHeader
    /// A threshold without scores to cut (`score`, or multi-label `scores`).
    case thresholdWithoutScores
    /// A threshold that is not a finite number.
    case thresholdNotFinite
    /// Per-class thresholds for the one score of a binary problem.
    case perClassThresholdForBinary
    /// The multi-label separator is empty.
    case emptySeparator
    /// `threads` is below 1.
    case threadsBelowOne
    /// `beta` is negative, infinite or NaN.
    case betaNotANumberFromZero
    /// The bootstrap's level is not strictly between 0 and 1.
    case levelNotBetweenZeroAndOne

    /// `minimumGroupRows` is below 1.
    case minimumGroupRowsBelowOne
    /// `maximumColumns` is below 1.
    case maximumColumnsBelowOne
    /// `truth` is given without `id`.
    case truthWithoutID
    /// `id` or `truthID` (the option) is given without `truth`.
    case idWithoutTruth(OptionName)
    /// `truth` is standard input (`-`), which the prediction file may need.
    case truthFromStandardInput
    /// A column position (of the option) below 1.
    case positionBelowOne(OptionName)
}

/// An option as messages name it; `EvaluationTerms` spells each one.
public enum OptionName: Sendable, Hashable, CaseIterable {
    case actual, predicted, id, truthID, groupBy, labels, labelSeparator, threads, minimumGroupRows, truth, columns
    case maximumColumns
    case scores, scoreLabels, topK, calibrationBins, scoreBins, curves, curvePoints, score, positive, negative, threshold, actualColumns, predictedColumns
    case labelFormat
    case labelType, missingValues, missingPrediction, missingActual, labelMap, idType
    case beta, ci, bootstrap
    /// The id column that keys the rows' bootstrap weights (`id` without `truth`).
    case rowKey
    /// The metric `compare` compares.
    case metric
    /// Reading label sets.
    case multiLabel
    /// Skipping rows with the wrong number of fields.
    case skipBadRows
    /// Reading stray quotes as characters.
    case lenientQuotes
    /// Reading a file without a header.
    case noHeader
    /// Scoring only the matched rows of a truth join.
    case onMissingIgnore
}

/// The seeded Poisson bootstrap of design §6: `replicates` replicates under `seed`, intervals
/// at `level`.
public struct BootstrapOptions: Codable, Sendable, Equatable {
    /// The intervals' level, strictly between 0 and 1 (0.95: the 2.5 % and 97.5 % quantiles).
    public var level: Double
    /// Replicates drawn (default 1000).
    public var replicates: Int
    /// The seed (default 0).
    public var seed: UInt64

    /// A bootstrap at `level`.
    ///
    /// - Parameters:
    ///   - level: the intervals' level.
    ///   - replicates: replicates drawn.
    ///   - seed: the seed.
    public init(level: Double, replicates: Int = 1000, seed: UInt64 = 0) {
        self.level = level
        self.replicates = replicates
        self.seed = seed
    }
}

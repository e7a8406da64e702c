/// Everything that decides how a file is read and scored: the library's counterpart of the
/// command line's flags, every default as the command line's.
public struct EvaluationOptions: Sendable, Equatable {
    /// How cells are read.
    public enum Mode: Sendable, Equatable {
        /// One label per cell (the default).
        case singleLabel
        /// A set of labels per cell, joined by `separator` (`|` on the command line); labels are
        /// trimmed of surrounding spaces and an empty cell is the empty set.
        case multiLabel(separator: String)
    }

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
    /// Threads that read parts of a large regular file at once; nil is one per core. The report
    /// is the same whatever the count.
    public var threads: Int?
    /// The fewest bytes a part read by a thread of its own may have.
    public var minimumPartBytes = 8 << 20
    /// How many bytes one read asks for.
    public var readSize = 1 << 20
    /// The most columns a header (or, without one, the first row) may have.
    public var maximumColumns = 100_000

    /// Every option at its default.
    public init() {}

    /// The first option set to a value no evaluation can take, or nil when every one is usable.
    public var problem: OptionProblem? {
        if let labels {
            if labels.isEmpty || labels.contains("") { return .emptyLabelList }
            if Set(labels).count != labels.count { return .repeatedLabel }
        }
        if case .multiLabel(let separator) = mode, separator.isEmpty { return .emptySeparator }
        if let threads, threads < 1 { return .threadsBelowOne }
        if minimumGroupRows < 1 { return .minimumGroupRowsBelowOne }
        if maximumColumns < 1 { return .maximumColumnsBelowOne }
        if truth != nil && id == nil { return .truthWithoutID }
        if truth == nil {
            if id != nil { return .idWithoutTruth(.id) }
            if truthID != nil { return .idWithoutTruth(.truthID) }
        }
        if truth == "-" { return .truthFromStandardInput }
        let columns: [(OptionName, ColumnSelector?)] = [
            (.actual, actual), (.predicted, predicted), (.groupBy, groupBy), (.id, id), (.truthID, truthID),
        ]
        for case let (option, .position(position)?) in columns where position < 1 {
            return .positionBelowOne(option)
        }
        return nil
    }
}

/// What `EvaluationOptions.onMissing` does about truth ids with no prediction.
public enum MissingPredictions: String, CaseIterable, Sendable {
    /// Fail, naming the count and the first ids.
    case error
    /// Score the matched rows; the audit still counts the missing ids.
    case ignore
}

/// An option set to a value that no evaluation can take.
public enum OptionProblem: Sendable, Equatable {
    /// `labels` is empty or holds an empty label.
    case emptyLabelList
    /// `labels` names a label twice.
    case repeatedLabel
    /// The multi-label separator is empty.
    case emptySeparator
    /// `threads` is below 1.
    case threadsBelowOne
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
    case actual, predicted, id, truthID, groupBy, labels, labelSeparator, threads, minimumGroupRows, truth
    case maximumColumns
    /// Skipping rows with the wrong number of fields.
    case skipBadRows
    /// Reading stray quotes as characters.
    case lenientQuotes
    /// Reading a file without a header.
    case noHeader
    /// Scoring only the matched rows of a truth join.
    case onMissingIgnore
}

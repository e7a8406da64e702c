/// Everything a renderer needs to show one evaluation: counts, scores, averages, the matrix.
///
/// Scores are `nil` where undefined (`--zero-division nan`). Its JSON form, written by
/// `JSONReportRenderer` and read back by `Decodable`, is the report contract (design §3).
public struct Report: Decodable, Sendable, Equatable {
    /// Single-label (one label per cell) or multi-label (a set per cell).
    public enum Mode: String, Decodable, Sendable {
        /// One label per cell: a K×K confusion matrix.
        case singleLabel = "single-label"
        /// A set of labels per cell: per-label counts and per-row tallies.
        case multiLabel = "multi-label"
    }

    /// The file as the user named it.
    public var file: String
    /// How cells were read.
    public var mode: Mode
    /// Rows scored.
    public var rows: Int
    /// Rows read but skipped (`--skip-bad-rows`); rows read = `rows` + `skippedRows`.
    public var skippedRows: Int
    /// Scored rows whose prediction was a missing value (`--missing-prediction wrong`: counted
    /// as wrong, no class's false positive), plus those skipped for it (`skip`).
    public var missingPredictions = 0
    /// How the file was read, when it was read from CSV: the delimiter (given, or sniffed).
    public var dialect: ReportDialect?
    /// The reported labels, in report order.
    public var labels: [String]
    /// One entry per reported label, in report order.
    public var classes: [ClassReport]
    /// Micro, macro, weighted and (multi-label) samples averages.
    public var averages: Averages
    /// Accuracy (single-label) or subset accuracy (multi-label).
    public var accuracy: Double?
    /// The β of `--beta`: classes and averages then carry `fbeta`.
    public var beta: Double?
    /// Statistics of the whole table beyond the per-class scores: balanced accuracy, MCC and
    /// Cohen's kappa (single-label), Hamming loss and Jaccard averages (multi-label).
    public var statistics: Statistics?
    /// Multi-label: rows by their own Jaccard index |actual ∩ predicted| / |actual ∪ predicted|
    /// (two empty sets: 1), in 11 bins: `[0, 0.1)`, `[0.1, 0.2)`, … `[0.9, 1)`, then exactly 1
    /// (the exact matches). Nil for single-label reports.
    public var rowJaccardHistogram: [Int]?
    /// With `--ci`: the bootstrap interval of `accuracy` (nil inside when undefined).
    public var accuracyCI: Interval??
    /// With `--ci`: how the intervals were drawn.
    public var bootstrap: BootstrapSummary?
    /// With `--scores` and `--top-k`: the share of rows whose actual class is among the `k`
    /// highest-scored.
    public var topKAccuracy: TopKAccuracy?
    /// With single-label score columns: scikit-learn's `log_loss` over the score classes; the
    /// inner value is nil when the scores are not probabilities (or a row's actual class has no
    /// score column). Nil when no score columns were read (the key is then absent from JSON).
    public var logLoss: Double??
    /// With `--ci` and `logLoss`: its bootstrap interval (nil inside when undefined).
    public var logLossCI: Interval??
    /// With score columns: ROC-AUC and average precision beyond the decision.
    public var ranking: Ranking?
    /// With `ranking`: whether it comes from exact score histograms (false when binned).
    public var rankingExact: Bool?
    /// With binary or single-label score columns: the calibration; the inner value is nil when
    /// the scores are not probabilities. Nil (the key absent) otherwise.
    public var calibration: Calibration??
    /// With `--curves`: each score class's ROC and precision-recall points, by label (written
    /// in class order); a class without positive or without negative rows has none.
    public var curves: [String: ClassCurves]?
    /// When scores were thresholded: each class's threshold, in label byte order.
    public var thresholds: [LabelThreshold]?
    /// Single-label: rows actual, columns predicted, in report order; nil when there are more
    /// labels than the matrix is kept for (see `SingleLabelCounts.pairLimit`).
    public var confusionMatrix: [[Int]]?
    /// What the evaluation warned about (ill-defined metrics under `--zero-division warn`).
    public var warnings: [String]
    /// With `--truth`: how the prediction file's ids matched the truth file's.
    public var audit: JoinAudit?
    /// With `--group-by`: one report per distinct value of the group column, sorted by value.
    public var groups: [GroupReport]?

    /// A report with these contents.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(
        file: String, mode: Mode, rows: Int, skippedRows: Int, labels: [String], classes: [ClassReport],
        averages: Averages, accuracy: Double?, confusionMatrix: [[Int]]?, warnings: [String],
        audit: JoinAudit? = nil, groups: [GroupReport]? = nil, topKAccuracy: TopKAccuracy? = nil,
        logLoss: Double?? = nil, thresholds: [LabelThreshold]? = nil
    ) {
        self.topKAccuracy = topKAccuracy
        self.logLoss = logLoss
        self.thresholds = thresholds
        self.file = file
        self.mode = mode
        self.rows = rows
        self.skippedRows = skippedRows
        self.labels = labels
        self.classes = classes
        self.averages = averages
        self.accuracy = accuracy
        self.confusionMatrix = confusionMatrix
        self.warnings = warnings
        self.audit = audit
        self.groups = groups
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case file, mode, rows, skippedRows = "skipped_rows", missingPredictions = "missing_predictions", dialect
        case labels, classes, averages, accuracy, accuracyCI = "accuracy_ci", beta, statistics
        case rowJaccardHistogram = "row_jaccard_histogram", bootstrap
        case topKAccuracy = "top_k_accuracy", logLoss = "log_loss", logLossCI = "log_loss_ci"
        case ranking, rankingExact = "ranking_exact", calibration, curves, thresholds
        case confusionMatrix = "confusion_matrix", warnings, audit, groups
    }

    /// Decodes the contract's JSON; `log_loss` tells a `null` (scores that are not
    /// probabilities) from an absent key (no scores read).
    ///
    /// - Parameter decoder: the decoder of the report's object.
    /// - Throws: `DecodingError` where a member is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        file = try container.decode(String.self, forKey: .file)
        mode = try container.decode(Mode.self, forKey: .mode)
        rows = try container.decode(Int.self, forKey: .rows)
        skippedRows = try container.decode(Int.self, forKey: .skippedRows)
        missingPredictions = try container.decodeIfPresent(Int.self, forKey: .missingPredictions) ?? 0
        dialect = try container.decodeIfPresent(ReportDialect.self, forKey: .dialect)
        labels = try container.decode([String].self, forKey: .labels)
        classes = try container.decode([ClassReport].self, forKey: .classes)
        averages = try container.decode(Averages.self, forKey: .averages)
        accuracy = try container.decodeIfPresent(Double.self, forKey: .accuracy)
        beta = try container.decodeIfPresent(Double.self, forKey: .beta)
        statistics = try container.decodeIfPresent(Statistics.self, forKey: .statistics)
        rowJaccardHistogram = try container.decodeIfPresent([Int].self, forKey: .rowJaccardHistogram)
        accuracyCI = container.contains(.accuracyCI) ? .some(try container.decodeIfPresent(Interval.self, forKey: .accuracyCI)) : nil
        bootstrap = try container.decodeIfPresent(BootstrapSummary.self, forKey: .bootstrap)
        topKAccuracy = try container.decodeIfPresent(TopKAccuracy.self, forKey: .topKAccuracy)
        logLoss = container.contains(.logLoss) ? .some(try container.decodeIfPresent(Double.self, forKey: .logLoss)) : nil
        logLossCI = container.contains(.logLossCI) ? .some(try container.decodeIfPresent(Interval.self, forKey: .logLossCI)) : nil
        ranking = try container.decodeIfPresent(Ranking.self, forKey: .ranking)
        rankingExact = try container.decodeIfPresent(Bool.self, forKey: .rankingExact)
        calibration = container.contains(.calibration) ? .some(try container.decodeIfPresent(Calibration.self, forKey: .calibration)) : nil
        curves = try container.decodeIfPresent([String: ClassCurves].self, forKey: .curves)
        thresholds = try container.decodeIfPresent([String: Double].self, forKey: .thresholds).map(LabelThreshold.sorted)
        confusionMatrix = try container.decodeIfPresent([[Int]].self, forKey: .confusionMatrix)
        warnings = try container.decode([String].self, forKey: .warnings)
        audit = try container.decodeIfPresent(JoinAudit.self, forKey: .audit)
        groups = try container.decodeIfPresent([GroupReport].self, forKey: .groups)
    }
}

/// How a file was read: its field delimiter, as given or as sniffed from its first lines.
public struct ReportDialect: Decodable, Sendable, Equatable {
    /// The delimiter: `,`, `;`, `|`, or `\t` for a tab.
    public var delimiter: String

    /// A dialect with this delimiter.
    ///
    /// - Parameter delimiter: the delimiter as text.
    public init(delimiter: String) {
        self.delimiter = delimiter
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case delimiter }
}

/// Top-k accuracy (`--top-k`): the share of rows whose actual class is among the `k` classes
/// with the highest scores, as scikit-learn's `top_k_accuracy_score` counts it.
public struct TopKAccuracy: Decodable, Sendable, Equatable {
    /// How many of the highest-scored classes count.
    public var k: Int
    /// The share of rows, nil when undefined (a row's actual class has no score column).
    public var value: Double?
    /// With `--ci`: the bootstrap interval of `value`, as `{"value": [low, high]}`.
    public var ci: [String: Interval?]?

    /// Top-k accuracy with these values.
    ///
    /// - Parameters:
    ///   - k: how many of the highest-scored classes count.
    ///   - value: the share of rows, or nil.
    public init(k: Int, value: Double?) {
        self.k = k
        self.value = value
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case k, value, ci }
}

/// One class's decision threshold: a score at or above `threshold` predicts `label`.
public struct LabelThreshold: Sendable, Equatable {
    /// The class.
    public var label: String
    /// The threshold.
    public var threshold: Double

    /// A threshold for a class.
    ///
    /// - Parameters:
    ///   - label: the class.
    ///   - threshold: the score at or above which it is predicted.
    public init(label: String, threshold: Double) {
        self.label = label
        self.threshold = threshold
    }

    /// The thresholds of `byLabel` in label byte order, the order a report lists them in.
    ///
    /// - Parameter byLabel: thresholds by class.
    /// - Returns: the thresholds, sorted by the classes' UTF-8 bytes.
    public static func sorted(_ byLabel: [String: Double]) -> [LabelThreshold] {
        byLabel.map { LabelThreshold(label: $0.key, threshold: $0.value) }
            .sorted { $0.label.utf8.lexicographicallyPrecedes($1.label.utf8) }
    }
}

/// One label's counts and scores.
public struct ClassReport: Decodable, Sendable, Equatable {
    /// The label as text (bytes that are not UTF-8 show as U+FFFD).
    public var label: String
    /// True positives.
    public var tp: Int
    /// False positives.
    public var fp: Int
    /// False negatives.
    public var fn: Int
    /// Rows whose actual label (set) holds the label.
    public var support: Int
    /// Rows whose predicted label (set) holds the label.
    public var predicted: Int
    /// tp / (tp + fp), nil if undefined.
    public var precision: Double?
    /// tp / (tp + fn), nil if undefined.
    public var recall: Double?
    /// 2·tp / (2·tp + fp + fn), nil if undefined.
    public var f1: Double?
    /// True negatives: rows counted whose actual and predicted labels (sets) both lack the label.
    public var tn: Int
    /// tn / (tn + fp), nil if undefined.
    public var specificity: Double?
    /// The negative predictive value, tn / (tn + fn), nil if undefined.
    public var npv: Double?
    /// tp / (tp + fp + fn), scikit-learn's `jaccard_score`, nil if undefined.
    public var jaccard: Double?
    /// With `--beta`: (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp), nil if undefined or without a β.
    public var fbeta: Double?
    /// With score columns (the report's `ranking`): one-vs-rest ROC-AUC of the class's score,
    /// nil when undefined (no positive or no negative row, or no score column for the class).
    public var rocAUC: Double?
    /// With score columns: one-vs-rest average precision, nil when undefined (as `rocAUC`).
    public var averagePrecision: Double?
    /// With `--ci`: each score's bootstrap interval by its JSON name (nil where no replicate
    /// defines the score).
    public var ci: [String: Interval?]?

    /// A class entry with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(
        label: String, tp: Int, fp: Int, fn: Int, support: Int, predicted: Int, precision: Double?,
        recall: Double?, f1: Double?, tn: Int = 0, specificity: Double? = nil, npv: Double? = nil,
        jaccard: Double? = nil, fbeta: Double? = nil
    ) {
        self.label = label
        self.tp = tp
        self.fp = fp
        self.fn = fn
        self.support = support
        self.predicted = predicted
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.tn = tn
        self.specificity = specificity
        self.npv = npv
        self.jaccard = jaccard
        self.fbeta = fbeta
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case label, tp, fp, fn, tn, support, predicted, precision, recall, f1, fbeta, specificity, npv, jaccard
        case rocAUC = "roc_auc", averagePrecision = "average_precision", ci
    }

}

/// One average's scores.
public struct AverageReport: Decodable, Sendable, Equatable {
    /// The averaged precision, nil if undefined.
    public var precision: Double?
    /// The averaged recall, nil if undefined.
    public var recall: Double?
    /// The averaged F1, nil if undefined.
    public var f1: Double?
    /// With `--beta`: the averaged F-beta, nil if undefined or without a β.
    public var fbeta: Double?
    /// The summed support of the reported labels.
    public var support: Int
    /// With `--ci`: each score's bootstrap interval by its JSON name.
    public var ci: [String: Interval?]?

    /// An average with these values.
    ///
    /// - Parameters:
    ///   - precision: the averaged precision.
    ///   - recall: the averaged recall.
    ///   - f1: the averaged F1.
    ///   - fbeta: the averaged F-beta (`--beta`), or nil.
    ///   - support: the summed support.
    public init(precision: Double?, recall: Double?, f1: Double?, fbeta: Double? = nil, support: Int) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.fbeta = fbeta
        self.support = support
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case precision, recall, f1, fbeta, support, ci }

}

/// The averages a report carries.
public struct Averages: Decodable, Sendable, Equatable {
    /// Scores of the summed counts.
    public var micro: AverageReport
    /// Unweighted mean over labels.
    public var macro: AverageReport
    /// Mean over labels weighted by support.
    public var weighted: AverageReport
    /// Mean over rows (multi-label only).
    public var samples: AverageReport?
    /// With `--positive`: the positive label's own scores, scikit-learn's `average='binary'`.
    public var binary: AverageReport?

    /// Averages with these values.
    ///
    /// - Parameters:
    ///   - micro: scores of the summed counts.
    ///   - macro: the unweighted mean over labels.
    ///   - weighted: the mean weighted by support.
    ///   - samples: the mean over rows (multi-label), or nil.
    ///   - binary: the positive label's scores (`--positive`), or nil.
    public init(
        micro: AverageReport, macro: AverageReport, weighted: AverageReport, samples: AverageReport?,
        binary: AverageReport? = nil
    ) {
        self.micro = micro
        self.macro = macro
        self.weighted = weighted
        self.samples = samples
        self.binary = binary
    }

    enum CodingKeys: String, CodingKey { case micro, macro, weighted, samples, binary }
}

/// The report on one slice of a file: the rows whose group column held `group`.
public struct GroupReport: Decodable, Sendable, Equatable {
    /// The group column's value.
    public var group: String
    /// The slice scored as a file of its own.
    public var report: Report

    /// The report on the slice `group`.
    ///
    /// - Parameters:
    ///   - group: the group column's value.
    ///   - report: the slice's report.
    public init(group: String, report: Report) {
        self.group = group
        self.report = report
    }

    /// Decodes `{"group": VALUE, ...report...}`: the group beside the report's own members.
    ///
    /// - Parameter decoder: the decoder of the group's object.
    /// - Throws: `DecodingError` where a member is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        group = try decoder.container(keyedBy: GroupKey.self).decode(String.self, forKey: .group)
        report = try Report(from: decoder)
    }

    enum GroupKey: String, CodingKey { case group }
}

/// How the ids of a prediction file matched those of a truth file (`--truth`, `--id`).
public struct JoinAudit: Decodable, Sendable, Equatable {
    /// Predictions whose id the truth file has: the rows scored.
    public var matched: Int
    /// Truth ids with no prediction.
    public var missing: Int
    /// Predictions whose id the truth file lacks.
    public var extra: Int
    /// The first missing ids (at most `listedIDLimit`), in truth-file order.
    public var missingIDs: [String]
    /// The first extra ids (at most `listedIDLimit`), in prediction-file order.
    public var extraIDs: [String]
    /// Rows of the truth file skipped for their number of fields (also in the report's
    /// `skippedRows`); in JSON only when there are some.
    public var truthSkippedRows: Int

    /// How many missing or extra ids an audit lists.
    public static let listedIDLimit = 20

    /// An audit with these counts and ids.
    ///
    /// - Parameters:
    ///   - matched: predictions whose id the truth file has.
    ///   - missing: truth ids with no prediction.
    ///   - extra: predictions whose id the truth file lacks.
    ///   - missingIDs: the first missing ids.
    ///   - extraIDs: the first extra ids.
    ///   - truthSkippedRows: truth rows skipped for their number of fields.
    public init(
        matched: Int, missing: Int, extra: Int, missingIDs: [String], extraIDs: [String], truthSkippedRows: Int = 0
    ) {
        self.matched = matched
        self.missing = missing
        self.extra = extra
        self.missingIDs = missingIDs
        self.extraIDs = extraIDs
        self.truthSkippedRows = truthSkippedRows
    }

    /// Decodes an audit; `truth_skipped_rows` is 0 where absent.
    ///
    /// - Parameter decoder: the decoder of the audit's object.
    /// - Throws: `DecodingError` where a member is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        matched = try container.decode(Int.self, forKey: .matched)
        missing = try container.decode(Int.self, forKey: .missing)
        extra = try container.decode(Int.self, forKey: .extra)
        missingIDs = try container.decode([String].self, forKey: .missingIDs)
        extraIDs = try container.decode([String].self, forKey: .extraIDs)
        truthSkippedRows = try container.decodeIfPresent(Int.self, forKey: .truthSkippedRows) ?? 0
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case matched, missing, extra, missingIDs = "missing_ids", extraIDs = "extra_ids"
        case truthSkippedRows = "truth_skipped_rows"
    }
}

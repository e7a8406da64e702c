/// What the scores say beyond the decision (design §3 "Ranking and calibration"): ROC-AUC and
/// average precision of the positive label (binary), or averaged over the score classes.
public enum Ranking: Sendable, Equatable {
    /// A binary score: the positive label's values (nil where undefined) and, with `--ci`, their
    /// intervals by JSON name.
    case binary(rocAUC: Double?, averagePrecision: Double?, ci: [String: Interval?]? = nil)
    /// Score columns: each figure's averages.
    case averaged(rocAUC: RankingAverages, averagePrecision: RankingAverages)

    enum CodingKeys: String, CodingKey, CaseIterable { case rocAUC = "roc_auc", averagePrecision = "average_precision", ci }
}

extension Ranking: Decodable {
    /// Decodes `{"roc_auc": V, "average_precision": V}` (binary) or the same keys holding averages.
    ///
    /// - Parameter decoder: the decoder of the ranking's object.
    /// - Throws: `DecodingError` where a member is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let averages = try? container.decode(RankingAverages.self, forKey: .rocAUC) {
            self = .averaged(rocAUC: averages, averagePrecision: try container.decode(RankingAverages.self, forKey: .averagePrecision))
        } else {
            self = .binary(
                rocAUC: try container.decodeIfPresent(Double.self, forKey: .rocAUC),
                averagePrecision: try container.decodeIfPresent(Double.self, forKey: .averagePrecision),
                ci: try container.decodeIfPresent([String: Interval?].self, forKey: .ci))
        }
    }
}

/// One ranking figure averaged over the score classes, as scikit-learn averages it.
public struct RankingAverages: Decodable, Sendable, Equatable {
    /// The unweighted mean over classes (ROC-AUC: nil when a class's is undefined; average
    /// precision counts a class without positive rows as 0).
    public var macro: Double?
    /// The mean weighted by each class's positive rows.
    public var weighted: Double?
    /// The figure of all classes' rows pooled (the binarized labels, raveled).
    public var micro: Double?
    /// Multi-label: the mean of each row's own figure over its labels; nil (absent) otherwise.
    public var samples: Double??
    /// With `--ci`: each average's bootstrap interval by its JSON name.
    public var ci: [String: Interval?]?

    /// Averages with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(macro: Double?, weighted: Double?, micro: Double?, samples: Double?? = nil) {
        self.macro = macro
        self.weighted = weighted
        self.micro = micro
        self.samples = samples
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case macro, weighted, micro, samples, ci }

    /// Decodes the averages; `samples` present (maybe `null`) only for multi-label reports.
    ///
    /// - Parameter decoder: the decoder of the averages' object.
    /// - Throws: `DecodingError` where a member is of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        macro = try container.decodeIfPresent(Double.self, forKey: .macro)
        weighted = try container.decodeIfPresent(Double.self, forKey: .weighted)
        micro = try container.decodeIfPresent(Double.self, forKey: .micro)
        samples = container.contains(.samples) ? .some(try container.decodeIfPresent(Double.self, forKey: .samples)) : nil
        ci = try container.decodeIfPresent([String: Interval?].self, forKey: .ci)
    }
}

/// Whether the scores can be trusted as probabilities: the Brier score, the expected
/// calibration error and the reliability diagram's bins.
public struct Calibration: Decodable, Sendable, Equatable {
    /// scikit-learn's `brier_score_loss`: the mean of (p − y)² (binary) or of Σ_k (p_k − y_k)²
    /// (multiclass).
    public var brier: Double?
    /// Σ over bins of (rows in the bin / rows) · |mean score − fraction positive|.
    public var ece: Double?
    /// The bins, lowest first, as `calibration_curve(strategy='uniform')` makes them (empty ones too).
    public var bins: [CalibrationBin]

    /// Calibration with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(brier: Double?, ece: Double?, bins: [CalibrationBin]) {
        self.brier = brier
        self.ece = ece
        self.bins = bins
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case brier, ece, bins }
}

/// One bin of the reliability diagram: rows whose calibrated score is in (low, high] (the first
/// bin also holds 0).
public struct CalibrationBin: Decodable, Sendable, Equatable {
    /// The bin's lower edge.
    public var low: Double
    /// Its upper edge.
    public var high: Double
    /// Rows in the bin.
    public var count: Int
    /// Their mean score (`calibration_curve`'s `prob_pred`), nil when the bin is empty.
    public var meanScore: Double?
    /// The share of them whose outcome is positive (`prob_true`), nil when the bin is empty.
    public var fractionPositive: Double?

    /// A bin with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(low: Double, high: Double, count: Int, meanScore: Double?, fractionPositive: Double?) {
        self.low = low
        self.high = high
        self.count = count
        self.meanScore = meanScore
        self.fractionPositive = fractionPositive
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case low, high, count, meanScore = "mean_score", fractionPositive = "fraction_positive"
    }
}

/// One class's curves (`--curves`): ROC and precision-recall points, thinned to at most
/// `--curve-points`.
public struct ClassCurves: Decodable, Sendable, Equatable {
    /// `[fpr, tpr, threshold]`, from (0, 0) at threshold `null` (scikit-learn's `inf`) to (1, 1).
    public var roc: [CurvePoint]
    /// `[recall, precision, threshold]`, from the lowest threshold to (0, 1) at threshold `null`.
    public var pr: [CurvePoint]

    /// Curves with these points.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(roc: [CurvePoint], pr: [CurvePoint]) {
        self.roc = roc
        self.pr = pr
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case roc, pr }
}

/// One point of a curve, written `[x, y, threshold]`: ROC's false and true positive rates, or
/// the precision-recall curve's recall and precision, at the score threshold.
public struct CurvePoint: Decodable, Sendable, Equatable {
    /// The false positive rate (ROC) or recall (PR).
    public var x: Double
    /// The true positive rate (ROC) or precision (PR).
    public var y: Double
    /// The score at or above which rows count as positive; nil for the end scikit-learn gives
    /// no finite threshold (ROC's first point, PR's last).
    public var threshold: Double?

    /// A point with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(x: Double, y: Double, threshold: Double?) {
        self.x = x
        self.y = y
        self.threshold = threshold
    }

    /// Decodes `[x, y, threshold]`.
    ///
    /// - Parameter decoder: the decoder of the point's array.
    /// - Throws: `DecodingError` where the array is not two numbers and a number or `null`.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        x = try container.decode(Double.self)
        y = try container.decode(Double.self)
        threshold = try container.decodeIfPresent(Double.self)
    }

    /// The Euclidean distance to `other`.
    func distance(to other: CurvePoint) -> Double { ((other.x - x) * (other.x - x) + (other.y - y) * (other.y - y)).squareRoot() }
}

/// Statistics of a whole report beyond its per-class scores (design §3 "Statistics"): for
/// single-label reports balanced accuracy, Matthews' correlation coefficient and Cohen's kappa,
/// for multi-label ones the Hamming loss and the Jaccard index's averages. Each is computed from
/// counts, as scikit-learn computes it; nil where undefined.
public struct Statistics: Decodable, Sendable, Equatable {
    /// Single-label: the mean recall over the classes that occur as actual labels
    /// (`balanced_accuracy_score`).
    public var balancedAccuracy: Double?
    /// Single-label: the multiclass Matthews correlation coefficient (`matthews_corrcoef`).
    public var mcc: Double?
    /// Single-label: Cohen's kappa between the actual and predicted labels (`cohen_kappa_score`).
    public var cohenKappa: Double?
    /// Multi-label: the share of wrong (row, label) cells over the reported labels (`hamming_loss`).
    public var hammingLoss: Double?
    /// Multi-label: the Jaccard index averaged (`jaccard_score`'s micro, macro, weighted, samples).
    public var jaccard: JaccardAverages?
    /// With `--ci`: each statistic's bootstrap interval by its JSON name (the Jaccard averages'
    /// are in `jaccard`).
    public var ci: [String: Interval?]?

    /// Statistics with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(
        balancedAccuracy: Double? = nil, mcc: Double? = nil, cohenKappa: Double? = nil, hammingLoss: Double? = nil,
        jaccard: JaccardAverages? = nil
    ) {
        self.balancedAccuracy = balancedAccuracy
        self.mcc = mcc
        self.cohenKappa = cohenKappa
        self.hammingLoss = hammingLoss
        self.jaccard = jaccard
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case balancedAccuracy = "balanced_accuracy", mcc, cohenKappa = "cohen_kappa", hammingLoss = "hamming_loss", jaccard, ci
    }
}

/// The Jaccard index (tp / (tp + fp + fn)) averaged as scikit-learn's `jaccard_score` does.
public struct JaccardAverages: Decodable, Sendable, Equatable {
    /// Of the summed counts.
    public var micro: Double?
    /// The mean over labels.
    public var macro: Double?
    /// The mean over labels weighted by support.
    public var weighted: Double?
    /// The mean over rows of |actual ∩ predicted| / |actual ∪ predicted|.
    public var samples: Double?
    /// With `--ci`: each average's bootstrap interval by its JSON name.
    public var ci: [String: Interval?]?

    /// Averages with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(micro: Double?, macro: Double?, weighted: Double?, samples: Double?) {
        self.micro = micro
        self.macro = macro
        self.weighted = weighted
        self.samples = samples
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case micro, macro, weighted, samples, ci }
}

/// What `predeval compare` reports: each candidate's metric against the baseline's on the same
/// rows, the difference's paired bootstrap interval, and McNemar's exact test.
public struct ComparisonReport: Decodable, Sendable, Equatable {
    /// One comparison per candidate, in the order given.
    public var comparisons: [ModelComparison]
    /// How the replicates were drawn (each difference's interval at its level).
    public var bootstrap: BootstrapSummary

    /// A report of these comparisons.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(comparisons: [ModelComparison], bootstrap: BootstrapSummary) {
        self.comparisons = comparisons
        self.bootstrap = bootstrap
    }

    /// Whether some candidate is worse than the baseline beyond its interval: the whole interval
    /// of its difference below 0 (above 0 for a metric where lower is better).
    public var someCandidateIsWorse: Bool { comparisons.contains(where: \.isWorse) }

    enum CodingKeys: String, CodingKey { case comparisons, bootstrap }
}

/// One candidate against the baseline.
public struct ModelComparison: Decodable, Sendable, Equatable {
    /// The baseline's file.
    public var baseline: String
    /// The candidate's file.
    public var candidate: String
    /// The metric, as `--metric` names it.
    public var metric: String
    /// The baseline's value (nil where undefined).
    public var baselineValue: Double?
    /// The candidate's value (nil where undefined).
    public var candidateValue: Double?
    /// `candidateValue − baselineValue` (nil where either is undefined).
    public var difference: Double?
    /// The percentile interval of the replicates' differences, both files weighted alike row by
    /// row (nil when no replicate has both values).
    public var differenceCI: Interval?
    /// McNemar's exact test of the rows both files hold.
    public var mcnemar: McNemarTest
    /// Rows paired: in both files (with a truth file, the ids both score).
    public var pairedRows: Int
    /// Whether a smaller value of the metric is the better one.
    public var lowerIsBetter: Bool

    /// A comparison with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(
        baseline: String, candidate: String, metric: String, baselineValue: Double?, candidateValue: Double?,
        differenceCI: Interval?, mcnemar: McNemarTest, pairedRows: Int, lowerIsBetter: Bool
    ) {
        self.baseline = baseline
        self.candidate = candidate
        self.metric = metric
        self.baselineValue = baselineValue
        self.candidateValue = candidateValue
        if let baselineValue, let candidateValue { difference = candidateValue - baselineValue }
        self.differenceCI = differenceCI
        self.mcnemar = mcnemar
        self.pairedRows = pairedRows
        self.lowerIsBetter = lowerIsBetter
    }

    /// Whether the candidate is worse beyond its interval: the whole interval below 0 (above 0
    /// where lower is better).
    public var isWorse: Bool {
        guard let differenceCI else { return false }
        return lowerIsBetter ? differenceCI.low > 0 : differenceCI.high < 0
    }

    enum CodingKeys: String, CodingKey {
        case baseline, candidate, metric
        case baselineValue = "baseline_value"
        case candidateValue = "candidate_value"
        case difference
        case differenceCI = "difference_ci"
        case mcnemar
        case pairedRows = "paired_rows"
        case lowerIsBetter = "lower_is_better"
    }
}

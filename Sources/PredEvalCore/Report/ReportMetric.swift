/// A number read off a report by name, as `--rank-by` and `--fail-under` name it: `accuracy`,
/// `{micro,macro,weighted,samples,binary}-{precision,recall,f1}`, `top-k-accuracy`, `log-loss`,
/// `balanced-accuracy`, `mcc`, `cohen-kappa`, `hamming-loss`, `{precision,recall,f1}:LABEL`, and
/// from scores `[{macro,weighted,micro,samples}-]{roc-auc,average-precision}` (unqualified: the
/// binary score's, else the macro average), `{roc-auc,average-precision}:LABEL`, `brier`, `ece`.
public enum ReportMetric: Equatable, Sendable, CustomStringConvertible {
    /// Accuracy (single-label) or subset accuracy (multi-label).
    case accuracy
    /// Top-k accuracy (`--top-k`).
    case topKAccuracy
    /// Log loss (score columns); lower is better, so a gate on it fails above its threshold.
    case logLoss
    /// One of the report's statistics.
    case statistic(Statistic)
    /// One score of one average.
    case average(Average, Score)
    /// One score of one label.
    case label(String, Score)
    /// A ranking figure: of the binary score, or (nil average) the macro average, or an average.
    case ranking(RankingFigure, RankingAverage?)
    /// A ranking figure of one label.
    case labelRanking(String, RankingFigure)
    /// A calibration figure; lower is better.
    case calibration(CalibrationFigure)

    /// The ranking figures a metric may name.
    public enum RankingFigure: String, CaseIterable, Sendable {
        case rocAUC = "roc-auc", averagePrecision = "average-precision"
    }

    /// The averages of a ranking figure.
    public enum RankingAverage: String, CaseIterable, Sendable {
        case macro, weighted, micro, samples
    }

    /// The calibration figures a metric may name.
    public enum CalibrationFigure: String, CaseIterable, Sendable {
        case brier, ece
    }

    /// The averages a metric may name.
    public enum Average: String, CaseIterable, Sendable {
        case micro, macro, weighted, samples, binary
    }

    /// The scores a metric may name.
    public enum Score: String, CaseIterable, Sendable {
        case precision, recall, f1
    }

    /// The statistics a metric may name (`Statistics`).
    public enum Statistic: String, CaseIterable, Sendable {
        /// Single-label.
        case balancedAccuracy = "balanced-accuracy", mcc, cohenKappa = "cohen-kappa"
        /// Multi-label; lower is better.
        case hammingLoss = "hamming-loss"
    }

    /// Every name of the form `accuracy` or `AVERAGE-SCORE`, for help and messages.
    public static let averageNames: [String] =
        ["accuracy", "top-k-accuracy", "log-loss"]
        + Average.allCases.flatMap { average in Score.allCases.map { "\(average.rawValue)-\($0.rawValue)" } }
        + Statistic.allCases.map(\.rawValue)
        + RankingFigure.allCases.flatMap { figure in [figure.rawValue] + RankingAverage.allCases.map { "\($0.rawValue)-\(figure.rawValue)" } }
        + CalibrationFigure.allCases.map(\.rawValue)

    /// The metric `name` spells, or nil.
    ///
    /// - Parameter name: the metric's name, as `--rank-by` takes it.
    public init?(_ name: String) {
        switch name {
        case "accuracy":
            self = .accuracy
            return
        case "top-k-accuracy":
            self = .topKAccuracy
            return
        case "log-loss":
            self = .logLoss
            return
        default: break
        }
        if let statistic = Statistic(rawValue: name) {
            self = .statistic(statistic)
            return
        }
        if let figure = CalibrationFigure(rawValue: name) {
            self = .calibration(figure)
            return
        }
        if let figure = RankingFigure(rawValue: name) {
            self = .ranking(figure, nil)
            return
        }
        for figure in RankingFigure.allCases where name.hasPrefix(figure.rawValue + ":") {
            let label = String(name.dropFirst(figure.rawValue.count + 1))
            guard !label.isEmpty else { return nil }
            self = .labelRanking(label, figure)
            return
        }
        if let dash = name.firstIndex(of: "-"), let average = RankingAverage(rawValue: String(name[..<dash])),
            let figure = RankingFigure(rawValue: String(name[name.index(after: dash)...]))
        {
            self = .ranking(figure, average)
            return
        }
        if let colon = name.firstIndex(of: ":") {
            guard let score = Score(rawValue: String(name[..<colon])) else { return nil }
            let label = String(name[name.index(after: colon)...])
            guard !label.isEmpty else { return nil }
            self = .label(label, score)
            return
        }
        let parts = name.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let average = Average(rawValue: parts[0]), let score = Score(rawValue: parts[1]) else {
            return nil
        }
        self = .average(average, score)
    }

    /// The metric's name, as it is spelled on the command line.
    public var description: String {
        switch self {
        case .accuracy: return "accuracy"
        case .topKAccuracy: return "top-k-accuracy"
        case .logLoss: return "log-loss"
        case .statistic(let statistic): return statistic.rawValue
        case .average(let average, let score): return "\(average.rawValue)-\(score.rawValue)"
        case .label(let label, let score): return "\(score.rawValue):\(label)"
        case .ranking(let figure, let average): return (average.map { "\($0.rawValue)-" } ?? "") + figure.rawValue
        case .labelRanking(let label, let figure): return "\(figure.rawValue):\(label)"
        case .calibration(let figure): return figure.rawValue
        }
    }

    /// The metric's value in `report`: nil where it is undefined (`--zero-division nan`); throws
    /// where the report has no such metric (samples of a single-label report, an absent label).
    ///
    /// - Parameter report: a report.
    /// - Returns: the value, nil where undefined.
    /// - Throws: `MetricUnavailable` when the report has no such metric.
    public func value(in report: Report) throws(MetricUnavailable) -> Double? {
        switch self {
        case .accuracy:
            return report.accuracy
        case .topKAccuracy:
            guard let topK = report.topKAccuracy else {
                throw MetricUnavailable(file: report.file, message: "top-k-accuracy needs --scores and --top-k")
            }
            return topK.value
        case .logLoss:
            guard let logLoss = report.logLoss else {
                throw MetricUnavailable(file: report.file, message: "log-loss needs single-label --scores")
            }
            return logLoss
        case .statistic(let statistic):
            let statistics = report.statistics
            let isMultiLabel = report.mode == .multiLabel
            switch statistic {
            case .hammingLoss where isMultiLabel: return statistics?.hammingLoss
            case .balancedAccuracy where !isMultiLabel: return statistics?.balancedAccuracy
            case .mcc where !isMultiLabel: return statistics?.mcc
            case .cohenKappa where !isMultiLabel: return statistics?.cohenKappa
            default:
                let needs = isMultiLabel ? "a single-label report" : "a multi-label report (--multi-label)"
                throw MetricUnavailable(file: report.file, message: "\(self) needs \(needs)")
            }
        case .average(let average, let score):
            let averages = report.averages
            let chosen: AverageReport?
            switch average {
            case .micro: chosen = averages.micro
            case .macro: chosen = averages.macro
            case .weighted: chosen = averages.weighted
            case .samples: chosen = averages.samples
            case .binary: chosen = averages.binary
            }
            guard let chosen else {
                let needs = average == .binary ? "--positive LABEL" : "a multi-label report (--multi-label)"
                throw MetricUnavailable(file: report.file, message: "\(self) needs \(needs)")
            }
            return Self.pick(score, precision: chosen.precision, recall: chosen.recall, f1: chosen.f1)
        case .label(let label, let score):
            guard let entry = report.classes.first(where: { $0.label == label }) else {
                throw MetricUnavailable(
                    file: report.file, message: "\(TerminalText.quoted(description)): the report has no label '\(TerminalText.quoted(label))'")
            }
            return Self.pick(score, precision: entry.precision, recall: entry.recall, f1: entry.f1)
        case .ranking(let figure, let average):
            return try rankingValue(figure, average, in: report)
        case .labelRanking(let label, let figure):
            guard report.ranking != nil else { throw MetricUnavailable(file: report.file, message: "\(self) needs --scores or --score") }
            guard let entry = report.classes.first(where: { $0.label == label }) else {
                throw MetricUnavailable(
                    file: report.file, message: "\(TerminalText.quoted(description)): the report has no label '\(TerminalText.quoted(label))'")
            }
            return figure == .rocAUC ? entry.rocAUC : entry.averagePrecision
        case .calibration(let figure):
            guard let calibration = report.calibration else {
                throw MetricUnavailable(file: report.file, message: "\(self) needs single-label --scores or --score")
            }
            return figure == .brier ? calibration?.brier : calibration?.ece
        }
    }

    private func rankingValue(_ figure: RankingFigure, _ average: RankingAverage?, in report: Report) throws(MetricUnavailable) -> Double? {
        switch report.ranking {
        case nil:
            throw MetricUnavailable(file: report.file, message: "\(self) needs --scores or --score")
        case .binary(let rocAUC, let averagePrecision, _)?:
            guard average == nil else { throw MetricUnavailable(file: report.file, message: "\(self) needs --scores (a binary --score has no averages)") }
            return figure == .rocAUC ? rocAUC : averagePrecision
        case .averaged(let rocAUC, let averagePrecision)?:
            let averages = figure == .rocAUC ? rocAUC : averagePrecision
            switch average ?? .macro {
            case .macro: return averages.macro
            case .weighted: return averages.weighted
            case .micro: return averages.micro
            case .samples:
                guard let samples = averages.samples else {
                    throw MetricUnavailable(file: report.file, message: "\(self) needs a multi-label report (--multi-label)")
                }
                return samples
            }
        }
    }

    private static func pick(_ score: Score, precision: Double?, recall: Double?, f1: Double?) -> Double? {
        switch score {
        case .precision: return precision
        case .recall: return recall
        case .f1: return f1
        }
    }
}

extension ReportMetric {
    /// Whether a smaller value is the better one (log loss, Hamming loss): a gate then fails above its
    /// threshold and a leaderboard puts the smallest first.
    public var lowerIsBetter: Bool {
        switch self {
        case .logLoss, .statistic(.hammingLoss), .calibration: return true
        default: return false
        }
    }

    /// Whether the metric is read off score histograms or calibration counts, which bootstrap
    /// replicates do not keep yet.
    public var isFromScores: Bool {
        switch self {
        case .ranking, .labelRanking, .calibration: return true
        default: return false
        }
    }
}

/// Why a report has no value for a metric.
public struct MetricUnavailable: Error, Sendable, CustomStringConvertible {
    /// The report's file.
    public let file: String
    /// Why, without the file.
    public let message: String

    /// `FILE: message`, the file escaped for a terminal.
    public var description: String { "\(TerminalText.escaped(file)): \(message)" }
}

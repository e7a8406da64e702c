/// A number read off a report by name, as `--rank-by` and `--fail-under` name it: `accuracy`,
/// `{micro,macro,weighted,samples,binary}-{precision,recall,f1}`, `top-k-accuracy`, `log-loss`,
/// `balanced-accuracy`, `mcc`, `cohen-kappa`, `hamming-loss`, or `{precision,recall,f1}:LABEL`.
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
    public var lowerIsBetter: Bool { self == .logLoss || self == .statistic(.hammingLoss) }
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

/// A number read off a report by name, as `--rank-by` and `--fail-under` name it: `accuracy`,
/// `{micro,macro,weighted,samples}-{precision,recall,f1}`, or `{precision,recall,f1}:LABEL`.
public enum ReportMetric: Equatable, Sendable, CustomStringConvertible {
    /// Accuracy (single-label) or subset accuracy (multi-label).
    case accuracy
    /// One score of one average.
    case average(Average, Score)
    /// One score of one label.
    case label(String, Score)

    /// The averages a metric may name.
    public enum Average: String, CaseIterable, Sendable {
        case micro, macro, weighted, samples
    }

    /// The scores a metric may name.
    public enum Score: String, CaseIterable, Sendable {
        case precision, recall, f1
    }

    /// Every name of the form `accuracy` or `AVERAGE-SCORE`, for help and messages.
    public static let averageNames: [String] =
        ["accuracy"] + Average.allCases.flatMap { average in Score.allCases.map { "\(average.rawValue)-\($0.rawValue)" } }

    /// The metric `name` spells, or nil.
    ///
    /// - Parameter name: the metric's name, as `--rank-by` takes it.
    public init?(_ name: String) {
        if name == "accuracy" {
            self = .accuracy
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
        case .average(let average, let score):
            let averages = report.averages
            let chosen: AverageReport?
            switch average {
            case .micro: chosen = averages.micro
            case .macro: chosen = averages.macro
            case .weighted: chosen = averages.weighted
            case .samples: chosen = averages.samples
            }
            guard let chosen else {
                throw MetricUnavailable(description: "\(TerminalText.escaped(report.file)): \(self) needs a multi-label report (--multi-label)")
            }
            return Self.pick(score, precision: chosen.precision, recall: chosen.recall, f1: chosen.f1)
        case .label(let label, let score):
            guard let entry = report.classes.first(where: { $0.label == label }) else {
                throw MetricUnavailable(
                    description: "\(TerminalText.escaped(report.file)): \(TerminalText.quoted(description)): the report has no label '\(TerminalText.quoted(label))'")
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

/// Why a report has no value for a metric; the message starts with the file.
public struct MetricUnavailable: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let description: String
}

/// A threshold a report must reach (`--fail-under METRIC=VALUE`): the metric's value must be at
/// least `threshold` (for log loss, where lower is better: at most). An undefined value
/// (`--zero-division nan`) does not reach any threshold.
public struct QualityGate: Equatable, Sendable, CustomStringConvertible {
    /// What is measured.
    public let metric: ReportMetric
    /// The least value that passes.
    public let threshold: Double

    /// The gate `METRIC=VALUE` spells, or nil.
    ///
    /// - Parameter text: `METRIC=VALUE`, such as `macro-f1=0.8`.
    public init?(_ text: String) {
        guard let equals = text.lastIndex(of: "="), let metric = ReportMetric(String(text[..<equals])),
            let threshold = Double(text[text.index(after: equals)...]), threshold.isFinite
        else { return nil }
        self.metric = metric
        self.threshold = threshold
    }

    /// `METRIC=VALUE`.
    public var description: String { "\(metric)=\(threshold)" }

    /// The message for a report that fails the gate, or nil when it passes.
    ///
    /// - Parameter report: a report.
    /// - Returns: the message, or nil.
    /// - Throws: `MetricUnavailable` when the report has no such metric.
    public func failure(of report: Report) throws(MetricUnavailable) -> String? {
        guard let value = try metric.value(in: report) else {
            return "\(TerminalText.escaped(report.file)): \(TerminalText.quoted(metric.description)) is undefined, below the threshold \(threshold)"
        }
        if metric.lowerIsBetter {
            guard value > threshold else { return nil }
            return "\(TerminalText.escaped(report.file)): \(TerminalText.quoted(metric.description)) is \(value), above the threshold \(threshold)"
        }
        guard value < threshold else { return nil }
        return "\(TerminalText.escaped(report.file)): \(TerminalText.quoted(metric.description)) is \(value), below the threshold \(threshold)"
    }
}

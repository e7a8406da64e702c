import ArgumentParser
import PredEval

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How `evaluate` and `merge` render reports, check their quality gates and write them.
struct ReportPresentation {
    let output: OutputOptions
    let allStats: Bool
    let normalize: MatrixNormalization?
    let rankBy: ReportMetric
    let details: Bool
    let failUnder: [QualityGate]

    /// Renders `reports`, checks the gates, writes the text to `destination`, then reports the
    /// failed gates. Everything that can refuse runs before a byte is written.
    ///
    /// - Throws: `CommandFailure` when a metric is unknown or the output cannot be written,
    ///   `ExitCode` 1 when a gate failed.
    func write(_ reports: [Report], to destination: ReportOutput) throws {
        let text = try rendered(reports)
        let failedGates = try gateFailures(reports)
        try destination.write(text)
        guard !failedGates.isEmpty else { return }
        for failure in failedGates { Diagnostics.writeError("predeval: quality gate failed: \(failure)\n") }
        throw ExitCode(CommandLineEntry.qualityGateFailure)
    }

    // MARK: Private

    private func rendered(_ reports: [Report]) throws -> String {
        do {
            switch output.format {
            case .text:
                var renderer = TextReportRenderer(
                    digits: output.digits, showsConfusionMatrix: output.confusionMatrix || normalize != nil,
                    rankBy: rankBy, maximumLabelWidth: output.maxLabelWidth)
                renderer.showsAllStatistics = allStats
                renderer.normalization = normalize
                return reports.count == 1 ? renderer.render(reports[0]) : try renderer.render(reports, details: details)
            case .markdown:
                var renderer = MarkdownReportRenderer(digits: output.digits, rankBy: rankBy)
                renderer.showsAllStatistics = allStats
                return reports.count == 1 ? renderer.render(reports[0]) : try renderer.render(reports, details: details)
            case .html:
                let renderer = HTMLReportRenderer(digits: output.digits, rankBy: rankBy, normalization: normalize)
                return reports.count == 1 ? renderer.render(reports[0]) : try renderer.render(reports, details: details)
            case .json:
                return reports.count == 1 ? reports[0].json() : JSONReportRenderer.render(reports)
            case .csv:
                // A terminal gets escaped control characters; a file or a pipe the exact bytes.
                let renderer = CSVReportRenderer(
                    guardsFormulas: !output.csvRaw, escapesControlCharacters: output.output == nil && isatty(STDOUT_FILENO) == 1)
                return reports.contains { $0.curves != nil }
                    ? renderer.renderCurves(reports, withFileColumn: reports.count > 1)
                    : renderer.render(reports, withFileColumn: reports.count > 1)
            }
        } catch {
            throw CommandFailure("--rank-by: \(error.description)")
        }
    }

    /// The message of every failing gate of every report, in order.
    private func gateFailures(_ reports: [Report]) throws -> [String] {
        var failures: [String] = []
        for report in reports {
            for gate in failUnder {
                do {
                    if let failure = try gate.failure(of: report) { failures.append(failure) }
                } catch {
                    throw CommandFailure("--fail-under: \(error.description)")
                }
            }
        }
        return failures
    }
}

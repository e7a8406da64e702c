public import ArgumentParser
public import PredEval

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The values options take, each parsed once, where the command line is parsed.

extension ZeroDivision: ExpressibleByArgument {
    /// The values `--zero-division` takes, as scikit-learn spells them.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension MissingPredictions: ExpressibleByArgument {}
extension MissingPrediction: ExpressibleByArgument {}
extension MissingActual: ExpressibleByArgument {}
extension LabelType: ExpressibleByArgument {}
extension IDType: ExpressibleByArgument {}
extension MatrixNormalization: ExpressibleByArgument {}

extension ColumnSelector: ExpressibleByArgument {
    /// A column as given on the command line: all digits is a 1-based position, anything else a
    /// header name.
    ///
    /// - Parameter argument: the flag's value.
    public init(argument: String) {
        if !argument.isEmpty, argument.allSatisfy({ $0.isASCII && $0.isNumber }), let position = Int(argument) {
            self = .position(position)
        } else {
            self = .name(argument)
        }
    }
}

extension ReportMetric: ExpressibleByArgument {
    /// A metric as `--rank-by` names it: `accuracy`, `macro-f1`, `f1:LABEL`, ...
    ///
    /// - Parameter argument: the flag's value.
    public init?(argument: String) {
        self.init(argument)
    }

    /// The metric `argument` names, for an option's `transform`.
    ///
    /// - Parameter argument: the flag's value.
    /// - Returns: the metric.
    /// - Throws: `InvalidArgument` saying which names there are.
    static func parsed(_ argument: String) throws(InvalidArgument) -> ReportMetric {
        guard let metric = ReportMetric(argument) else { throw InvalidArgument(expected: metricNames) }
        return metric
    }

    /// Every name a metric may have, for messages.
    static let metricNames = "a metric: \(averageNames.joined(separator: ", ")), or {precision,recall,f1}:LABEL"
}

extension QualityGate: ExpressibleByArgument {
    /// A gate as `--fail-under` spells it: `METRIC=VALUE`.
    ///
    /// - Parameter argument: the flag's value.
    public init?(argument: String) {
        self.init(argument)
    }

    /// The gate `argument` spells, for an option's `transform`.
    ///
    /// - Parameter argument: the flag's value.
    /// - Returns: the gate.
    /// - Throws: `InvalidArgument` saying what a gate looks like.
    static func parsed(_ argument: String) throws(InvalidArgument) -> QualityGate {
        guard let gate = QualityGate(argument) else {
            throw InvalidArgument(expected: "METRIC=VALUE, such as macro-f1=0.8 or recall:cat=0.5, with \(ReportMetric.metricNames)")
        }
        return gate
    }
}

/// Why an option's value was refused: what it should have looked like. ArgumentParser shows it
/// after "The value 'x' is invalid for '--option <value>':".
struct InvalidArgument: Error, CustomStringConvertible {
    /// What the option takes.
    let expected: String

    var description: String { "give \(expected)" }
}

/// The formats a report can be written in.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// A table for people.
    case text
    /// The report contract's JSON.
    case json
    /// GitHub-flavoured Markdown tables.
    case markdown
    /// One CSV row per class.
    case csv
    /// One self-contained HTML page with SVG charts.
    case html
}

/// The field delimiter `--delimiter` gives: one ASCII character other than a quote or a line
/// break, or `tab` (also `\t`).
public struct Delimiter: ExpressibleByArgument, Sendable, Equatable {
    /// The delimiter's byte.
    public let byte: UInt8

    /// The delimiter `argument` spells: one ASCII character, or `tab` / `\t`; nil for anything
    /// else, and for bytes that cannot separate fields (a quote, a line break, non-ASCII).
    ///
    /// - Parameter argument: the flag's value.
    public init?(argument: String) {
        if argument == "tab" || argument == "\\t" || argument == "\t" {
            byte = UInt8(ascii: "\t")
            return
        }
        let bytes = Array(argument.utf8)
        guard bytes.count == 1, let byte = bytes.first, byte < 0x80,
            ![UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n")].contains(byte)
        else { return nil }
        self.byte = byte
    }

    /// The delimiter `argument` spells, for an option's `transform`.
    ///
    /// - Parameter argument: the flag's value.
    /// - Returns: the delimiter.
    /// - Throws: `InvalidArgument` saying what a delimiter may be.
    static func parsed(_ argument: String) throws(InvalidArgument) -> Delimiter {
        guard let delimiter = Delimiter(argument: argument) else {
            throw InvalidArgument(expected: "one ASCII character other than a quote or a line break, or 'tab'")
        }
        return delimiter
    }
}

/// A comma-separated list of labels, as `--labels` takes it; `a,,b` holds an empty label.
public struct LabelList: ExpressibleByArgument, Sendable, Equatable {
    /// The labels, in order.
    public let labels: [String]

    /// The labels of `argument`, split at every comma.
    ///
    /// - Parameter argument: the flag's value.
    public init(argument: String) {
        labels = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

extension ColumnSetSelector {
    /// Columns as `--scores`, `--actual-columns` and `--predicted-columns` take them: a glob
    /// (holding `*` or `?`), a 1-based range `4-13`, or a comma list of names and positions.
    ///
    /// - Parameter argument: the flag's value.
    /// - Returns: the selector.
    /// - Throws: `InvalidArgument` saying what the flag takes.
    static func parsed(_ argument: String) throws(InvalidArgument) -> ColumnSetSelector {
        let expected = InvalidArgument(
            expected: "a glob on header names ('p_*'), a 1-based range of positions (4-13), or a comma list of names or positions")
        if argument.contains("*") || argument.contains("?") { return .glob(argument) }
        let bounds = argument.split(separator: "-", omittingEmptySubsequences: false)
        if bounds.count == 2, bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            guard let low = Int(bounds[0]), let high = Int(bounds[1]), low >= 1, low <= high else { throw expected }
            return .range(low...high)
        }
        let columns = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !columns.contains("") else { throw expected }
        return .list(columns.map(ColumnSelector.init(argument:)))
    }
}

extension EvaluationOptions.Threshold {
    /// A threshold as `--threshold` takes it: one number, or `a=0.3,b=0.7`.
    ///
    /// - Parameter argument: the flag's value.
    /// - Returns: the threshold.
    /// - Throws: `InvalidArgument` saying what the flag takes.
    static func parsed(_ argument: String) throws(InvalidArgument) -> EvaluationOptions.Threshold {
        let expected = InvalidArgument(expected: "a finite number, or one per class: LABEL=T,LABEL=T")
        guard argument.contains("=") else {
            guard let value = Double(argument), value.isFinite else { throw expected }
            return .all(value)
        }
        var byClass: [String: Double] = [:]
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = item.lastIndex(of: "="), let value = Double(item[item.index(after: equals)...]),
                value.isFinite, byClass.updateValue(value, forKey: String(item[..<equals])) == nil
            else { throw expected }
        }
        return .perClass(byClass)
    }
}

extension EvaluationOptions.LabelFormat: ExpressibleByArgument {}

/// Where `--label-map` takes its renames from: the argument itself (`a=b,c=d`), or a file.
public enum LabelMapSource: Sendable, Equatable {
    /// Renames written in the argument.
    case inline([String: String])
    /// A two-column CSV file `from,to`, read when the command runs.
    case file(String)

    /// The source `argument` names: a file when one of that name exists or the argument holds
    /// no `=`, else renames written inline.
    ///
    /// - Parameter argument: the flag's value.
    /// - Returns: the source.
    /// - Throws: `InvalidArgument` for an inline map that renames a label twice or lacks an `=`.
    static func parsed(_ argument: String) throws(InvalidArgument) -> LabelMapSource {
        if !argument.contains("=") || access(argument, F_OK) == 0 { return .file(argument) }
        guard let map = EvaluationOptions.labelMap(inline: argument) else {
            throw InvalidArgument(expected: "renames FROM=TO,FROM=TO (each label once), or a two-column CSV file from,to")
        }
        return .inline(map)
    }

    /// The renames, reading the file if the source is one.
    ///
    /// - Returns: from → to.
    /// - Throws: `EvaluationError` for a file that cannot be read.
    func renames() throws(EvaluationError) -> [String: String] {
        switch self {
        case .inline(let map): map
        case .file(let path): try EvaluationOptions.labelMap(fromFile: path)
        }
    }
}

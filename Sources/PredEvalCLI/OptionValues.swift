public import ArgumentParser
import CSVStream
public import Evaluation

extension ZeroDivision: ExpressibleByArgument {
    /// The values `--zero-division` takes, as scikit-learn spells them.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
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
}

extension ColumnSelector {
    /// A column as given on the command line: all digits is a 1-based position, anything else a
    /// header name.
    init(argument: String) {
        if !argument.isEmpty, argument.allSatisfy({ $0.isASCII && $0.isNumber }), let position = Int(argument) {
            self = .position(position)
        } else {
            self = .name(argument)
        }
    }
}

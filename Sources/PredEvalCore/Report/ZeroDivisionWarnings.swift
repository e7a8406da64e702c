/// The warnings scikit-learn gives under `zero_division="warn"`: which metrics were ill-defined
/// (a zero denominator, set to 0.0) and for which labels or how many rows.
struct ZeroDivisionWarnings {
    /// At most this many labels are named in one warning.
    static let namedLabelLimit = 10

    let labels: [String]
    let counts: [ClassCounts]
    let overlaps: [RowOverlap: Int]?

    /// One sentence per ill-defined metric; empty when every metric is defined.
    var messages: [String] {
        var messages: [String] = []
        func perLabel(_ metric: String, _ cause: String, _ isUndefined: (ClassCounts) -> Bool) {
            let affected = zip(labels, counts).filter { isUndefined($0.1) }.map(\.0)
            guard !affected.isEmpty else { return }
            messages.append(
                "\(metric) is ill-defined and set to 0.0 for \(affected.count) label\(affected.count == 1 ? "" : "s") "
                    + "with \(cause): \(Self.list(affected))")
        }
        perLabel("precision", "no predicted rows") { $0.predicted == 0 }
        perLabel("recall", "no actual rows") { $0.support == 0 }
        perLabel("F1", "neither actual nor predicted rows") { $0.support == 0 && $0.predicted == 0 }
        if let overlaps {
            func perRow(_ metric: String, _ cause: String, _ isUndefined: (RowOverlap) -> Bool) {
                let rows = overlaps.reduce(0) { $0 + (isUndefined($1.key) ? $1.value : 0) }
                guard rows > 0 else { return }
                messages.append("samples \(metric) is ill-defined and set to 0.0 for \(rows) row\(rows == 1 ? "" : "s") with \(cause)")
            }
            perRow("precision", "an empty predicted set") { $0.predicted == 0 }
            perRow("recall", "an empty actual set") { $0.actual == 0 }
            perRow("F1", "both sets empty") { $0.actual == 0 && $0.predicted == 0 }
        }
        return messages.map { $0 + "; use --zero-division to choose the value" }
    }

    private static func list(_ names: [String]) -> String {
        let named = names.prefix(namedLabelLimit).map { "'\(TerminalText.quoted($0))'" }.joined(separator: ", ")
        return names.count > namedLabelLimit ? named + " and \(names.count - namedLabelLimit) more" : named
    }
}

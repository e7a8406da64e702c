/// How labels compare: as the bytes a file holds, or as the numbers they spell.
public enum LabelType: String, Codable, Sendable, CaseIterable {
    /// Numbers when every label (missing values aside) is one, else text.
    case auto
    /// Byte-exact text: `0` and `0.0` are two labels.
    case text
    /// Numbers: `0`, `0.0` and `0e0` are one label, sorted by value; a label that is no number
    /// is an error.
    case number
}

/// The cells that mean "no value" when none are given: pandas' `na_values` (`read_csv`'s
/// defaults), so that a file pandas wrote with `NaN` or R wrote with `NA` reads as it does there.
public let defaultMissingValues = [
    "", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>", "#N/A", "#NA", "#N/A N/A",
    "-1.#IND", "-1.#QNAN", "1.#IND", "1.#QNAN",
]

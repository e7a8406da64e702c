extension OptionProblem {
    /// The problem in a sentence, each option named by `name` (the library's term or its flag).
    ///
    /// - Parameter name: how an option is named.
    /// - Returns: one sentence, ending with a full stop.
    func message(naming name: (OptionName) -> String) -> String {
        switch self {
        case .emptyLabelList: return "\(name(.labels)) takes a comma-separated list of non-empty labels."
        case .repeatedLabel: return "\(name(.labels)) lists a label more than once."
        case .emptySeparator: return "\(name(.labelSeparator)) cannot be empty."
        case .threadsBelowOne: return "\(name(.threads)) takes a number of at least 1."
        case .betaNotANumberFromZero: return "\(name(.beta)) takes a finite number of at least 0 (1 is F1)."
        case .levelNotBetweenZeroAndOne: return "\(name(.ci)) takes a level between 0 and 1, such as 0.95."
        case .minimumGroupRowsBelowOne: return "\(name(.minimumGroupRows)) takes a number of at least 1."
        case .maximumColumnsBelowOne: return "\(name(.maximumColumns)) takes a number of at least 1."
        case .truthWithoutID: return "\(name(.truth)) needs \(name(.id)), the column that joins the files."
        case .idWithoutTruth(let option):
            return "\(name(option)) joins a prediction file to a truth file: give \(name(.truth)) too."
        case .truthFromStandardInput: return "\(name(.truth)) must name a file, not standard input."
        case .positionBelowOne(let option): return "\(name(option)) positions start at 1."
        case .emptyList(let option): return "\(name(option)) takes a comma-separated list of non-empty labels."
        case .repeatedListLabel(let option): return "\(name(option)) lists a label more than once."
        case .badColumnNames: return "\(name(.columns)) takes a comma-separated list of distinct, non-empty column names."
        case .emptyLabel(let option): return "\(name(option)) cannot be the empty label."
        case .conflicting(let first, let second):
            return "\(name(first)) and \(name(second)) cannot be used together: give one of them."
        case .needs(let first, let second): return "\(name(first)) needs \(name(second))."
        case .singleLabelOnly(let option): return "\(name(option)) applies to single-label rows only, not with \(name(.multiLabel))."
        case .multiLabelOnly(let option): return "\(name(option)) applies to multi-label rows only: give \(name(.multiLabel)) too."
        case .numberBelowOne(let option): return "\(name(option)) takes a number of at least 1."
        case .numberBelowTwo(let option): return "\(name(option)) takes a number of at least 2."
        case .scoreLabelsWithoutHeader:
            return "with \(name(.noHeader)), \(name(.scores)) needs \(name(.scoreLabels)): the classes of its columns, in order."
        case .positiveIsNegative: return "\(name(.positive)) and \(name(.negative)) name the same label."
        case .thresholdWithoutScores:
            return "\(name(.threshold)) cuts scores: give \(name(.score)) (binary) or \(name(.multiLabel)) with \(name(.scores))."
        case .thresholdNotFinite: return "\(name(.threshold)) takes finite numbers."
        case .perClassThresholdForBinary:
            return "\(name(.score)) takes one \(name(.threshold)) for its positive label, not one per class."
        }
    }
}

import PredEvalCore

extension LabelInterner {
    /// Interns each label of `labels` in order and returns their ids.
    mutating func ids(_ labels: [String]) -> [Int32] {
        labels.map { intern($0) }
    }
}

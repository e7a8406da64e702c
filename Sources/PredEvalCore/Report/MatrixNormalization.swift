/// How a confusion matrix is shown as shares instead of counts, as scikit-learn's
/// `confusion_matrix(normalize=)` does: over each actual row, each predicted column, or all.
public enum MatrixNormalization: String, Sendable, CaseIterable {
    /// Each row over its sum: the share of a class's rows predicted as each class (rows add to 1).
    case actual = "true"
    /// Each column over its sum: the share of a class's predictions that were each class.
    case predicted = "pred"
    /// Each cell over the matrix's sum.
    case all

    /// `matrix` (rows actual, columns predicted) as shares; a row or column of zeros stays zero,
    /// as scikit-learn's `nan_to_num` leaves it.
    ///
    /// - Parameter matrix: a square matrix of counts.
    /// - Returns: the shares, in the same layout.
    public func normalized(_ matrix: [[Int]]) -> [[Double]] {
        let rowSums = matrix.map { $0.reduce(0, +) }
        let columnSums = matrix.first.map { first in first.indices.map { column in matrix.reduce(0) { $0 + $1[column] } } } ?? []
        let total = rowSums.reduce(0, +)
        return matrix.enumerated().map { row, counts in
            counts.enumerated().map { column, count in
                let denominator: Int
                switch self {
                case .actual: denominator = rowSums[row]
                case .predicted: denominator = columnSums[column]
                case .all: denominator = total
                }
                return denominator == 0 ? 0 : Double(count) / Double(denominator)
            }
        }
    }
}

import PredEvalCore

/// How one side of a multi-label row is read.
enum LabelSetSource: Sendable {
    /// A cell of labels joined by a separator.
    case separated(column: Int, LabelSetSplitter)
    /// A cell holding a Python or JSON list.
    case list(column: Int)
    /// Indicator columns; `classIDs[i]` is column `i`'s class.
    case indicators(columns: Range<Int>, classIDs: [Int32])
    /// Score columns: column `i`'s class `classIDs[i]` when its score reaches `thresholds[i]`.
    case scores(columns: Range<Int>, classIDs: [Int32], thresholds: [Double])
}

extension LabelSetSource {
    /// The column of a set read from one cell (separated labels or a list); nil for a set read
    /// from several columns.
    var cellColumn: Int? {
        switch self {
        case .separated(let column, _), .list(let column): return column
        case .indicators, .scores: return nil
        }
    }
}


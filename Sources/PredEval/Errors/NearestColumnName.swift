/// The header cell a mistyped column name most likely meant, for "did you mean" in messages.
enum NearestColumnName {
    /// The header cell a mistyped name most likely meant: the nearest by edit distance (case
    /// aside), at most a third of the name's length away (and at most 3).
    static func closest(to selector: ColumnSelector, in header: [String]) -> String? {
        guard case .name(let name) = selector else { return nil }
        let wanted = Array(name.lowercased().unicodeScalars)
        let limit = min(3, max(1, wanted.count / 3))
        var best: (cell: String, distance: Int)?
        for cell in header.prefix(1000) {
            let distance = editDistance(wanted, Array(cell.lowercased().unicodeScalars), limit: limit)
            if distance <= limit && (best == nil || distance < best!.distance) { best = (cell, distance) }
        }
        return best?.cell
    }

    /// Levenshtein distance of two strings, or `limit + 1` once it must exceed `limit`.
    private static func editDistance(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar], limit: Int) -> Int {
        guard abs(left.count - right.count) <= limit else { return limit + 1 }
        var previous = Array(0...right.count)
        for (i, leftScalar) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, rightScalar) in right.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (leftScalar == rightScalar ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[right.count]
    }
}

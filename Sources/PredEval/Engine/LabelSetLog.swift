import PredEvalCore

/// The counted multi-label rows of a file in file order, as `compare` pairs them with another
/// file's: each row's bootstrap key (its id's hash, else its byte offset), its line, and its two
/// label sets (ids, each once, ascending). 16 bytes a row and 4 a label.
struct LabelSetLog: Sendable {
    /// Each row's key, as the bootstrap weighs it (design §6).
    private(set) var keys: [UInt64] = []
    /// Each row's first line.
    private(set) var lines: [Int] = []
    /// Row `i`'s actual set is `ids[setEnds[2i - 1] ..< setEnds[2i]]` (from 0 for row 0), its
    /// predicted set the next run, up to `setEnds[2i + 1]`.
    private var setEnds: [Int] = []
    private var ids: [Int32] = []

    /// Rows logged.
    var count: Int { keys.count }

    /// Logs a counted row.
    mutating func append(key: UInt64, line: Int, actual: some Collection<Int32>, predicted: some Collection<Int32>) {
        keys.append(key)
        lines.append(line)
        appendSet(actual)
        appendSet(predicted)
    }

    /// Row `row`'s actual set.
    func actual(ofRow row: Int) -> ArraySlice<Int32> { ids[setStart(2 * row)..<setEnds[2 * row]] }

    /// Row `row`'s predicted set.
    func predicted(ofRow row: Int) -> ArraySlice<Int32> { ids[setEnds[2 * row]..<setEnds[2 * row + 1]] }

    /// Whether row `row`'s sets are equal (the row is predicted right, as subset accuracy counts it).
    func isExactMatch(_ row: Int) -> Bool { actual(ofRow: row) == predicted(ofRow: row) }

    /// Calls `body` with each row of `rows` and its two sets (ascending, each label once).
    func forEachRow(
        in rows: Range<Int>, _ body: (_ row: Int, _ actual: UnsafeBufferPointer<Int32>, _ predicted: UnsafeBufferPointer<Int32>) -> Void
    ) {
        ids.withUnsafeBufferPointer { ids in
            for row in rows {
                let (start, middle, end) = (setStart(2 * row), setEnds[2 * row], setEnds[2 * row + 1])
                body(row, UnsafeBufferPointer(rebasing: ids[start..<middle]), UnsafeBufferPointer(rebasing: ids[middle..<end]))
            }
        }
    }

    /// Adds the rows of `other`, a log of later rows, its ids mapped by `idMap`.
    mutating func merge(_ other: LabelSetLog, idMap: [Int32]) {
        keys += other.keys
        lines += other.lines
        for row in 0..<other.count {
            appendSet(other.actual(ofRow: row).map { idMap[Int($0)] })
            appendSet(other.predicted(ofRow: row).map { idMap[Int($0)] })
        }
    }

    /// The log with label `i` as `idMap[i]` (two labels of a set that become one count once).
    func relabeled(_ idMap: [Int32]) -> LabelSetLog {
        var relabeled = LabelSetLog()
        relabeled.merge(self, idMap: idMap)
        return relabeled
    }

    // MARK: Private

    private func setStart(_ set: Int) -> Int { set == 0 ? 0 : setEnds[set - 1] }

    private mutating func appendSet(_ set: some Collection<Int32>) {
        let start = ids.count
        ids += set
        let kept = ids.withUnsafeMutableBufferPointer {
            var added = UnsafeMutableBufferPointer(rebasing: $0[start...])
            return added.sortAndRemoveRepeats()
        }
        ids.removeSubrange((start + kept)...)
        setEnds.append(ids.count)
    }
}

extension UnsafeMutableBufferPointer<Int32> {
    /// Sorts the ids and moves each one's first copy to the front; returns how many differ.
    mutating func sortAndRemoveRepeats() -> Int {
        sort()
        var kept = 0
        for index in indices where kept == 0 || self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        return kept
    }
}

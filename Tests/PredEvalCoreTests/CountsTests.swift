import PredEvalCore
import Testing

@Suite("Counting rows")
struct CountsTests {
    /// scikit-learn's classification_report docstring: y_true 0,1,2,2,2; y_pred 0,0,2,2,1.
    private let docstring = (actual: ["0", "1", "2", "2", "2"], predicted: ["0", "0", "2", "2", "1"])

    private func count(_ actual: [String], _ predicted: [String], into interner: inout LabelInterner) -> SingleLabelCounts {
        var counts = SingleLabelCounts()
        for (a, p) in zip(interner.ids(actual), interner.ids(predicted)) { counts.add(actual: a, predicted: p) }
        return counts
    }

    @Test("single-label: support, predictions, true positives and the matrix (sklearn's confusion_matrix)")
    func singleLabel() {
        var interner = LabelInterner()
        let counts = count(docstring.actual, docstring.predicted, into: &interner)
        #expect(counts.rows == 5 && counts.correctRows == 3)
        #expect(counts.totals.actual == [1, 1, 3] && counts.totals.predicted == [2, 1, 2] && counts.totals.correct == [1, 0, 2])
        // confusion_matrix([0,1,2,2,2], [0,0,2,2,1]) == [[1,0,0],[1,0,0],[0,1,2]]
        let matrix = (0..<3).map { row in (0..<3).map { counts.count(actual: Int32(row), predicted: Int32($0)) } }
        #expect(matrix == [[1, 0, 0], [1, 0, 0], [0, 1, 2]])
    }

    @Test("single-label counts of two halves, merged, equal the counts of the whole")
    func singleLabelMerge() {
        var wholeInterner = LabelInterner()
        let whole = count(docstring.actual, docstring.predicted, into: &wholeInterner)
        var firstInterner = LabelInterner()
        var merged = count(Array(docstring.actual.prefix(2)), Array(docstring.predicted.prefix(2)), into: &firstInterner)
        var secondInterner = LabelInterner()
        let second = count(Array(docstring.actual.dropFirst(2)), Array(docstring.predicted.dropFirst(2)), into: &secondInterner)
        merged.merge(second, idMap: firstInterner.absorb(secondInterner))
        #expect(firstInterner.count == wholeInterner.count)
        #expect(merged == whole)
    }

    @Test("10,000 labels keep O(K) counts and no 10^8-cell matrix: pairs past the limit are unknown")
    func manyLabels() {
        var counts = SingleLabelCounts()
        for id in Int32(0)..<10_000 { counts.add(actual: id, predicted: (id + 1) % 10_000) }
        #expect(counts.labelCount == 10_000 && counts.rows == 10_000 && counts.correctRows == 0)
        #expect(counts.count(actual: 5, predicted: 6) == 1)
        #expect(counts.count(actual: 5, predicted: 7) == 0)
        #expect(counts.count(actual: 5_000, predicted: 5_001) == nil)
    }

    @Test("multi-label: per-label counts and per-row overlaps, repeats in a set counted once")
    func multiLabel() {
        var interner = LabelInterner()
        var counts = MultiLabelCounts()
        let rows: [([String], [String])] = [(["rock", "pop"], ["rock"]), ([], ["pop"]), (["jazz"], []), ([], []), (["pop", "pop"], ["pop"])]
        for (actual, predicted) in rows { counts.add(actual: interner.ids(actual), predicted: interner.ids(predicted)) }
        // ids: rock 0, pop 1, jazz 2
        #expect(counts.totals.actual == [1, 2, 1] && counts.totals.predicted == [1, 2, 0] && counts.totals.correct == [1, 1, 0])
        #expect(
            counts.overlaps == [
                RowOverlap(common: 1, actual: 2, predicted: 1): 1, RowOverlap(common: 0, actual: 0, predicted: 1): 1,
                RowOverlap(common: 0, actual: 1, predicted: 0): 1, RowOverlap(common: 0, actual: 0, predicted: 0): 1,
                RowOverlap(common: 1, actual: 1, predicted: 1): 1,
            ])
    }

    @Test("multi-label row tallies count only the listed labels (ids below the tally limit)")
    func tallyLimit() {
        var counts = MultiLabelCounts(tallyLimit: 1)
        counts.add(actual: [0, 1], predicted: [1])
        #expect(counts.overlaps == [RowOverlap(common: 0, actual: 1, predicted: 0): 1])
        #expect(counts.totals.correct == [0, 1])
    }

    @Test("multi-label sets counted from buffers (a cell cache's ids) count as the same sets as arrays", arguments: [false, true])
    func multiLabelFromBuffers(compact: Bool) {
        let rows: [([Int32], [Int32])] = [([0, 1], [1]), ([2], [2, 0]), ([], []), ([1, 1], [1]), ([3], []), ([], [0])]
        var fromArrays = MultiLabelCounts(tallyLimit: 3, compact: compact)
        var fromBuffers = MultiLabelCounts(tallyLimit: 3, compact: compact)
        for (actual, predicted) in rows {
            fromArrays.add(actual: actual, predicted: predicted)
            actual.withUnsafeBufferPointer { actual in
                predicted.withUnsafeBufferPointer { fromBuffers.add(actual: actual, predicted: $0) }
            }
        }
        #expect(fromBuffers == fromArrays)
        #expect(fromBuffers.totals.correct == [0, 2, 1, 0] && fromBuffers.rows == rows.count)
    }

    @Test("multi-label counts merge exactly")
    func multiLabelMerge() {
        let rows: [([Int32], [Int32])] = [([0, 1], [1]), ([2], [2, 0]), ([], []), ([1], [1])]
        var whole = MultiLabelCounts()
        for (actual, predicted) in rows { whole.add(actual: actual, predicted: predicted) }
        var merged = MultiLabelCounts()
        var second = MultiLabelCounts()
        for (actual, predicted) in rows.prefix(2) { merged.add(actual: actual, predicted: predicted) }
        for (actual, predicted) in rows.dropFirst(2) { second.add(actual: actual, predicted: predicted) }
        merged.merge(second, idMap: [0, 1, 2])
        #expect(merged == whole)
        merged.add(actual: [0], predicted: [0])  // stamps stay unique after a merge
        whole.add(actual: [0], predicted: [0])
        #expect(merged == whole)
    }
}

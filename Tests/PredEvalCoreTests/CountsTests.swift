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

    @Test("multi-label rows counted by their sets' bits, then added, count as the same rows counted one by one", arguments: [false, true])
    func multiLabelFromBits(compact: Bool) {
        // Repeats, empty sets, a label only predicted, labels past the tally limit, and sets of
        // 16 and more labels (the large overlaps).
        let wide = Array(Int32(0)..<20)
        let rows: [([Int32], [Int32])] = [
            ([0, 1], [1]), ([2], [2, 0]), ([], []), ([1, 1], [1]), ([3], []), ([], [0]), (wide, [5]), ([62, 4], wide + [62]),
        ]
        for tallyLimit in [nil, Int32(3)] {
            var oneByOne = MultiLabelCounts(tallyLimit: tallyLimit, compact: compact)
            var added = MultiLabelCounts(tallyLimit: tallyLimit, compact: compact)
            added.add(actual: [7], predicted: [7, 1])  // rows counted before, as a batch's first rows are
            oneByOne.add(actual: [7], predicted: [7, 1])
            var bitRows = LabelBitRows(tallyLimit: tallyLimit)
            for (actual, predicted) in rows {
                oneByOne.add(actual: actual, predicted: predicted)
                bitRows.add(actual: LabelIDBits(actual), predicted: LabelIDBits(predicted))
            }
            #expect(bitRows.rows == rows.count)
            added.add(bitRows)
            #expect(added == oneByOne)
            #expect(added.rows == rows.count + 1)
            added.add(actual: [2], predicted: [2])  // stamps stay unique after rows added in bulk
            oneByOne.add(actual: [2], predicted: [2])
            #expect(added == oneByOne)
        }
        var counts = MultiLabelCounts(compact: compact)
        var bitRows = LabelBitRows(tallyLimit: nil)
        for (actual, predicted) in rows.prefix(6) { bitRows.add(actual: LabelIDBits(actual), predicted: LabelIDBits(predicted)) }
        counts.add(bitRows)
        #expect(counts.totals.actual == [1, 2, 1, 1] && counts.totals.predicted == [2, 2, 1, 0] && counts.totals.correct == [0, 2, 1, 0])
        #expect(counts.overlaps[RowOverlap(common: 1, actual: 2, predicted: 1)] == 1 && counts.overlaps[RowOverlap(common: 1, actual: 1, predicted: 1)] == 1)
    }

    @Test("label ids as bits: repeats are one bit, ids of 63 and more mark the set, ranges are clipped to the word")
    func labelIDBits() {
        #expect(LabelIDBits([0, 3, 3]).word == 0b1001 && !LabelIDBits([0, 3, 3]).holdsLargeID)
        #expect(LabelIDBits([62]).word == 1 << 62 && !LabelIDBits([62]).holdsLargeID)
        #expect(LabelIDBits([63]).holdsLargeID && LabelIDBits([1, 5_000]).holdsLargeID && LabelIDBits([1, 5_000]).word & 0b10 != 0)
        #expect(LabelIDBits(idsOf: 2..<4).word == 0b1100 && LabelIDBits(idsOf: 0..<0).word == 0)
        #expect(LabelIDBits(idsOf: 60..<100).word == 0b111 << 60 && LabelIDBits(idsOf: 70..<80).word == 0)
        let none = LabelIDBits(idsOf: 0..<0)
        #expect(!LabelIDBits.eitherHoldsLargeID(LabelIDBits([1]), LabelIDBits([2]), orAnyOf: LabelIDBits([3])))
        #expect(LabelIDBits.eitherHoldsLargeID(LabelIDBits([1]), LabelIDBits([2, 3]), orAnyOf: LabelIDBits([3])))
        #expect(LabelIDBits.eitherHoldsLargeID(LabelIDBits([1]), LabelIDBits([99]), orAnyOf: none))
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

import Testing

@testable import PredEvalCore

@Suite("Score histograms: exact, binned in an array or a table, merged, past 32-bit counts")
struct ScoreHistogramTests {
    /// Scores of probabilities and of logits, the same value several times, both kinds of row.
    private static let rows: [(score: Double, isPositive: Bool)] = (0..<3000).map { row in
        let score = row % 7 == 0 ? Double(row % 23) - 11.5 : Double((row * 7919) % 1000) / 999
        return (row % 5 == 0 ? -0.0 : score, row % 3 == 0)
    }

    /// The entries of these rows binned into `bins` bins, as `ScoreHistogram.binned` floors them,
    /// counted in a dictionary.
    private func expectedEntries(_ rows: [(score: Double, isPositive: Bool)], bins: Int?) -> [ScoreHistogram.Entry] {
        var counts: [Double: (Int, Int)] = [:]
        for row in rows {
            var score = bins.map { ScoreHistogram.binned(row.score, $0) } ?? row.score
            if score == 0 { score = 0 }
            counts[score, default: (0, 0)].0 += row.isPositive ? 1 : 0
            counts[score, default: (0, 0)].1 += row.isPositive ? 0 : 1
        }
        return counts.map { ScoreHistogram.Entry(score: $0.key, positives: $0.value.0, negatives: $0.value.1) }.sorted { $0.score > $1.score }
    }

    @Test("rows taken many at once, read a stride apart, count as the dictionary does: exact, array, table, and in RankingCounts")
    func takesStridedRows() {
        // Three columns side by side, as RankingCounts keeps a row's scores: the rows are the middle one.
        let stride = 3
        var scores = [Double](repeating: 0.25, count: Self.rows.count * stride)
        var isPositive = [Bool](repeating: true, count: Self.rows.count * stride)
        for (index, row) in Self.rows.enumerated() { (scores[index * stride + 1], isPositive[index * stride + 1]) = (row.score, row.isPositive) }
        for bins in [nil, 11, 4096, ScoreHistogram.denseBinLimit + 1] as [Int?] {
            var histogram = ScoreHistogram()
            if let bins { histogram.bin(into: bins) }
            scores.withUnsafeBufferPointer { scores in
                isPositive.withUnsafeBufferPointer { isPositive in
                    // Two calls, the first ending inside a run's batch.
                    let first = 1234
                    histogram.add(scores.baseAddress! + 1, isPositive: isPositive.baseAddress! + 1, stride: stride, count: first)
                    histogram.add(
                        scores.baseAddress! + 1 + first * stride, isPositive: isPositive.baseAddress! + 1 + first * stride, stride: stride,
                        count: Self.rows.count - first)
                }
            }
            #expect(histogram.descending == expectedEntries(Self.rows, bins: bins), "\(String(describing: bins)) bins")
            #expect(histogram.count == histogram.descending.count)
        }
        // Whole rows through RankingCounts, past its pending limit: column 1 holds the rows.
        var counts = RankingCounts(columns: stride, calibrationBins: 10)
        scores.withUnsafeBufferPointer { scores in
            isPositive.withUnsafeBufferPointer { isPositive in
                for row in 0..<Self.rows.count {
                    counts.add(
                        row: UnsafeBufferPointer(rebasing: scores[row * stride..<(row + 1) * stride]),
                        isPositive: UnsafeBufferPointer(rebasing: isPositive[row * stride..<(row + 1) * stride]))
                }
            }
        }
        #expect(Self.rows.count * stride > RankingCounts.pendingLimit)
        #expect(counts.histograms[1].descending == expectedEntries(Self.rows, bins: nil))
        #expect(counts.histograms[0].descending == [ScoreHistogram.Entry(score: 0.25, positives: Self.rows.count, negatives: 0)])
    }

    @Test("exact and binned (array and table) hold what a dictionary counts; binning after the rows is binning before")
    func holdsEveryRow() {
        for bins in [nil, 2, 11, 4096, ScoreHistogram.denseBinLimit + 1] as [Int?] {
            var histogram = ScoreHistogram()
            if let bins { histogram.bin(into: bins) }
            for row in Self.rows { histogram.add(row.score, isPositive: row.isPositive) }
            #expect(histogram.descending == expectedEntries(Self.rows, bins: bins), "\(String(describing: bins)) bins")
            #expect(histogram.count == histogram.descending.count)
            if let bins {
                var late = ScoreHistogram()
                for row in Self.rows { late.add(row.score, isPositive: row.isPositive) }
                late.bin(into: bins)
                #expect(late == histogram, "\(bins) bins, binned after the rows")
            }
        }
    }

    @Test("any split merges to the whole, exact into binned and binned into exact alike")
    func mergesExactly() {
        for bins in [nil, 11, 4096] as [Int?] {
            var whole = ScoreHistogram()
            if let bins { whole.bin(into: bins) }
            for row in Self.rows { whole.add(row.score, isPositive: row.isPositive) }
            for cut in [1, 999, 2500] {
                var first = ScoreHistogram()
                var second = ScoreHistogram()
                // One part binned from the start, the other only when merged.
                if let bins { first.bin(into: bins) }
                for row in Self.rows[..<cut] { first.add(row.score, isPositive: row.isPositive) }
                for row in Self.rows[cut...] { second.add(row.score, isPositive: row.isPositive) }
                var merged = second
                merged.merge(first)
                first.merge(second)
                #expect(first == whole && merged == whole, "\(String(describing: bins)) bins, cut at \(cut)")
            }
        }
    }

    @Test("counts past 2^32 rows of one score are carried, exact and binned")
    func carriesPastThirtyTwoBits() {
        for bins in [nil, 4096, ScoreHistogram.denseBinLimit + 1] as [Int?] {
            var histogram = ScoreHistogram()
            if let bins { histogram.bin(into: bins) }
            histogram.add(0.25, positives: 3 << 31, negatives: 1)
            histogram.add(0.25, positives: 3 << 31, negatives: 5 << 31)
            histogram.add(-2, positives: 1, negatives: 0)
            let edge = bins.map { ScoreHistogram.binned(0.25, $0) } ?? 0.25
            #expect(
                histogram.descending == [
                    ScoreHistogram.Entry(score: edge, positives: 6 << 31, negatives: (5 << 31) + 1),
                    ScoreHistogram.Entry(score: -2, positives: 1, negatives: 0),
                ], "\(String(describing: bins)) bins")
        }
    }
}

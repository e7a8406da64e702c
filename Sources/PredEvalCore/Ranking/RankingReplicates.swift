/// Every score column's histogram in every bootstrap replicate — for each distinct score, the
/// weighted positive and negative rows of each replicate — and, for multi-label rows, the
/// replicates' weighted `samples` sums: what the intervals of ROC-AUC and average precision are
/// read from. Weights are integers, so parts merge exactly.
///
/// A distinct score costs 8 bytes a replicate. Past `memoryLimit` the scores are binned into
/// `RelativeScoreBins` of `startingBits` bits, and again with a bit fewer while they still pass
/// it: the intervals are then read from bins (`RankingIntervals` says how).
public struct RankingReplicates: Codable, Sendable, Equatable {
    /// Replicates.
    public let replicates: Int
    /// Bytes the histograms may take before they are binned.
    public let memoryLimit: Int
    /// The bits of the `RelativeScoreBins` the scores are binned into; nil while exact.
    public private(set) var bits: Int?
    /// The bits of the first binning: bins 0.1 % of the score (of 1 − s, above ½) wide.
    public static let startingBits = 10
    /// Per column: each score's slot (by the score's bits; −0 as 0).
    private var slotOfScore: [[UInt64: Int]]
    /// Per column: each slot's score.
    private var scores: [[Double]]
    /// Per column: slot s, replicate b at s · replicates + b.
    private var positives: [[UInt32]]
    private var negatives: [[UInt32]]
    /// Multi-label: each replicate's weighted `samples` sums.
    private var samples: [SampleSums]?

    /// One replicate's weighted sums of the rows' own rankings.
    private struct SampleSums: Codable, Sendable, Equatable {
        var rows: UInt64 = 0
        var rowsOfOneKind: UInt64 = 0
        var rocAUCSum = ExactSum()
        var averagePrecisionSum = ExactSum()
    }

    /// No rows of `columns` score columns in `replicates` replicates.
    ///
    /// - Parameters:
    ///   - columns: score columns.
    ///   - replicates: replicates.
    ///   - memoryLimit: bytes the histograms may take before they are binned.
    ///   - withSamples: whether rows' own rankings are summed too (multi-label).
    public init(columns: Int, replicates: Int, memoryLimit: Int, withSamples: Bool) {
        self.replicates = replicates
        self.memoryLimit = memoryLimit
        slotOfScore = Array(repeating: [:], count: columns)
        scores = Array(repeating: [], count: columns)
        positives = Array(repeating: [], count: columns)
        negatives = positives
        samples = withSamples ? Array(repeating: SampleSums(), count: replicates) : nil
    }

    /// Bytes the histograms take.
    public var memoryBytes: Int { scores.reduce(0) { $0 + $1.count } * replicates * 2 * MemoryLayout<UInt32>.stride }

    /// Counts a row's score in column `column`, `weights[b]` times in replicate b.
    ///
    /// - Parameters:
    ///   - score: a finite score.
    ///   - column: its column.
    ///   - isPositive: whether the row is of the column's class.
    ///   - weights: the row's weight in each replicate.
    public mutating func add(_ score: Double, column: Int, isPositive: Bool, weights: UnsafePointer<UInt32>) {
        let slot = self.slot(of: bits.map { Double(RelativeScoreBins.bin(score, bits: $0)) } ?? score, column: column)
        let base = slot * replicates
        let replicates = replicates
        func addWeights(_ counts: inout [UInt32]) {
            counts.withUnsafeMutableBufferPointer { counts in
                // One run of `replicates` counts, added to as a vector.
                let run = counts.baseAddress! + base
                for b in 0..<replicates { run[b] &+= weights[b] }
            }
        }
        if isPositive { addWeights(&positives[column]) } else { addWeights(&negatives[column]) }
    }

    /// Counts a multi-label row's own ranking of its labels in every replicate.
    ///
    /// - Parameters:
    ///   - rocAUC: the row's ROC-AUC over its labels (nil: its labels are of one kind).
    ///   - averagePrecision: its average precision.
    ///   - weights: the row's weight in each replicate.
    public mutating func addSample(rocAUC: Double?, averagePrecision: Double, weights: UnsafePointer<UInt32>) {
        for b in 0..<replicates where weights[b] > 0 {
            samples![b].rows += UInt64(weights[b])
            samples![b].averagePrecisionSum.add(averagePrecision, times: weights[b])
            if let rocAUC { samples![b].rocAUCSum.add(rocAUC, times: weights[b]) } else { samples![b].rowsOfOneKind += UInt64(weights[b]) }
        }
    }

    /// Bins every column (scores so far and from now on) into `RelativeScoreBins` of `bits`
    /// bits, unless they are binned as finely or more coarsely already.
    ///
    /// - Parameter bits: the bins' bits.
    public mutating func bin(bits: Int) {
        if let current = self.bits, current <= bits { return }
        let old = (scores, positives, negatives, self.bits)
        for column in scores.indices {
            slotOfScore[column] = [:]
            scores[column] = []
            positives[column] = []
            negatives[column] = []
        }
        self.bits = bits
        for column in old.0.indices {
            for (slot, score) in old.0[column].enumerated() {
                addSlot(key(of: score, binnedAt: old.3), column: column, slot, of: old.1[column], old.2[column])
            }
        }
    }

    /// Whether the bins can get no coarser (one a binade).
    public var isCoarsest: Bool { bits == 0 }

    /// Bins the scores one bit more coarsely (into `startingBits` bits, when exact).
    public mutating func coarsen() {
        bin(bits: bits.map { max($0 - 1, 0) } ?? Self.startingBits)
    }

    /// Adds the rows of `other` (the same columns and replicates), binned as the coarser of the two.
    ///
    /// - Parameter other: counts of other rows.
    public mutating func merge(_ other: RankingReplicates) {
        if let otherBits = other.bits { bin(bits: otherBits) }
        for column in other.scores.indices {
            for (slot, score) in other.scores[column].enumerated() {
                addSlot(key(of: score, binnedAt: other.bits), column: column, slot, of: other.positives[column], other.negatives[column])
            }
        }
        if let otherSamples = other.samples {
            for b in 0..<replicates {
                samples![b].rows += otherSamples[b].rows
                samples![b].rowsOfOneKind += otherSamples[b].rowsOfOneKind
                samples![b].rocAUCSum.merge(otherSamples[b].rocAUCSum)
                samples![b].averagePrecisionSum.merge(otherSamples[b].averagePrecisionSum)
            }
        }
    }

    /// Each column's slots, highest score first (what `entries(replicate:order:)` reads in).
    public var descendingOrder: [[Int]] {
        scores.map { columnScores in columnScores.indices.sorted { columnScores[$0] > columnScores[$1] } }
    }

    /// Replicate `b`'s entries of every column, highest score first, scores it drew no row of
    /// left out.
    ///
    /// - Parameters:
    ///   - b: the replicate.
    ///   - order: `descendingOrder`.
    /// - Returns: each column's entries.
    public func entries(replicate b: Int, order: [[Int]]) -> [[ScoreHistogram.Entry]] {
        order.indices.map { column in
            order[column].compactMap { slot in
                let (positive, negative) = (positives[column][slot * replicates + b], negatives[column][slot * replicates + b])
                guard positive | negative != 0 else { return nil }
                return ScoreHistogram.Entry(score: scores[column][slot], positives: Int(positive), negatives: Int(negative))
            }
        }
    }

    /// Replicate `b`'s weighted `samples` sums (multi-label), nil otherwise.
    ///
    /// - Parameter b: the replicate.
    /// - Returns: the sums.
    public func samples(replicate b: Int) -> RankingCounts.Samples? {
        samples.map {
            RankingCounts.Samples(
                rows: Double($0[b].rows), rowsOfOneKind: Double($0[b].rowsOfOneKind), rocAUCSum: $0[b].rocAUCSum.value,
                averagePrecisionSum: $0[b].averagePrecisionSum.value)
        }
    }

    // MARK: Private

    /// Here, the key of a score or bin `score` of histograms binned at `scoreBits` (nil: exact).
    private func key(of score: Double, binnedAt scoreBits: Int?) -> Double {
        guard let bits else { return score }
        guard let scoreBits else { return Double(RelativeScoreBins.bin(score, bits: bits)) }
        return Double(RelativeScoreBins.coarsened(Int64(score), from: scoreBits, to: bits))
    }

    /// The slot of `key` in `column`, made (zeroed) if new — binning everything (more coarsely)
    /// first when a new one would pass the memory limit.
    private mutating func slot(of key: Double, column: Int) -> Int {
        let keyBits = (key == 0 ? 0.0 : key).bitPattern
        if let slot = slotOfScore[column][keyBits] { return slot }
        if bits != 0 && memoryBytes + 2 * replicates * MemoryLayout<UInt32>.stride > memoryLimit {
            let keyBinning = bits
            bin(bits: bits.map { $0 - 1 } ?? Self.startingBits)
            // Coarser still while the bins fill more than half the limit, not to bin again soon.
            while bits! > 0 && memoryBytes > memoryLimit / 2 { bin(bits: bits! - 1) }
            return slot(of: self.key(of: key, binnedAt: keyBinning), column: column)
        }
        let slot = scores[column].count
        slotOfScore[column][keyBits] = slot
        scores[column].append(key)
        positives[column].append(contentsOf: repeatElement(0, count: replicates))
        negatives[column].append(contentsOf: repeatElement(0, count: replicates))
        return slot
    }

    /// Adds slot `slot` of the counts `otherPositives` and `otherNegatives` at `key`.
    private mutating func addSlot(_ key: Double, column: Int, _ slot: Int, of otherPositives: [UInt32], _ otherNegatives: [UInt32]) {
        let target = self.slot(of: key, column: column) * replicates
        let source = slot * replicates
        let replicates = replicates
        func add(_ other: [UInt32], to counts: inout [UInt32]) {
            other.withUnsafeBufferPointer { other in
                counts.withUnsafeMutableBufferPointer { counts in
                    let (from, to) = (other.baseAddress! + source, counts.baseAddress! + target)
                    for b in 0..<replicates { to[b] &+= from[b] }
                }
            }
        }
        add(otherPositives, to: &positives[column])
        add(otherNegatives, to: &negatives[column])
    }
}

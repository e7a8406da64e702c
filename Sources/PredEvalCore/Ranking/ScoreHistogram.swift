/// The scores of one class, exactly: each distinct score (the double a cell parses to, −0 as 0)
/// with how many rows of the class (positives) and of the other classes (negatives) have it.
/// What ROC-AUC and average precision need, ties included, in memory that grows with the
/// distinct scores rather than the rows; counts of parts, files and machines merge exactly, and
/// the metrics read the entries in score order, so any split gives the same digits.
///
/// Exact, the scores are `SortedScoreRuns` (radix-sorted in cache, merged in order); binned,
/// an open-addressing table keyed by the score's bits under the process's hash key (a file
/// cannot be crafted to make its scores collide).
///
/// Binned (`bin(into:)`), each score counts as the lower edge of its bin of width 1 / (N − 1),
/// ⌊s · (N − 1)⌋ / (N − 1): over [0, 1] the N thresholds of torchmetrics' `thresholds=N` and
/// Keras' `num_thresholds`; the bins of scores in [0, 1] are then an array indexed by ⌊s · (N − 1)⌋
/// (for N up to `denseBinLimit`), no table probed, and only scores outside [0, 1] go to the table.
public struct ScoreHistogram: Sendable {
    /// One distinct score and its rows.
    public struct Entry: Sendable, Equatable {
        /// The score.
        public var score: Double
        /// Rows of the class with this score.
        public var positives: Int
        /// Rows of other classes with this score.
        public var negatives: Int

        /// An entry of `positives` and `negatives` rows at `score`.
        ///
        /// - Parameters:
        ///   - score: the score.
        ///   - positives: rows of the class.
        ///   - negatives: rows of other classes.
        public init(score: Double, positives: Int, negatives: Int) {
            self.score = score
            self.positives = positives
            self.negatives = negatives
        }
    }

    /// A distinct score and its counts; empty when both counts are 0.
    private struct Slot {
        var bits: UInt64
        var positives: UInt32
        var negatives: UInt32
    }

    /// Binned: the table of the bins outside the array (scores outside [0, 1], or every bin past
    /// `denseBinLimit`): one slot of 16 bytes, one probe a cache line for four.
    private var slots: [Slot] = []
    /// Counts past a slot's 32 bits, carried here 2³¹ at a time (a score of billions of rows).
    private var carried: [UInt64: Entry] = [:]
    /// Distinct scores held (exact: counted by merging the runs).
    public var count: Int { binCount == nil ? runs.ascending.count : tableCount + denseCount }
    /// Distinct scores in the table, and in the array of bins.
    private var tableCount = 0
    private var denseCount = 0
    /// Binned: the N of the bins' width 1 / (N − 1); nil when exact.
    public private(set) var binCount: Int?
    /// Binned, N ≤ `denseBinLimit`: the rows of bin k of [0, 1] (score k / (N − 1)), positives
    /// at 2k and negatives at 2k + 1.
    private var dense: [UInt64] = []
    /// Exact: the scores.
    private var runs = SortedScoreRuns()
    /// The most bins kept as an array (1 MB a column).
    static let denseBinLimit = 1 << 16
    private let hashKey = HashKey.process

    /// No scores.
    public init() {}

    /// Bytes held: exact, 24 a distinct score in the runs (at most about twice the distinct
    /// scores) and 8 a score waiting to be sorted; binned, 16 a table slot and 8 a bin's count.
    public var memoryBytes: Int {
        slots.count * MemoryLayout<Slot>.stride + dense.count * MemoryLayout<UInt64>.stride + runs.memoryBytes
    }

    /// Counts one row's score.
    ///
    /// - Parameters:
    ///   - score: a finite score.
    ///   - isPositive: whether the row is of the class.
    @inline(__always)
    public mutating func add(_ score: Double, isPositive: Bool) {
        if binCount == nil { return runs.add(score, isPositive: isPositive) }
        add(score, positives: isPositive ? 1 : 0, negatives: isPositive ? 0 : 1)
    }

    /// Counts `count` rows' scores, read `stride` apart, each with whether its row is of the
    /// class (read as far apart): one tight loop over an array of bins or a run's buffer.
    ///
    /// - Parameters:
    ///   - scores: the first row's score.
    ///   - isPositive: whether the first row is of the class.
    ///   - stride: elements from one row's score (and flag) to the next's.
    ///   - count: rows.
    public mutating func add(_ scores: UnsafePointer<Double>, isPositive: UnsafePointer<Bool>, stride: Int, count: Int) {
        guard let binCount, !dense.isEmpty else {
            if binCount == nil { return runs.add(scores, isPositive: isPositive, stride: stride, count: count) }
            for row in 0..<count { add(scores[row * stride], isPositive: isPositive[row * stride]) }
            return
        }
        let steps = Double(binCount - 1)
        var newBins = 0
        var outsideUnitInterval = false
        dense.withUnsafeMutableBufferPointer { dense in
            for row in 0..<count {
                let score = scores[row * stride]
                guard score >= 0 && score <= 1 else {
                    outsideUnitInterval = true
                    continue
                }
                // On [0, 1] truncation is the floor, without a call to floor().
                let bin = 2 * Int(score * steps)
                if dense[bin] | dense[bin + 1] == 0 { newBins += 1 }
                dense[bin + (isPositive[row * stride] ? 0 : 1)] += 1
            }
        }
        denseCount += newBins
        guard outsideUnitInterval else { return }
        for row in 0..<count where !(scores[row * stride] >= 0 && scores[row * stride] <= 1) {
            add(scores[row * stride], isPositive: isPositive[row * stride])
        }
    }

    /// Counts `positives` and `negatives` rows at `score` (not both 0).
    ///
    /// - Parameters:
    ///   - score: a finite score.
    ///   - positives: rows of the class.
    ///   - negatives: rows of other classes.
    public mutating func add(_ score: Double, positives: Int, negatives: Int) {
        guard let binCount else { return runs.add(score, positives: positives, negatives: negatives) }
        let steps = Double(binCount - 1)
        // On [0, 1] truncation is the floor, without a call to floor().
        if !dense.isEmpty && score >= 0 && score <= 1 { return addToDense(Int(score * steps), positives: positives, negatives: negatives) }
        insert((score * steps).rounded(.down) / steps, positives: positives, negatives: negatives)
    }

    /// Counts rows at `score` as it is (already binned, if the histogram is).
    private mutating func insert(_ score: Double, positives: Int, negatives: Int) {
        if !dense.isEmpty && score >= 0 && score <= 1 {
            // A bin's edge k / (N − 1) times N − 1 rounds back to k.
            return addToDense(Int((score * Double(binCount! - 1)).rounded()), positives: positives, negatives: negatives)
        }
        if (tableCount + 1) * 4 > slots.count * 3 { grow() }
        let bits = (score == 0 ? 0.0 : score).bitPattern
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: LabelKey.mix(bits ^ hashKey.word0)) & mask
        let (isNew, fits) = slots.withUnsafeMutableBufferPointer { slots -> (Bool, Bool) in
            while slots[slot].positives | slots[slot].negatives != 0 && slots[slot].bits != bits { slot = (slot + 1) & mask }
            let isNew = slots[slot].positives | slots[slot].negatives == 0
            if isNew { slots[slot].bits = bits }
            let newPositives = UInt64(slots[slot].positives) + UInt64(positives)
            let newNegatives = UInt64(slots[slot].negatives) + UInt64(negatives)
            guard newPositives <= UInt32.max && newNegatives <= UInt32.max else { return (isNew, false) }
            slots[slot].positives = UInt32(newPositives)
            slots[slot].negatives = UInt32(newNegatives)
            return (isNew, true)
        }
        if isNew { tableCount += 1 }
        if !fits { carry(positives: positives, negatives: negatives, at: slot) }
    }

    /// Adds rows to bin `bin` of the array.
    @inline(__always)
    private mutating func addToDense(_ bin: Int, positives: Int, negatives: Int) {
        dense.withUnsafeMutableBufferPointer { dense in
            if dense[2 * bin] | dense[2 * bin + 1] == 0 { denseCount += 1 }
            dense[2 * bin] += UInt64(positives)
            dense[2 * bin + 1] += UInt64(negatives)
        }
    }

    /// Counts every score from now on, and every one so far, as its bin's lower edge, bins of
    /// width 1 / (`binCount` − 1).
    ///
    /// - Parameter binCount: the N of the bins (at least 2).
    public mutating func bin(into binCount: Int) {
        precondition(binCount >= 2, "bins need a count of at least 2")
        guard self.binCount == nil else { return }
        let old = entries
        self = ScoreHistogram()
        self.binCount = binCount
        if binCount <= Self.denseBinLimit { dense = Array(repeating: 0, count: 2 * binCount) }
        // Exact scores, binned once.
        for entry in old { add(entry.score, positives: entry.positives, negatives: entry.negatives) }
    }

    /// The lower edge of `score`'s bin of width 1 / (`binCount` − 1).
    static func binned(_ score: Double, _ binCount: Int) -> Double {
        let steps = Double(binCount - 1)
        return (score * steps).rounded(.down) / steps
    }

    /// Adds every score of `other` (binned as this histogram is; binning this one first when
    /// only `other` is binned).
    ///
    /// - Parameter other: the scores of other rows.
    public mutating func merge(_ other: ScoreHistogram) {
        guard let otherBins = other.binCount else {
            if binCount == nil { return runs.merge(other.runs) }
            for entry in other.entries { add(entry.score, positives: entry.positives, negatives: entry.negatives) }
            return
        }
        precondition(binCount == nil || binCount == otherBins, "binned histograms merge only with as many bins")
        bin(into: otherBins)
        // Its scores are bins' edges already: binning them again could move one down a bin.
        for entry in other.entries { insert(entry.score, positives: entry.positives, negatives: entry.negatives) }
    }

    /// The entries, highest score first.
    public var descending: [Entry] {
        if binCount == nil { return runs.ascending.reversed() }
        var sorted = entries
        sorted.sort { $0.score > $1.score }
        return sorted
    }

    // MARK: Private

    /// The entries: exact, lowest score first; binned, the array's bins, then the table's scores
    /// in table order.
    private var entries: [Entry] {
        guard let binCount else { return runs.ascending }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for bin in 0..<dense.count / 2 where dense[2 * bin] | dense[2 * bin + 1] != 0 {
            entries.append(
                Entry(score: Double(bin) / Double(binCount - 1), positives: Int(dense[2 * bin]), negatives: Int(dense[2 * bin + 1])))
        }
        return entries + tableEntries
    }

    /// The table's entries, in table order.
    private var tableEntries: [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(tableCount)
        for slot in slots where slot.positives | slot.negatives != 0 {
            let extra = carried[slot.bits]
            entries.append(
                Entry(
                    score: Double(bitPattern: slot.bits), positives: Int(slot.positives) + (extra?.positives ?? 0),
                    negatives: Int(slot.negatives) + (extra?.negatives ?? 0)))
        }
        return entries
    }

    /// Adds counts that do not fit the slot's 32 bits: the slot keeps what fits below 2³², the
    /// rest is carried.
    private mutating func carry(positives: Int, negatives: Int, at slot: Int) {
        var extra = carried[slots[slot].bits] ?? Entry(score: Double(bitPattern: slots[slot].bits), positives: 0, negatives: 0)
        var (slotPositives, slotNegatives) = (Int(slots[slot].positives) + positives, Int(slots[slot].negatives) + negatives)
        while slotPositives > Int(UInt32.max) {
            slotPositives -= 1 << 31
            extra.positives += 1 << 31
        }
        while slotNegatives > Int(UInt32.max) {
            slotNegatives -= 1 << 31
            extra.negatives += 1 << 31
        }
        slots[slot].positives = UInt32(slotPositives)
        slots[slot].negatives = UInt32(slotNegatives)
        carried[slots[slot].bits] = extra
    }

    private mutating func grow() {
        let old = tableEntries
        slots = Array(repeating: Slot(bits: 0, positives: 0, negatives: 0), count: max(64, slots.count * 2))
        carried = [:]
        tableCount = 0
        // The entries are counted already (binned, if so): they go back as they are.
        for entry in old { insert(entry.score, positives: entry.positives, negatives: entry.negatives) }
    }
}

extension ScoreHistogram: Equatable {
    /// Whether both hold the same scores with the same counts (whatever their tables' layout).
    public static func == (lhs: ScoreHistogram, rhs: ScoreHistogram) -> Bool {
        lhs.binCount == rhs.binCount && lhs.descending == rhs.descending
    }
}

extension ScoreHistogram: Codable {
    private enum CodingKeys: String, CodingKey {
        case binCount, scores, positives, negatives
    }

    /// Reads the bin count (absent: exact) and the entries as three arrays of one length;
    /// throws for counts below 0, scores that are not finite, exact scores out of order, or
    /// binned ones that are no bin's edge.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let binCount = try container.decodeIfPresent(Int.self, forKey: .binCount)
        let scores = try container.decode([Double].self, forKey: .scores)
        let positives = try container.decode([Int].self, forKey: .positives)
        let negatives = try container.decode([Int].self, forKey: .negatives)
        func corrupt(_ why: String) -> DecodingError {
            DecodingError.dataCorruptedError(forKey: .scores, in: container, debugDescription: why)
        }
        guard positives.count == scores.count, negatives.count == scores.count else { throw corrupt("the entries' arrays differ in length") }
        let entries = scores.indices.map { Entry(score: scores[$0], positives: positives[$0], negatives: negatives[$0]) }
        self.init()
        guard let binCount else {
            guard let runs = SortedScoreRuns(ascending: entries) else { throw corrupt("exact scores out of order or counts below 0") }
            self.runs = runs
            return
        }
        guard binCount >= 2 && binCount <= 1 << 30 else { throw corrupt("a bin count below 2 or above 2^30") }
        bin(into: binCount)
        var seen = Set<UInt64>()
        for entry in entries {
            guard entry.score.isFinite, entry.positives >= 0, entry.negatives >= 0, entry.positives | entry.negatives != 0,
                Self.binned(entry.score, binCount) == entry.score, seen.insert(entry.score.bitPattern).inserted
            else { throw corrupt("a binned score that is no bin's edge, twice, or counts below 0") }
            insert(entry.score, positives: entry.positives, negatives: entry.negatives)
        }
    }

    /// Writes the bin count (when binned) and the entries, lowest score first, as arrays of
    /// scores, positives and negatives.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let entries = descending.reversed()
        try container.encodeIfPresent(binCount, forKey: .binCount)
        try container.encode(entries.map(\.score), forKey: .scores)
        try container.encode(entries.map(\.positives), forKey: .positives)
        try container.encode(entries.map(\.negatives), forKey: .negatives)
    }
}

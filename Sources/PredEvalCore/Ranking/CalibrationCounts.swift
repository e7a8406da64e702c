/// What calibration is computed from, counted row by row and merged exactly: the Brier score's
/// sum, and per equal-width bin of the calibrated score (the positive class's in a binary
/// problem, the top label's in a multiclass one) its rows, its positive (right) rows and the sum
/// of its scores.
public struct CalibrationCounts: Codable, Sendable, Equatable {
    /// Bins over [0, 1].
    public let binCount: Int
    /// Rows counted.
    public private(set) var rows = 0
    /// Σ of each row's Brier term: (p − y)² binary, Σ_k (p_k − y_k)² multiclass.
    public private(set) var brierSum = ExactSum()
    /// Per bin: rows, rows whose outcome is positive, and the sum of their scores.
    public private(set) var binRows: [Int]
    public private(set) var binPositives: [Int]
    public private(set) var binScoreSums: [ExactSum]
    /// The bins' inner edges as numpy's `linspace(0, 1, binCount + 1)[1:-1]` computes them.
    private let innerEdges: [Double]

    /// No rows, in `binCount` bins.
    ///
    /// - Parameter binCount: bins over [0, 1] (at least 1).
    public init(binCount: Int) {
        precondition(binCount >= 1, "calibration needs at least one bin")
        self.binCount = binCount
        binRows = Array(repeating: 0, count: binCount)
        binPositives = Array(repeating: 0, count: binCount)
        binScoreSums = Array(repeating: ExactSum(), count: binCount)
        innerEdges = Self.edges(binCount).dropFirst().dropLast()
    }

    /// numpy's `linspace(0, 1, count + 1)`: `i · (1 / count)`, the last exactly 1.
    ///
    /// - Parameter count: bins.
    /// - Returns: the `count + 1` edges.
    public static func edges(_ count: Int) -> [Double] {
        let step = 1.0 / Double(count)
        return (0...count).map { $0 == count ? 1 : Double($0) * step }
    }

    /// Counts a row: its calibrated score (in [0, 1]), whether its outcome is positive, and its
    /// Brier term.
    ///
    /// - Parameters:
    ///   - score: the positive class's (binary) or top label's (multiclass) score.
    ///   - isPositive: the row is of the positive class (binary), or its top label is its actual
    ///     one (multiclass).
    ///   - brierTerm: the row's term of the Brier score (finite, at least 0).
    @inline(__always)
    public mutating func add(score: Double, isPositive: Bool, brierTerm: Double) {
        rows += 1
        // A term of 2¹⁶ or more (over 65,536 columns) in exact pieces of 2¹⁵: a power of two
        // below the term leaves a difference the double holds exactly.
        var term = brierTerm
        while term >= 0x1p16 {
            brierSum.add(0x1p15)
            term -= 0x1p15
        }
        brierSum.add(term)
        let bin = bin(of: score)
        binRows[bin] += 1
        if isPositive { binPositives[bin] += 1 }
        binScoreSums[bin].add(score)
    }

    /// Adds the rows of `other` (the same bins).
    ///
    /// - Parameter other: counts of other rows.
    public mutating func merge(_ other: CalibrationCounts) {
        precondition(other.binCount == binCount, "calibration counts merge only with as many bins")
        rows += other.rows
        brierSum.merge(other.brierSum)
        for bin in 0..<binCount {
            binRows[bin] += other.binRows[bin]
            binPositives[bin] += other.binPositives[bin]
            binScoreSums[bin].merge(other.binScoreSums[bin])
        }
    }

    /// The bin of `score`, as `calibration_curve(strategy='uniform')` bins it: the number of
    /// inner edges below it (`searchsorted(edges[1:-1], score, side='left')`), so that a bin
    /// holds (low, high] and the first also 0.
    @inline(__always)
    func bin(of score: Double) -> Int {
        var (low, high) = (0, innerEdges.count)
        while low < high {
            let middle = (low + high) / 2
            if innerEdges[middle] < score { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

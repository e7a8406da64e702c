/// Bins of scores whose width is relative to the score's distance from 0 below ½ and from 1
/// above it: a score keeps the `bits` leading bits of its mantissa (of 1 − s, from ½ up), so
/// that 10⁻⁶ and 10⁻⁴, or 0.9999 and 0.999999, stay apart where equal-width bins would tie
/// them — where a confident model's positives and negatives meet. A bin is named by an integer
/// that grows with the score (written as a `Double` for the curves), and a bin of `bits` bits
/// maps exactly onto one of fewer bits, so histograms binned at different widths merge.
public enum RelativeScoreBins {
    /// The bin of `score` at `bits` bits (0 ... 52): non-decreasing in the score.
    ///
    /// - Parameters:
    ///   - score: a finite score.
    ///   - bits: the mantissa bits kept.
    /// - Returns: the bin.
    public static func bin(_ score: Double, bits: Int) -> Int64 {
        let shift = Int64(52 - bits)
        if score < 0.5 { return orderKey(score) >> shift }
        // 1 − s is exact on [½, 2] (Sterbenz) and non-increasing everywhere.
        return 2 * (orderKey(0.5) >> shift) + 1 - (orderKey(1 - score) >> shift)
    }

    /// The bin of `bits` bits holding bin `bin` of `finerBits` bits (more than `bits`).
    ///
    /// - Parameters:
    ///   - bin: a bin at `finerBits` bits.
    ///   - finerBits: its bits.
    ///   - bits: the bits of the coarser bins.
    /// - Returns: the coarser bin.
    public static func coarsened(_ bin: Int64, from finerBits: Int, to bits: Int) -> Int64 {
        let half = orderKey(0.5) >> Int64(52 - finerBits)
        let drop = Int64(finerBits - bits)
        if bin <= half { return bin >> drop }
        return 2 * (half >> drop) + 1 - ((2 * half + 1 - bin) >> drop)
    }

    /// A histogram's entries (highest score first) with each score replaced by its bin at
    /// `bits` bits, those of one bin added together, still highest first.
    ///
    /// - Parameters:
    ///   - entries: the entries, highest score first.
    ///   - bits: the bins' bits.
    /// - Returns: the binned entries.
    public static func binned(_ entries: [ScoreHistogram.Entry], bits: Int) -> [ScoreHistogram.Entry] {
        var binned: [ScoreHistogram.Entry] = []
        for entry in entries {
            let key = Double(bin(entry.score, bits: bits))
            if let last = binned.last, last.score == key {
                binned[binned.count - 1].positives += entry.positives
                binned[binned.count - 1].negatives += entry.negatives
            } else {
                binned.append(ScoreHistogram.Entry(score: key, positives: entry.positives, negatives: entry.negatives))
            }
        }
        return binned
    }

    /// An integer in the order of the doubles (−0 as 0).
    private static func orderKey(_ value: Double) -> Int64 {
        let magnitude = Int64(bitPattern: value.magnitude.bitPattern)
        return value < 0 ? -magnitude : magnitude
    }
}

/// A sum of non-negative doubles kept exactly, as a fixed-point number of 192 bits whose last bit
/// is 2⁻¹¹⁰: the same total whatever order the terms come in and however they are split and
/// merged (parts of a file, files, machines), so that a streamed mean is reproducible to the bit.
/// Terms keep their bits down to 2⁻¹¹⁰ (exact from 2⁻⁵⁸ up), terms from 2¹⁶ up are refused by a trap (no caller has them:
/// a row's log loss is at most 37); 2⁶⁶ terms of the largest size fit before the sum overflows.
public struct ExactSum: Sendable, Hashable {
    /// The total in units of 2⁻¹¹⁰, least significant word first.
    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    /// A sum of nothing.
    public init() {}

    /// Adds `term` (finite, at least 0, below 2¹⁶).
    ///
    /// - Parameter term: the term.
    @inline(__always)
    public mutating func add(_ term: Double) {
        precondition(term >= 0 && term < 0x1p16, "ExactSum takes terms in [0, 2^16)")
        guard term >= 0x1p-110 else { return }
        // term = significand · 2^(exponent - 52) with a 53-bit integer significand.
        let significand = term.significandBitPattern | (1 << 52)
        let shift = Int(term.exponent) - 52 + 110
        let (low, middle, high) = Self.shifted(significand, by: shift)
        add(low, middle, high)
    }

    /// Adds `term` (finite, at least 0, below 2¹⁶) `count` times, exactly: the bootstrap's
    /// weighted sums.
    ///
    /// - Parameters:
    ///   - term: the term.
    ///   - count: how many times.
    @inline(__always)
    public mutating func add(_ term: Double, times count: UInt32) {
        precondition(term >= 0 && term < 0x1p16, "ExactSum takes terms in [0, 2^16)")
        guard count > 0, term >= 0x1p-110 else { return }
        let significand = term.significandBitPattern | (1 << 52)
        let (low, middle, high) = Self.shifted(significand, by: Int(term.exponent) - 52 + 110)
        let times = UInt64(count)
        let (lowCarry, lowTimes) = low.multipliedFullWidth(by: times)
        let (middleCarry, middleTimes) = middle.multipliedFullWidth(by: times)
        let (middleSum, overflow) = middleTimes.addingReportingOverflow(lowCarry)
        add(lowTimes, middleSum, high &* times &+ middleCarry &+ (overflow ? 1 : 0))
    }

    /// Adds every term of `other`.
    ///
    /// - Parameter other: another sum.
    public mutating func merge(_ other: ExactSum) {
        add(other.words.0, other.words.1, other.words.2)
    }

    /// The sum, rounded to a double (within one unit in the last place).
    public var value: Double {
        Double(words.2) * 0x1p18 + Double(words.1) * 0x1p-46 + Double(words.0) * 0x1p-110
    }

    /// The sum's words, least significant first (for a state file).
    public var bitPattern: [UInt64] { [words.0, words.1, words.2] }

    /// A sum from the words `bitPattern` gave.
    ///
    /// - Parameter bitPattern: three words, least significant first.
    public init?(bitPattern: [UInt64]) {
        guard bitPattern.count == 3 else { return nil }
        words = (bitPattern[0], bitPattern[1], bitPattern[2])
    }

    /// Equal when the totals are.
    public static func == (left: ExactSum, right: ExactSum) -> Bool { left.bitPattern == right.bitPattern }

    /// Hashes the total.
    public func hash(into hasher: inout Hasher) { hasher.combine(bitPattern) }

    // MARK: Private

    @inline(__always)
    private mutating func add(_ low: UInt64, _ middle: UInt64, _ high: UInt64) {
        let (word0, carry0) = words.0.addingReportingOverflow(low)
        var (word1, carry1) = words.1.addingReportingOverflow(middle)
        if carry0 {
            let (incremented, overflow) = word1.addingReportingOverflow(1)
            word1 = incremented
            carry1 = carry1 || overflow
        }
        let word2 = words.2 &+ high &+ (carry1 ? 1 : 0)
        words = (word0, word1, word2)
    }

    /// `value` (53 bits) shifted left by `shift` bits (-52 ≤ shift ≤ 73) as three words; a
    /// negative shift drops the bits below 2⁻¹¹⁰ (terms below 2⁻⁵⁸ are not kept exactly).
    @inline(__always)
    private static func shifted(_ value: UInt64, by shift: Int) -> (UInt64, UInt64, UInt64) {
        if shift < 0 { return (value >> UInt64(-shift), 0, 0) }
        let word = shift / 64
        let bit = UInt64(shift % 64)
        let low = value << bit
        let carried = bit == 0 ? 0 : value >> (64 - bit)
        switch word {
        case 0: return (low, carried, 0)
        case 1: return (0, low, carried)
        default: return (0, 0, low)
        }
    }
}

extension ExactSum: Codable {
    /// Reads the three words `bitPattern` gives, least significant first.
    public init(from decoder: any Decoder) throws {
        var words = try decoder.unkeyedContainer()
        self.init(bitPattern: [try words.decode(UInt64.self), try words.decode(UInt64.self), try words.decode(UInt64.self)])!
    }

    /// Writes the three words `bitPattern` gives, least significant first.
    public func encode(to encoder: any Encoder) throws {
        var words = encoder.unkeyedContainer()
        for word in bitPattern { try words.encode(word) }
    }
}

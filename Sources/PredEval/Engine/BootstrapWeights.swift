import CPoissonWeights

/// The weights of the seeded Poisson bootstrap (design §6): each row counts `w_b` times in
/// replicate `b`, `w_b` drawn from Poisson(1) by a hash of the row's key, the seed and `b` — so
/// that a row weighs the same in every replicate whichever part, file or machine counts it, and
/// merged counts are exact.
///
/// ```
/// h   = splitmix64(key ^ splitmix64(seed))
/// u_b = (splitmix64(h + b) >> 11) · 2⁻⁵³
/// w_b = the least k with u_b < P(X ≤ k), X ~ Poisson(1), k at most 20
/// ```
public struct BootstrapWeights: Sendable {
    /// Replicates drawn.
    public let replicates: Int
    /// The seed.
    public let seed: UInt64
    private let seedHash: UInt64

    /// The weights of `replicates` replicates under `seed`.
    ///
    /// - Parameters:
    ///   - replicates: replicates drawn (at least 1).
    ///   - seed: the seed.
    public init(replicates: Int, seed: UInt64) {
        precondition(replicates >= 1, "a bootstrap needs at least one replicate")
        self.replicates = replicates
        self.seed = seed
        seedHash = Self.splitmix64(seed)
    }

    /// SplitMix64's output function (mod 2⁶⁴).
    ///
    /// - Parameter value: the input.
    /// - Returns: its hash.
    @inline(__always)
    public static func splitmix64(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a, 64 bits: the key of a row by its id cell's bytes.
    ///
    /// - Parameter bytes: the cell's bytes.
    /// - Returns: the hash.
    @inline(__always)
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Writes the row's weight in each replicate, `weights[0 ..< replicates]`.
    ///
    /// - Parameters:
    ///   - key: the row's key (`fnv1a` of its id, or its byte offset).
    ///   - weights: room for `replicates` weights.
    public func fill(key: UInt64, into weights: UnsafeMutablePointer<UInt32>) {
        draw(key: key, keeping: weights, addingTo: nil, and: nil)
    }

    /// Adds the row's weight in each replicate to the counts `first[0 ..< replicates]` and, when
    /// given, `second[0 ..< replicates]`, without writing the weights anywhere else — the way
    /// `ReplicateCounts.add(actual:predicted:drawing:)` asks for them.
    ///
    /// - Parameters:
    ///   - key: the row's key (`fnv1a` of its id, or its byte offset).
    ///   - first: counts of `replicates` replicates.
    ///   - second: other counts of as many, or nil.
    public func add(key: UInt64, to first: UnsafeMutablePointer<UInt32>, and second: UnsafeMutablePointer<UInt32>?) {
        draw(key: key, keeping: nil, addingTo: first, and: second)
    }

    private func draw(
        key: UInt64, keeping kept: UnsafeMutablePointer<UInt32>?, addingTo first: UnsafeMutablePointer<UInt32>?,
        and second: UnsafeMutablePointer<UInt32>?
    ) {
        let rowHash = Self.splitmix64(key ^ seedHash)
        // Sixteen draws at once with AVX-512, straight into the counts.
        Self.thresholds.withUnsafeBufferPointer {
            predeval_poisson_draw(rowHash, Int32(replicates), $0.baseAddress!, kept, first, second)
        }
    }

    /// For k = 0 ..< 20, the least 53-bit integer n with n · 2⁻⁵³ ≥ P(X ≤ k), the cumulative
    /// probabilities summed in doubles exactly as §6 sums them.
    public static let thresholds: [UInt64] = {
        var probability = 0.36787944117144233
        var cumulative = probability
        var thresholds: [UInt64] = []
        for k in 1...20 {
            thresholds.append(UInt64((cumulative * 0x1p53).rounded(.up)))
            probability /= Double(k)
            cumulative += probability
        }
        return thresholds
    }()
}

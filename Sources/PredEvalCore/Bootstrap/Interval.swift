/// A percentile bootstrap interval: the (1 − L)/2 and (1 + L)/2 quantiles of a metric's
/// replicate values. Its JSON form is `[low, high]`.
public struct Interval: Decodable, Sendable, Equatable {
    /// The lower bound.
    public var low: Double
    /// The upper bound.
    public var high: Double

    /// An interval with these bounds.
    ///
    /// - Parameters:
    ///   - low: the lower bound.
    ///   - high: the upper bound.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// Decodes `[low, high]`.
    ///
    /// - Parameter decoder: the decoder of the array.
    /// - Throws: `DecodingError` when it is not two numbers.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        low = try container.decode(Double.self)
        high = try container.decode(Double.self)
        guard container.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "an interval has two bounds")
        }
    }

    /// The interval of level `level` over `values`, leaving out the undefined ones (NaN); nil
    /// when none is defined. Quantiles as numpy's default (`linear`) method computes them.
    ///
    /// - Parameters:
    ///   - values: a metric's value in each replicate.
    ///   - level: the level, in (0, 1).
    /// - Returns: the interval, or nil.
    public static func percentile(_ values: [Double], level: Double) -> Interval? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        return Interval(low: quantile(sorted, (1 - level) / 2), high: quantile(sorted, (1 + level) / 2))
    }

    /// numpy's `quantile(method="linear")` of sorted values: the virtual index n·q + (1 − q) − 1,
    /// its neighbours clipped to the values, and numpy's `_lerp` between them.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let count = sorted.count
        let index = Double(count) * q + (1 + q * -1) - 1
        let previous = index.rounded(.down)
        let gamma = index - previous
        let lower = sorted[min(max(Int(previous), 0), count - 1)]
        let upper = sorted[min(max(Int(previous) + 1, 0), count - 1)]
        let difference = upper - lower
        return gamma >= 0.5 ? upper - difference * (1 - gamma) : lower + difference * gamma
    }
}

/// How a report's intervals were drawn (`bootstrap` in JSON).
public struct BootstrapSummary: Decodable, Sendable, Equatable {
    /// What a row's weights are keyed by: its id cell, or its byte offset in the input.
    public enum Key: String, Decodable, Sendable {
        /// The FNV-1a hash of the row's id cell (`--id`, or the join id with `--truth`).
        case id
        /// The byte offset of the row's first byte in the (decompressed) input.
        case offset
    }

    /// Replicates drawn.
    public var replicates: Int
    /// The intervals' level.
    public var level: Double
    /// The seed.
    public var seed: UInt64
    /// What the weights are keyed by.
    public var key: Key

    /// A summary with these values.
    ///
    /// - Parameters: one for each property of the same name (see each).
    public init(replicates: Int, level: Double, seed: UInt64, key: Key) {
        self.replicates = replicates
        self.level = level
        self.seed = seed
        self.key = key
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case replicates, level, seed, key }
}

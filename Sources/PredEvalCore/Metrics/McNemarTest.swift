#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// McNemar's exact test of two classifiers on the same rows, as statsmodels'
/// `mcnemar(table, exact=True)` computes it: of the rows only one of them gets right, `b` the
/// first gets right and `c` the second; under the null hypothesis either is as likely, so the
/// two-sided p-value is `min(1, 2 · P(X ≤ min(b, c)))`, X ~ Binomial(b + c, ½).
public struct McNemarTest: Decodable, Sendable, Equatable {
    /// Rows the first (the baseline) gets right and the second (the candidate) wrong.
    public let b: Int
    /// Rows the second gets right and the first wrong.
    public let c: Int
    /// The exact two-sided p-value (1 when `b + c` is 0).
    public let pValue: Double

    /// The test of `b` and `c` discordant rows.
    ///
    /// - Parameters:
    ///   - b: rows only the baseline gets right.
    ///   - c: rows only the candidate gets right.
    public init(b: Int, c: Int) {
        precondition(b >= 0 && c >= 0, "discordant rows are counts")
        self.b = b
        self.c = c
        pValue = min(1, 2 * Self.binomialHalfCDF(min(b, c), trials: b + c))
    }

    /// Decodes `{"b": N, "c": N, "p_value": P}` as written.
    ///
    /// - Parameter decoder: the decoder of the object.
    /// - Throws: `DecodingError` when a member is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        b = try container.decode(Int.self, forKey: .b)
        c = try container.decode(Int.self, forKey: .c)
        pValue = try container.decode(Double.self, forKey: .pValue)
    }

    enum CodingKeys: String, CodingKey {
        case b, c
        case pValue = "p_value"
    }

    /// P(X ≤ k) for X ~ Binomial(n, ½), k ≤ n/2: the largest term, C(n, k) / 2ⁿ, from `lgamma`,
    /// times the sum of the terms down to 0 relative to it (each the one above times
    /// j / (n − j + 1), so the sum of ratios below 1 is summed from the smallest up).
    static func binomialHalfCDF(_ k: Int, trials n: Int) -> Double {
        if n == 0 { return 1 }
        let logLargest = lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1) - Double(n) * M_LN2
        var ratios: [Double] = [1]
        var ratio = 1.0
        var j = k
        while j > 0 {
            ratio *= Double(j) / Double(n - j + 1)
            if ratio < 1e-18 { break }
            ratios.append(ratio)
            j -= 1
        }
        let sum = ratios.reversed().reduce(0, +)
        return min(1, exp(logLargest) * sum)
    }
}

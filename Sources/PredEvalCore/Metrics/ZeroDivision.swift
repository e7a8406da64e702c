/// What a metric is when its denominator is zero, as scikit-learn's `zero_division`.
public enum ZeroDivision: String, Codable, Sendable, CaseIterable {
    /// 0, and the caller warns which classes were affected (scikit-learn's default).
    case warn
    /// 0, silently.
    case zero = "0"
    /// 1, silently.
    case one = "1"
    /// Undefined (NaN, JSON null), and left out of macro, weighted and samples averages.
    case nan

    /// The value an undefined metric takes.
    public var value: Double {
        switch self {
        case .warn, .zero: return 0
        case .one: return 1
        case .nan: return .nan
        }
    }
}

/// Which columns of a file, several at once, hold one value each of a row's classes: score
/// columns (`--scores`) or indicator columns (`--actual-columns`, `--predicted-columns`).
public enum ColumnSetSelector: Codable, Sendable, Hashable, CustomStringConvertible {
    /// Every header cell the pattern matches, in file order. `*` matches any run of characters,
    /// `?` any one; everything else is literal. A column's class is its name less the pattern's
    /// literal start (before the first wildcard) and end (after the last): `p_*` makes `p_cat`
    /// the class `cat`.
    case glob(String)
    /// These columns, in this order; a column's class is its header cell.
    case list([ColumnSelector])
    /// The columns at these 1-based positions, in order; a column's class is its header cell.
    case range(ClosedRange<Int>)

    /// How the selector reads in a message.
    public var description: String {
        switch self {
        case .glob(let pattern): return "the columns matching '\(pattern)'"
        case .list(let columns): return "the columns " + columns.map(\.listed).joined(separator: ", ")
        case .range(let positions): return "columns \(positions.lowerBound)-\(positions.upperBound)"
        }
    }

    /// Whether `name` is a column this glob selects (always false for a list or a range).
    ///
    /// - Parameter name: a header cell.
    /// - Returns: whether the pattern matches the whole cell.
    public func matches(_ name: String) -> Bool {
        guard case .glob(let pattern) = self else { return false }
        return Self.glob(Array(pattern.unicodeScalars)[...], matches: Array(name.unicodeScalars)[...])
    }

    /// The class a selected column stands for, given its header cell: for a glob, the cell less
    /// the pattern's literal start and end; otherwise the cell itself.
    ///
    /// - Parameter name: the header cell of a selected column.
    /// - Returns: the class.
    public func className(ofColumnNamed name: String) -> String {
        guard case .glob(let pattern) = self else { return name }
        let scalars = Array(pattern.unicodeScalars)
        let isWildcard = { (scalar: Unicode.Scalar) in scalar == "*" || scalar == "?" }
        guard let first = scalars.firstIndex(where: isWildcard), let last = scalars.lastIndex(where: isWildcard) else {
            return name
        }
        let (prefixCount, suffixCount) = (first, scalars.count - last - 1)
        let cell = Array(name.unicodeScalars)
        guard cell.count >= prefixCount + suffixCount else { return name }
        var className = String.UnicodeScalarView()
        className.append(contentsOf: cell[prefixCount..<(cell.count - suffixCount)])
        return String(className)
    }

    // MARK: Private

    /// Glob matching by backtracking over the last `*` only: linear in practice, never exponential.
    private static func glob(_ pattern: ArraySlice<Unicode.Scalar>, matches text: ArraySlice<Unicode.Scalar>) -> Bool {
        var (p, t) = (pattern.startIndex, text.startIndex)
        var star: (pattern: Int, text: Int)?
        while t < text.endIndex {
            if p < pattern.endIndex && (pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t])) {
                p += 1
                t += 1
            } else if p < pattern.endIndex && pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let resume = star {
                p = resume.pattern + 1
                t = resume.text + 1
                star = (resume.pattern, resume.text + 1)
            } else {
                return false
            }
        }
        while p < pattern.endIndex && pattern[p] == "*" { p += 1 }
        return p == pattern.endIndex
    }
}

extension ColumnSelector {
    /// How the selector reads inside a list of columns.
    fileprivate var listed: String {
        switch self {
        case .position(let position): return "\(position)"
        case .name(let name): return "'\(name)'"
        case .firstNamed(let names): return names.joined(separator: "/")
        }
    }
}

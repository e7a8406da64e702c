/// Which column of a file a value comes from.
public enum ColumnSelector: Sendable, Equatable, CustomStringConvertible {
    /// The column at this 1-based position.
    case position(Int)
    /// The column whose header cell is exactly this name.
    case name(String)
    /// The first of these names (compared case-insensitively, surrounding spaces ignored) that a
    /// header cell carries: how a default column is found.
    case firstNamed([String])

    /// How the selector reads in a message.
    public var description: String {
        switch self {
        case .position(let position): return "column \(position)"
        case .name(let name): return "column '\(name)'"
        case .firstNamed(let names): return "a column named \(names.joined(separator: ", "))"
        }
    }
}

/// A column the reader is asked for, with the option that asked for it (for error messages).
public struct RequestedColumn: Sendable, Equatable {
    /// How the column is found.
    public var selector: ColumnSelector
    /// The command-line option that names this column, such as `--actual`.
    public var option: String

    /// A column found by `selector` on behalf of `option`.
    public init(_ selector: ColumnSelector, option: String) {
        self.selector = selector
        self.option = option
    }
}

extension RequestedColumn {
    /// The 0-based index of this column in `header`, or why there is none.
    func resolve(inHeader header: [String]) -> Result<Int, CSVReadError.Reason> {
        switch selector {
        case .position(let position):
            guard position >= 1, position <= header.count else {
                return .failure(.positionOutOfRange(option: option, position: position, fieldCount: header.count))
            }
            return .success(position - 1)
        case .name(let name):
            let matches = header.indices.filter { header[$0] == name }
            if matches.count > 1 {
                return .failure(.ambiguousColumn(option: option, name: name, positions: matches.map { $0 + 1 }))
            }
            guard let index = matches.first else {
                return .failure(.missingColumn(option: option, wanted: "'\(name)'", header: header))
            }
            return .success(index)
        case .firstNamed(let names):
            let normalizedHeader = header.map(Self.normalized)
            for name in names {
                let matches = normalizedHeader.indices.filter { normalizedHeader[$0] == Self.normalized(name) }
                if matches.count > 1 {
                    return .failure(
                        .ambiguousColumn(option: option, name: header[matches[0]], positions: matches.map { $0 + 1 }))
                }
                if let index = matches.first { return .success(index) }
            }
            let wanted = "any of " + names.joined(separator: ", ")
            return .failure(.missingColumn(option: option, wanted: wanted, header: header))
        }
    }

    /// The 0-based index of this column in a file without a header whose first row has
    /// `fieldCount` fields, or why there is none.
    func resolve(withoutHeaderFieldCount fieldCount: Int) -> Result<Int, CSVReadError.Reason> {
        guard case .position(let position) = selector else {
            return .failure(.nameWithoutHeader(option: option, selector: selector))
        }
        guard position >= 1, position <= fieldCount else {
            return .failure(.positionOutOfRange(option: option, position: position, fieldCount: fieldCount))
        }
        return .success(position - 1)
    }

    private static func normalized(_ name: String) -> String {
        var scalars = Substring(name)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return scalars.lowercased()
    }
}

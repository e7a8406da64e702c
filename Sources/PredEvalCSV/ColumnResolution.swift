import PredEvalCore

extension ColumnSelector {
    /// The 0-based index of this selector's column in `header`, or why there is none; `column`
    /// is the selector's index among the requested columns (for the error).
    func resolve(inHeader header: [String], column: Int) -> Result<Int, CSVReadError.Reason> {
        switch self {
        case .position(let position):
            guard position >= 1, position <= header.count else {
                return .failure(.positionOutOfRange(column: column, position: position, fieldCount: header.count))
            }
            return .success(position - 1)
        case .name(let name):
            let matches = header.indices.filter { header[$0] == name }
            if matches.count > 1 {
                return .failure(.ambiguousColumn(column: column, name: name, positions: matches.map { $0 + 1 }))
            }
            guard let index = matches.first else {
                return .failure(.missingColumn(column: column, selector: self, header: header))
            }
            return .success(index)
        case .firstNamed(let names):
            let normalizedHeader = header.map(Self.normalized)
            for name in names {
                let matches = normalizedHeader.indices.filter { normalizedHeader[$0] == Self.normalized(name) }
                if matches.count > 1 {
                    return .failure(
                        .ambiguousColumn(column: column, name: header[matches[0]], positions: matches.map { $0 + 1 }))
                }
                if let index = matches.first { return .success(index) }
            }
            return .failure(.missingColumn(column: column, selector: self, header: header))
        }
    }

    /// The 0-based index of this selector's column in a file without a header whose first row
    /// has `fieldCount` fields, or why there is none.
    func resolve(withoutHeaderFieldCount fieldCount: Int, column: Int) -> Result<Int, CSVReadError.Reason> {
        guard case .position(let position) = self else {
            return .failure(.nameWithoutHeader(column: column, selector: self))
        }
        guard position >= 1, position <= fieldCount else {
            return .failure(.positionOutOfRange(column: column, position: position, fieldCount: fieldCount))
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

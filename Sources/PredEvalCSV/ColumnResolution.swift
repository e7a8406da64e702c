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
            if let index = matches.first { return .success(index) }
            // No cell spelled so: one that differs only in case (or surrounding blanks) is it.
            let looseMatches = header.indices.filter { Self.normalized(header[$0]) == Self.normalized(name) }
            if looseMatches.count > 1 {
                // Named by every cell it could be: 'Label' and 'label'.
                let cells = looseMatches.map { header[$0] }.joined(separator: "' and '")
                return .failure(.ambiguousColumn(column: column, name: cells, positions: looseMatches.map { $0 + 1 }))
            }
            guard let index = looseMatches.first else {
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

extension ColumnSetSelector {
    /// The 0-based indices of this set's columns in `header` (nil: a file without a header
    /// whose first row has `fieldCount` fields), or why there are none; `set` is the selector's
    /// index among the requested sets (for the error).
    func resolve(inHeader header: [String]?, fieldCount: Int, set: Int) -> Result<[Int], CSVReadError.Reason> {
        let problem = { (reason: CSVReadError.SetColumnProblem) in
            Result<[Int], CSVReadError.Reason>.failure(.columnOfSet(set: set, reason: reason))
        }
        switch self {
        case .glob:
            guard let header else { return problem(.namesWithoutHeader) }
            let indices = header.indices.filter { matches(header[$0]) }
            return indices.isEmpty ? .failure(.noColumnsSelected(set: set, selector: self, header: header)) : .success(indices)
        case .range(let positions):
            guard positions.lowerBound >= 1 else { return problem(.positionOutOfRange(position: positions.lowerBound, fieldCount: fieldCount)) }
            guard positions.upperBound <= fieldCount else {
                return problem(.positionOutOfRange(position: positions.upperBound, fieldCount: fieldCount))
            }
            return .success(positions.map { $0 - 1 })
        case .list(let columns):
            var indices: [Int] = []
            for column in columns {
                let resolved =
                    header.map { column.resolve(inHeader: $0, column: set) }
                    ?? column.resolve(withoutHeaderFieldCount: fieldCount, column: set)
                switch resolved {
                case .success(let index): indices.append(index)
                case .failure(.missingColumn(_, .name(let name), let header)): return problem(.missing(name: name, header: header))
                case .failure(.ambiguousColumn(_, let name, let positions)): return problem(.ambiguous(name: name, positions: positions))
                case .failure(.positionOutOfRange(_, let position, let count)):
                    return problem(.positionOutOfRange(position: position, fieldCount: count))
                case .failure: return problem(.namesWithoutHeader)
                }
            }
            return indices.isEmpty ? .failure(.noColumnsSelected(set: set, selector: self, header: header)) : .success(indices)
        }
    }

    /// The set's 0-based indices when a file has no header, known before any row: positions only
    /// (each at most `limit`, so that no table is sized by a number from the command line); nil
    /// when the set names columns.
    func positionsWithoutHeader(limit: Int) -> [Int]? {
        switch self {
        case .glob: return nil
        case .range(let positions):
            let (low, high) = (min(max(positions.lowerBound, 1), limit + 1), min(max(positions.upperBound, 1), limit + 1))
            return low <= high ? Array((low - 1)...(high - 1)) : []
        case .list(let columns):
            var indices: [Int] = []
            for case .position(let position) in columns { indices.append(min(max(position, 1), limit + 1) - 1) }
            return indices.count == columns.count ? indices : nil
        }
    }
}

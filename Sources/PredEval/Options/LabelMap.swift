import PredEvalCSV

extension EvaluationOptions {
    /// The label map a two-column CSV file holds: each row `from,to` (a first row that reads
    /// `from,to` is a header). Read as every file is, with the file and line in each error.
    ///
    /// - Parameter path: the file.
    /// - Returns: from → to.
    /// - Throws: `EvaluationError` for an unreadable or malformed file, or a label renamed twice.
    public static func labelMap(fromFile path: String) throws(EvaluationError) -> [String: String] {
        let request = ReadRequest.labelMap(path)
        var map: [String: String] = [:]
        var lines: [String: Int] = [:]
        var failure: EvaluationError?
        _ = try request.reading {
            try CSVRowReader(path: path, configuration: request.configuration).read { batch in
                batch.withUnsafeFields { fields in
                    for row in 0..<fields.rowCount where failure == nil {
                        let from = String(decoding: fields[row, 0], as: UTF8.self)
                        let to = String(decoding: fields[row, 1], as: UTF8.self)
                        let line = batch.line(ofRow: row)
                        if line == 1 && from.lowercased() == "from" && to.lowercased() == "to" { continue }
                        if let first = lines[from] {
                            failure = EvaluationError(file: path, line: line, reason: .labelMappedTwice(from, firstLine: first))
                        }
                        map[from] = to
                        lines[from] = line
                    }
                }
                if let failure { throw failure }
            }
        }
        return map
    }

    /// The label map written inline, `a=b,c=d` (each item split at its first `=`), or nil when
    /// an item has no `=` or a label is renamed twice.
    ///
    /// - Parameter text: the map as one argument.
    /// - Returns: from → to, or nil.
    public static func labelMap(inline text: String) -> [String: String]? {
        var map: [String: String] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = item.firstIndex(of: "="),
                map.updateValue(String(item[item.index(after: equals)...]), forKey: String(item[..<equals])) == nil
            else { return nil }
        }
        return map
    }
}

import PredEvalCSV

/// Cells of score and indicator columns read as values, with the error that names the line and
/// the column when a cell is none.
enum CellValues {
    /// The score in `cell`, a finite decimal number.
    @inline(__always)
    static func score(
        _ cell: UnsafeRawBufferPointer, option: OptionName, column: Int, decoding: RowDecoding, line: Int, file: String
    ) throws(EvaluationError) -> Double {
        guard let value = DecimalText.value(cell) else {
            throw notANumber(cell, option: option, column: column, decoding: decoding, line: line, file: file)
        }
        return value
    }

    /// The error of a score cell that is no finite number.
    @inline(never)
    static func notANumber(
        _ cell: UnsafeRawBufferPointer, option: OptionName, column: Int, decoding: RowDecoding, line: Int, file: String
    ) -> EvaluationError {
        EvaluationError(
            file: file, line: line,
            reason: .notANumber(option, column: decoding.columnNames[column], cell: String(decoding: cell, as: UTF8.self)))
    }

    /// Whether the indicator `cell` is set: `1`, `true`, `yes`, `1.0` (any case, spaces around)
    /// are, `0`, `false`, `no`, `0.0` are not.
    @inline(__always)
    static func indicator(
        _ cell: UnsafeRawBufferPointer, option: OptionName, column: Int, decoding: RowDecoding, line: Int, file: String
    ) throws(EvaluationError) -> Bool {
        if cell.count == 1 {
            if cell[0] == UInt8(ascii: "1") { return true }
            if cell[0] == UInt8(ascii: "0") { return false }
        }
        var start = 0
        var end = cell.count
        while start < end && cell[start] == 0x20 { start += 1 }
        while end > start && cell[end - 1] == 0x20 { end -= 1 }
        if end - start <= 5 {
            var word: UInt64 = 0
            for byte in cell[start..<end] { word = word << 8 | UInt64(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
            switch word {
            case Self.word("1"), Self.word("1.0"), Self.word("true"), Self.word("yes"): return true
            case Self.word("0"), Self.word("0.0"), Self.word("false"), Self.word("no"): return false
            default: break
            }
        }
        throw EvaluationError(
            file: file, line: line,
            reason: .notAnIndicator(option, column: decoding.columnNames[column], cell: String(decoding: cell, as: UTF8.self)))
    }

    /// An ASCII word of at most 5 bytes packed as `indicator(_:)` packs a cell.
    private static func word(_ text: StaticString) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<text.utf8CodeUnitCount { word = word << 8 | UInt64(text.utf8Start[index]) }
        return word
    }
}

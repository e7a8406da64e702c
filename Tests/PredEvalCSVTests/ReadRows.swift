import PredEvalCSV
import PredEvalCore

/// One row as the reader handed it over: its line and its selected fields as text.
struct ReadRow: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var description: String { "\(line): \(fields)" }
}

/// Reads `path` with `configuration` and returns every row handed over, with the summary.
func readRows(_ path: String, _ configuration: CSVReaderConfiguration) throws -> ([ReadRow], CSVReadSummary) {
    var rows: [ReadRow] = []
    let summary = try CSVRowReader(path: path, configuration: configuration).read { batch in
        batch.withUnsafeFields { fields in
            for row in 0..<fields.rowCount {
                let texts = (0..<batch.columnCount).map { String(decoding: fields[row, $0], as: UTF8.self) }
                rows.append(ReadRow(line: batch.line(ofRow: row), fields: texts))
            }
        }
    }
    return (rows, summary)
}

/// A configuration that selects `columns` by name from a file with a header.
func byName(_ columns: String..., delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20) -> CSVReaderConfiguration {
    CSVReaderConfiguration(
        dialect: CSVDialect(delimiter: delimiter),
        columns: columns.map { .name($0) }, chunkSize: chunkSize)
}

/// The error reading `path` with `configuration` throws, if any.
func readError(_ path: String, _ configuration: CSVReaderConfiguration) -> CSVReadError? {
    do {
        _ = try readRows(path, configuration)
        return nil
    } catch let error as CSVReadError {
        return error
    } catch {
        return nil
    }
}

import PredEvalCSV
import PredEvalCore
import Foundation
import Testing

@Suite("Reading rows")
struct CSVRowReaderTests {
    @Test("selects columns by name, in request order, with their lines")
    func selectsColumnsByName() throws {
        let path = try temporaryFile("id,actual,predicted\n1,cat,dog\n2,dog,dog\n")
        let (rows, summary) = try readRows(path, byName("predicted", "actual"))
        #expect(rows == [ReadRow(line: 2, fields: ["dog", "cat"]), ReadRow(line: 3, fields: ["dog", "dog"])])
        #expect(summary.header == ["id", "actual", "predicted"])
        #expect(summary.columnIndices == [2, 1])
        #expect(summary.rowsRead == 2 && summary.rowsSkipped == 0)
    }

    @Test("unquotes fields with delimiters, doubled quotes and line breaks, and keeps counting lines")
    func quotedFields() throws {
        let path = try temporaryFile("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\r\nlast,\"\"\n")
        let (rows, _) = try readRows(path, byName("a", "b"))
        #expect(
            rows == [
                ReadRow(line: 2, fields: ["x, y", "say \"hi\""]), ReadRow(line: 3, fields: ["two\nlines", "z"]),
                ReadRow(line: 5, fields: ["last", ""]),
            ])
    }

    @Test("keeps spaces and tabs around fields: every byte is part of the label")
    func keepsSpaces() throws {
        let path = try temporaryFile("a,b\n  x ,\ty\t\n")
        let (rows, _) = try readRows(path, byName("a", "b"))
        #expect(rows.map(\.fields) == [["  x ", "\ty\t"]])
    }

    @Test("CRLF, lone CR and blank lines: blank lines are not rows, line numbers stay right")
    func lineEndings() throws {
        let path = try temporaryFile("a,b\r\n1,2\r\n\r\n3,4\r5,6\n\n\n7,8")
        let (rows, summary) = try readRows(path, byName("a", "b"))
        #expect(rows.map(\.line) == [2, 4, 5, 8])
        #expect(rows.map(\.fields) == [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]])
        #expect(summary.rowsRead == 4)
    }

    @Test("drops a UTF-8 byte-order mark before the header")
    func byteOrderMark() throws {
        let path = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("\"actual\",predicted\nx,y\n".utf8))
        let (rows, summary) = try readRows(path, byName("actual", "predicted"))
        #expect(summary.header == ["actual", "predicted"])
        #expect(rows.map(\.fields) == [["x", "y"]])
    }

    @Test("default names are found case-insensitively, the first listed name winning")
    func defaultNames() throws {
        let path = try temporaryFile("Label, Y_PRED ,truth\nx,y,z\n")
        let configuration = CSVReaderConfiguration(columns: [
            .firstNamed(["actual", "truth", "label"]),
            .firstNamed(["predicted", "y_pred"]),
        ])
        let (rows, _) = try readRows(path, configuration)
        #expect(rows.map(\.fields) == [["z", "y"]])
    }

    @Test("without a header, columns are positions and the first row is data")
    func noHeader() throws {
        let path = try temporaryFile("r1,up,down\nr2,down,down")
        let configuration = CSVReaderConfiguration(
            hasHeader: false,
            columns: [.position(3), .position(2)])
        let (rows, summary) = try readRows(path, configuration)
        #expect(rows == [ReadRow(line: 1, fields: ["down", "up"]), ReadRow(line: 2, fields: ["down", "down"])])
        #expect(summary.header == nil)
    }

    @Test("one column may be requested twice")
    func repeatedColumn() throws {
        let path = try temporaryFile("a,b\n1,2\n")
        let (rows, _) = try readRows(path, byName("b", "b"))
        #expect(rows.map(\.fields) == [["2", "2"]])
    }

    @Test("other delimiters, tab among them")
    func delimiters() throws {
        let path = try temporaryFile("a\tb\nx,1\ty;2\n", suffix: ".tsv")
        let (rows, _) = try readRows(path, byName("a", "b", delimiter: CSVDialect.defaultDelimiter(forPath: path)))
        #expect(rows.map(\.fields) == [["x,1", "y;2"]])
    }

    @Test("skipped rows are counted, never lost: read = handed over + skipped")
    func skipBadRows() throws {
        let path = try temporaryFile("a,b\n1,2\n3\n4,5,6\n7,8\n")
        var configuration = byName("a", "b")
        configuration.skipBadRows = true
        let (rows, summary) = try readRows(path, configuration)
        #expect(rows.map(\.fields) == [["1", "2"], ["7", "8"]])
        #expect(summary.rowsRead == 4 && summary.rowsSkipped == 2 && summary.rowsDelivered == rows.count)
        #expect(summary.firstSkippedLines == [3, 4])
    }

    @Test("any chunk size gives the same rows and lines as one big chunk", arguments: try manifestFixtures())
    func chunkBoundaries(fixture: String, arguments: [String]) throws {
        let path = fixturesDirectory.appendingPathComponent(fixture).path
        let width = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            .split(whereSeparator: \.isNewline).first!
            .split(separator: CSVDialect.defaultDelimiter(forPath: fixture) == 9 ? "\t" : ",", omittingEmptySubsequences: false)
            .count
        func configuration(_ chunkSize: Int) -> CSVReaderConfiguration {
            CSVReaderConfiguration(
                dialect: CSVDialect(delimiter: CSVDialect.defaultDelimiter(forPath: fixture)), hasHeader: false,
                columns: (1...width).map { ColumnSelector.position($0) }, skipBadRows: true,
                lenientQuotes: arguments.contains("--lenient-quotes"), chunkSize: chunkSize)
        }
        let (whole, wholeSummary) = try readRows(path, configuration(1 << 20))
        #expect(!whole.isEmpty)
        for chunkSize in [4, 5, 7, 13, 64] {
            let (chunked, chunkedSummary) = try readRows(path, configuration(chunkSize))
            #expect(chunked == whole, "chunk size \(chunkSize)")
            #expect(chunkedSummary == wholeSummary, "chunk size \(chunkSize)")
        }
    }
}

/// The files that `Fixtures/manifest.json` lists (every fixture that has a report to give), with
/// their arguments.
private func manifestFixtures() throws -> [(String, [String])] {
    let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let fixtures = try #require(manifest["fixtures"] as? [[String: Any]])
    return try fixtures.map { (try #require($0["file"] as? String), try #require($0["args"] as? [String])) }
}

import PredEvalCSV
import PredEvalCore
import Foundation
import Testing

@Suite("Read errors name the file and the line")
struct CSVReadErrorTests {
    @Test("a row with too few or too many fields")
    func wrongFieldCount() throws {
        let tooFew = try temporaryFile("a,b\n1,2\n\"multi\nline\",2\n3\n")
        let error = try #require(readError(tooFew, byName("a", "b")))
        #expect(error.line == 5)
        #expect(error.reason == .wrongFieldCount(expected: 2, found: 1))

        let tooMany = try temporaryFile("a,b\n1,2,3\n")
        #expect(readError(tooMany, byName("a", "b")) == CSVReadError(file: tooMany, line: 2, reason: .wrongFieldCount(expected: 2, found: 3)))
    }

    @Test("an unterminated quote is reported on the line where it opened")
    func unterminatedQuote() throws {
        let path = try temporaryFile("a,b\n1,2\n3,\"never\nclosed\n4,5\n")
        #expect(readError(path, byName("a", "b")) == CSVReadError(file: path, line: 3, reason: .unterminatedQuote))
    }

    @Test("a quote inside an unquoted field, or text after a closing quote")
    func misplacedQuote() throws {
        let inside = try temporaryFile("a,b\n1,2\n3,4\"5\n")
        #expect(readError(inside, byName("a", "b")) == CSVReadError(file: inside, line: 3, reason: .misplacedQuote))
        let after = try temporaryFile("a,b\n\"x\ny\"z,1\n")
        #expect(readError(after, byName("a", "b")) == CSVReadError(file: after, line: 3, reason: .misplacedQuote))
    }

    @Test("a missing column lists the columns that are there")
    func missingColumn() throws {
        let path = try temporaryFile("id,truth,guess\n1,a,b\n")
        let error = try #require(readError(path, byName("truth", "predicted")))
        #expect(error.line == 1)
        #expect(error.reason == .missingColumn(column: 1, selector: .name("predicted"), header: ["id", "truth", "guess"]))
    }

    @Test("a name on two header cells is refused, naming both positions")
    func ambiguousColumn() throws {
        let path = try temporaryFile("label,label,predicted\na,b,c\n")
        #expect(readError(path, byName("label", "predicted"))?.reason == .ambiguousColumn(column: 0, name: "label", positions: [1, 2]))
    }

    @Test("positions past the last field, and names without a header")
    func positions() throws {
        let path = try temporaryFile("a,b\n")
        let pastEnd = CSVReaderConfiguration(columns: [.position(3)])
        #expect(readError(path, pastEnd)?.reason == .positionOutOfRange(column: 0, position: 3, fieldCount: 2))
        let named = CSVReaderConfiguration(hasHeader: false, columns: [.position(1), .name("a")])
        #expect(readError(path, named)?.reason == .nameWithoutHeader(column: 1, selector: .name("a")))
    }

    @Test("empty input, blank lines only, a BOM only, and a header without rows")
    func nothingToRead() throws {
        for empty in [[], Array("\n\n\r\n".utf8), [0xEF, 0xBB, 0xBF]] as [[UInt8]] {
            let path = try temporaryFile(empty)
            #expect(readError(path, byName("a", "b")) == CSVReadError(file: path, reason: .empty))
        }
        let headerOnly = try temporaryFile("a,b\n\n")
        #expect(readError(headerOnly, byName("a", "b")) == CSVReadError(file: headerOnly, reason: .noDataRows))
    }

    @Test("a missing file and a directory")
    func notAFile() throws {
        let missing = "/nonexistent/predeval/file.csv"
        #expect(readError(missing, byName("a", "b")) == CSVReadError(file: missing, reason: .cannotOpen("No such file or directory")))
        let directory = FileManager.default.temporaryDirectory.path
        #expect(readError(directory, byName("a", "b")) == CSVReadError(file: directory, reason: .isDirectory))
    }
}

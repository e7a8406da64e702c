import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A file of the hostile catalogue (`Fixtures/hostile/`, written by `Fixtures/tools/make_hostile.py`)
/// that must fail with exactly this message after `predeval: error: PATH`.
struct HostileErrorCase: CustomTestStringConvertible, Sendable {
    let file: String
    let arguments: [String]
    let message: String

    var testDescription: String { "\(file) \(arguments.joined(separator: " "))" }

    init(_ file: String, _ arguments: [String], _ message: String) {
        self.file = file
        self.arguments = arguments
        self.message = message
    }

    init(_ file: String, _ message: String) {
        self.init(file, [], message)
    }

    static let quoteAdvice = "misplaced quote: a quote inside an unquoted field, or text after a closing quote (quote the whole field and double any quote inside it, or use --lenient-quotes)"

    /// The refusal of a binary file.
    private static let binary = ": the file is binary (its first bytes are mostly control bytes), not CSV text"

    static let all: [HostileErrorCase] = [
        HostileErrorCase("empty.csv", ": the file is empty: it has no header and no rows"),
        HostileErrorCase("bom_only.csv", ": the file is empty: it has no header and no rows"),
        HostileErrorCase("blank_lines_only.csv", ": the file is empty: it has no header and no rows"),
        HostileErrorCase("header_only.csv", ": the file has a header but no data rows"),
        HostileErrorCase(
            "missing_column.csv",
            ":1: no column any of predicted, y_pred, pred, prediction, predictions for --predicted; the header has 3 columns: 1:id, 2:truth, 3:guess"),
        HostileErrorCase(
            "duplicate_header.csv",
            ":1: the header names column 'actual' more than once (positions 1 and 3); give --actual a 1-based position instead"),
        HostileErrorCase("ragged_rows.csv", ":3: expected 2 fields, found 3 (use --skip-bad-rows to skip such rows)"),
        HostileErrorCase(
            "all_rows_ragged.csv", ["--skip-bad-rows"],
            ": all 2 rows were skipped for having the wrong number of fields; nothing is left to score"),
        HostileErrorCase("unterminated_quote_end.csv", ":3: a quoted field opens on this line and is never closed"),
        HostileErrorCase("unterminated_quote_middle.csv", ":3: a quoted field opens on this line and is never closed"),
        HostileErrorCase("quote_in_unquoted.csv", ":3: " + quoteAdvice),
        HostileErrorCase("text_after_quote.csv", ":2: " + quoteAdvice),
        // Random bytes are refused as binary before any parsing, whatever the options.
        HostileErrorCase("random_bytes.bin", [], binary),
        HostileErrorCase("random_bytes.bin", ["--no-header", "--actual", "1", "--predicted", "1"], binary),
        HostileErrorCase("random_bytes.bin", ["--no-header"], binary),
    ]
}

@Suite("Hostile input: an exact error naming the file and line, or the correct report; never a signal")
struct HostileInputTests {
    @Test("each malformed file fails with its message and exit status 2", arguments: HostileErrorCase.all)
    func malformedFile(_ hostile: HostileErrorCase) throws {
        let path = fixture("hostile/" + hostile.file)
        for format in ["text", "json"] {
            let run = try predeval([path, "--format", format] + hostile.arguments)
            #expect(run.status == 2)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError == "predeval: error: \(path)\(hostile.message)\n")
        }
    }

    @Test("invalid UTF-8: labels stay distinct byte strings, shown as U+FFFD; the JSON stays valid")
    func invalidUTF8() throws {
        let path = fixture("hostile/invalid_utf8.csv")
        let json = try predeval([path, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        // \xff, \xfe, \xc3 and \xc0\xaf are four different labels, though each reads as U+FFFD.
        #expect(report["labels"] as? [String] == ["café", "\u{FFFD}\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}"])
        let text = try predeval([path])
        #expect(text.standardOutput.contains("\n\u{FFFD}  "))
    }

    @Test("control characters in labels are escaped in text, so a file cannot break lines or drive the terminal")
    func controlCharacters() throws {
        let text = try predeval([fixture("hostile/control_characters.csv"), "--confusion-matrix"])
        #expect(text.status == 0)
        #expect(!text.standardOutput.contains("\u{1B}"))
        #expect(text.standardOutput.contains("\\u{1b}[31mred"))
        // Every control character as \u{…}, line breaks and tabs too (design §3).
        #expect(text.standardOutput.contains("line\\u{a}break"))
        #expect(text.standardOutput.contains("x\\u{9}ab"))
        #expect(text.standardError.contains("'line\\u{a}break'"))
        let nul = try predeval([fixture("hostile/nul_bytes.csv")])
        #expect(nul.standardOutput.contains("a\\u{0}b") && !nul.standardOutput.contains("\u{0}"))
    }

    @Test("a FIFO is read like a file")
    func fifo() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let run = try shell("printf 'actual,predicted\\na,a\\nb,a\\n' > '\(path)' & \"$PREDEVAL\" '\(path)' --format json")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"rows\": 2,"))
    }

    @Test("standard input: cut off in a row, cut off in a quoted field, empty, or not open at all")
    func standardInputClosedEarly() throws {
        let cutInRow = try predeval(["-"], standardInput: Data("actual,predicted\na,a\nb".utf8))
        #expect(cutInRow.status == 2 && cutInRow.standardError == "predeval: error: -:3: expected 2 fields, found 1 (use --skip-bad-rows to skip such rows)\n")
        let cutInQuote = try predeval(["-"], standardInput: Data("actual,predicted\na,a\nb,\"b".utf8))
        #expect(cutInQuote.status == 2 && cutInQuote.standardError == "predeval: error: -:3: a quoted field opens on this line and is never closed\n")
        let empty = try predeval(["-"], standardInput: Data())
        #expect(empty.status == 2 && empty.standardError == "predeval: error: -: the file is empty: it has no header and no rows\n")
        let closed = try shell("\"$PREDEVAL\" - <&-")
        #expect(closed.status == 2 && closed.standardError == "predeval: error: -: reading failed: Bad file descriptor\n")
    }

    @Test("an unreadable file (run as an unprivileged user when the tests run as root)")
    func unreadableFile() throws {
        let path = try temporaryFile("actual,predicted\na,a\n")
        defer { unlink(path) }
        chmod(path, 0)
        let run =
            geteuid() == 0
            ? try shell("exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$PREDEVAL\" '\(path)'")
            : try predeval([path])
        #expect(run.status == 2)
        #expect(run.standardError == "predeval: error: \(path): cannot open the file: Permission denied\n")
    }

    @Test("a report that cannot be written is an error, not a signal")
    func unwritableOutput() throws {
        let full = try shell("\"$PREDEVAL\" '\(fixture("sklearn_docstring.csv"))' > /dev/full")
        #expect(full.status == 2 && full.standardError == "predeval: error: standard output: cannot write the report: No space left on device\n")
        let closed = try shell("\"$PREDEVAL\" '\(fixture("sklearn_docstring.csv"))' >&-")
        #expect(closed.status == 2 && closed.standardError == "predeval: error: standard output: cannot write the report: Bad file descriptor\n")
        // The reader is gone before predeval writes (`| head`): a quiet end with status 0, as the
        // design's reliability rules say, instead of death by SIGPIPE; a failed gate still says so.
        let brokenPipe = try shell("{ sleep 0.3; \"$PREDEVAL\" '\(fixture("sklearn_docstring.csv"))'; echo \"status $?\" >&2; } | true")
        #expect(brokenPipe.standardError.hasSuffix("status 0\n") && !brokenPipe.standardError.contains("error"))
        let gate = try shell("{ sleep 0.3; \"$PREDEVAL\" '\(fixture("sklearn_docstring.csv"))' --fail-under accuracy=0.9; echo \"status $?\" >&2; } | true")
        #expect(gate.standardError.hasSuffix("below the threshold 0.9\nstatus 1\n"), "\(gate.standardError)")
    }
}

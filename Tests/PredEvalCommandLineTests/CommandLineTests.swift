import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The command line, end to end")
struct CommandLineTests {
    @Test("the glossary's worked example prints micro-precision 0.2 and micro-recall 0.25")
    func glossaryExample() throws {
        let run = try predeval([fixture("glossary_micro_multilabel.csv"), "--multi-label"])
        #expect(run.status == 0)
        let micro = run.standardOutput.split(separator: "\n").first { $0.hasPrefix("micro avg") }
        let cells = try #require(micro).split(separator: " ")
        #expect(cells[2] == "0.2000" && cells[3] == "0.2500")
        #expect(run.standardOutput.contains("samples avg") && run.standardOutput.contains("subset accuracy"))
    }

    @Test("standard input ('-') gives the same report as the file")
    func standardInput() throws {
        let path = fixture("quoted_non_ascii.csv")
        let fromFile = try predeval([path, "--format", "json"])
        let fromInput = try predeval(["-", "--format", "json"], standardInput: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(fromInput.status == 0)
        #expect(fromInput.standardOutput == fromFile.standardOutput.replacingOccurrences(of: "\"file\": \"\(path)\"", with: "\"file\": \"-\""))
    }

    @Test("'evaluate' is the default subcommand")
    func defaultSubcommand() throws {
        let path = fixture("sklearn_docstring.csv")
        #expect(try predeval(["evaluate", path]).standardOutput == predeval([path]).standardOutput)
    }

    @Test("--output writes the report to a file and nothing to standard output")
    func outputFile() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-\(UUID().uuidString).json").path
        let run = try predeval([fixture("sklearn_docstring.csv"), "--format", "json", "--output", target])
        #expect(run.status == 0 && run.standardOutput.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains("\"accuracy\": 0.6"))
    }

    @Test("--confusion-matrix adds the matrix to text output")
    func confusionMatrix() throws {
        let run = try predeval([fixture("sklearn_docstring.csv"), "--confusion-matrix"])
        #expect(run.standardOutput.contains("confusion matrix (rows: actual, columns: predicted)"))
        #expect(run.standardOutput.contains("class 2                   0        1        2"))
    }

    @Test("--zero-division warn warns once per metric, naming the labels; other modes are silent")
    func zeroDivisionWarnings() throws {
        let warn = try predeval([fixture("zero_division_single.csv")])
        #expect(warn.status == 0)
        #expect(warn.standardError.contains("predeval: warning: \(fixture("zero_division_single.csv")): precision is ill-defined and set to 0.0 for 1 label with no predicted rows: 'c'"))
        #expect(warn.standardError.contains("recall is ill-defined and set to 0.0 for 1 label with no actual rows: 'd'"))
        let zero = try predeval([fixture("zero_division_single.csv"), "--zero-division", "0"])
        #expect(zero.standardError.isEmpty)
    }

    @Test("--help documents every flag, with examples and exit codes")
    func help() throws {
        let run = try predeval(["evaluate", "--help"])
        #expect(run.status == 0)
        for flag in ["--actual", "--predicted", "--no-header", "--delimiter", "--multi-label", "--label-separator", "--labels",
                     "--zero-division", "--format", "--digits", "--confusion-matrix", "--skip-bad-rows", "--output", "--group-by",
                     "--min-group-rows", "--truth", "--id", "--truth-id", "--on-missing", "--fail-under", "--rank-by",
                     "--details", "--no-progress", "markdown", "Examples:", "Exit status"] {
            #expect(run.standardOutput.contains(flag), "\(flag)")
        }
    }

    @Test("both help pages give the exit statuses")
    func exitStatusHelp() throws {
        for arguments in [["--help"], ["evaluate", "--help"]] {
            let run = try predeval(arguments)
            let text = run.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(text.contains("Exit status: 0 report written; 1 a --fail-under quality gate failed (the report is still written); 2 bad usage or bad input"))
            #expect(text.contains("never dies by a signal"))
        }
    }
}

@Suite("Errors: predeval: error: FILE:LINE: message, exit status 2")
struct CommandLineErrorTests {
    private func expectFailure(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let run = try predeval(arguments)
        #expect(run.status == 2, sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, sourceLocation: sourceLocation)
        #expect(run.standardError.hasPrefix("predeval: error: \(message)"), "\(run.standardError)", sourceLocation: sourceLocation)
    }

    @Test("a missing file")
    func missingFile() throws {
        try expectFailure(["/nonexistent/preds.csv"], "/nonexistent/preds.csv: cannot open the file: No such file or directory")
    }

    @Test("a directory")
    func directory() throws {
        let directory = FileManager.default.temporaryDirectory.path
        try expectFailure([directory], "\(directory): is a directory, not a file")
    }

    @Test("a column not in the header lists the columns there are")
    func missingColumn() throws {
        let path = try temporaryFile("id,truth,guess\n1,a,b\n")
        try expectFailure(
            [path], "\(path):1: no column any of predicted, y_pred, pred, prediction, predictions for --predicted; "
                + "the header has 3 columns: 1:id, 2:truth, 3:guess")
        try expectFailure([path, "--predicted", "guesses"], "\(path):1: no column 'guesses' for --predicted (did you mean 'guess'?);")
        try expectFailure([path, "--predicted", "4"], "\(path):1: --predicted 4 is out of range: rows have 3 fields")
    }

    @Test("too few and too many fields name the line; --skip-bad-rows skips them")
    func wrongFieldCount() throws {
        let path = try temporaryFile("actual,predicted\na,a\nb\n")
        try expectFailure([path], "\(path):3: expected 2 fields, found 1 (use --skip-bad-rows to skip such rows)")
        let tooMany = try temporaryFile("actual,predicted\na,a\nb,b\nc,c,c\n")
        try expectFailure([tooMany], "\(tooMany):4: expected 2 fields, found 3")
        #expect(try predeval([tooMany, "--skip-bad-rows"]).status == 0)
    }

    @Test("an unterminated quoted field names the line where it opened")
    func unterminatedQuote() throws {
        let path = try temporaryFile("actual,predicted\na,a\nb,\"never\nclosed\nc,c\n")
        try expectFailure([path], "\(path):3: a quoted field opens on this line and is never closed")
        let misplaced = try temporaryFile("actual,predicted\na,a\n\"b\nb\"x,b\n")
        try expectFailure([misplaced], "\(misplaced):4: misplaced quote: a quote inside an unquoted field, or text after a closing quote")
    }

    @Test("bad usage exits 2 with a pointer to --help")
    func badUsage() throws {
        let path = fixture("sklearn_docstring.csv")
        for arguments in [[path, "--zero-division", "maybe"], [path, "--digits", "40"], [path, "--delimiter", "ab"],
                          [path, "--labels", "a,,b"], [path, "--labels", "a,a"], [path, "--frobnicate"], []] {
            let run = try predeval(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.standardError.hasPrefix("predeval: error: "), "\(arguments)")
            #expect(run.standardError.contains("predeval evaluate --help"), "\(arguments)")
        }
    }
}

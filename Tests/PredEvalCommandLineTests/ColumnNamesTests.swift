import ArgumentParser
import Foundation
import PredEval
import PredEvalCommandLine
import Testing

@Suite("--no-header --columns: a part of a file without its header reads as the whole file")
struct ColumnNamesTests {
    /// The digits model's score file without its header line, in a temporary directory.
    private func headerless() throws -> (path: String, names: String, remove: () -> Void) {
        let text = try String(contentsOf: URL(fileURLWithPath: fixture("ranking/digits_lr.csv")), encoding: .utf8)
        let newline = text.firstIndex(of: "\n")!
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-headerless-\(UUID().uuidString).csv")
        try String(text[text.index(after: newline)...]).write(to: url, atomically: true, encoding: .utf8)
        return (url.path, String(text[..<newline]), { try? FileManager.default.removeItem(at: url) })
    }

    @Test("named as the header names them, the rows give the whole file's report, on one thread and on three")
    func readsAsTheWholeFile() throws {
        let file = try headerless()
        defer { file.remove() }
        for extra in [
            ["--actual", "digit", "--scores", "p_*"], ["--actual", "digit", "--predicted", "site", "--group-by", "site"],
            ["--actual", "digit", "--scores", "p_*", "--ci", "0.9", "--bootstrap", "50", "--id", "id"],
        ] {
            let whole = try Evaluator(try EvaluateCommand.parse([fixture("ranking/digits_lr.csv")] + extra).evaluationOptions)
            let expected = try whole.evaluate(file: fixture("ranking/digits_lr.csv"))
            var options = try EvaluateCommand.parse([file.path, "--no-header", "--columns", file.names] + extra).evaluationOptions
            for threads in [1, 3] {
                options.threads = threads
                options.minimumPartBytes = 1
                let report = try Evaluator(options).evaluate(file: file.path)
                #expect(Self.unnamed(report) == Self.unnamed(expected), "\(extra), \(threads) threads")
            }
        }
    }

    /// The report with no file name, in its slices too.
    private static func unnamed(_ report: Report) -> Report {
        var unnamed = report
        unnamed.file = ""
        unnamed.groups = report.groups?.map { GroupReport(group: $0.group, report: Self.unnamed($0.report)) }
        return unnamed
    }

    @Test("rows of another width, a name no row has, --columns without --no-header and repeated names: exit 2 saying so")
    func refusals() throws {
        let file = try headerless()
        defer { file.remove() }
        for (arguments, message) in [
            (["--no-header", "--columns", "id,digit,site", "--actual", "digit", "--predicted", "site"], ":1: expected 3 fields, found 13"),
            (["--no-header", "--columns", file.names, "--actual", "nope", "--scores", "p_*"], "no column 'nope' for --actual"),
            (["--columns", file.names, "--actual", "digit", "--scores", "p_*"], "--columns needs --no-header"),
            (["--no-header", "--columns", "a,b,a"], "--columns takes a comma-separated list of distinct, non-empty column names"),
            (["--no-header", "--columns", "a,,b"], "--columns takes a comma-separated list of distinct, non-empty column names"),
        ] {
            let run = try predeval([file.path] + arguments)
            #expect(run.status == 2 && run.standardError.contains(message), "\(arguments): \(run.standardError)")
        }
    }
}

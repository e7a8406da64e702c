import Foundation
import PredEval
import PredEvalCommandLine
import Testing

/// One case of a `cases.expected.json` under `Fixtures/` (`batch/`, `model_outputs/`): arguments
/// (paths relative to `Fixtures/`) and the whole JSON output scikit-learn's numbers say predeval
/// must print.
struct OutputCase: CustomTestStringConvertible, Sendable {
    let arguments: [String]
    let expectedJSON: Data

    var testDescription: String { arguments.joined(separator: " ") }

    /// The cases of `Fixtures/PATH`.
    static func all(_ path: String) throws -> [OutputCase] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent(path))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(file["cases"] as? [[String: Any]]).map { entry in
            OutputCase(
                arguments: try #require(entry["args"] as? [String]),
                expectedJSON: try JSONSerialization.data(withJSONObject: try #require(entry["expected"])))
        }
    }

    /// The batch-scoring cases.
    static func batch() throws -> [OutputCase] { try all("batch/cases.expected.json") }

    /// The model-output cases.
    static func modelOutputs() throws -> [OutputCase] { try all("model_outputs/cases.expected.json") }

    /// The cases of files as real tools write them.
    static func realFiles() throws -> [OutputCase] { try all("files_as_they_come/cases.expected.json") }
}

/// Runs predeval in the Fixtures folder, so that paths and the reports' `file` read as given.
private func inFixtures(_ arguments: [String]) throws -> PredevalRun {
    try predeval(arguments, in: fixturesDirectory)
}

private func jsonObject(_ run: PredevalRun) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
}

private let joinArguments = ["--truth", "batch/truth.csv", "--id", "id", "--actual", "label", "--predicted", "pred"]

@Suite("Batch scoring equals scikit-learn on each file, slice and joined row set")
struct BatchConformanceTests {
    @Test("several files, --group-by, --truth joins", arguments: try OutputCase.batch())
    func matchesScikitLearn(_ expected: OutputCase) throws {
        let run = try inFixtures(expected.arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        let found = differences(
            try JSONSerialization.jsonObject(with: expected.expectedJSON),
            try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)))
        #expect(found.isEmpty, "\(found.prefix(10).joined(separator: "\n"))")
    }

    @Test("the cases cover several files, slices, both modes, and joins with and without groups")
    func coverage() throws {
        let arguments = try OutputCase.batch().map(\.arguments)
        #expect(arguments.contains { $0.filter { $0.hasSuffix(".csv") }.count >= 3 && !$0.contains("--truth") })
        #expect(arguments.contains { $0.contains("--group-by") && $0.contains("--multi-label") && $0.contains("--truth") })
        #expect(arguments.contains { $0.contains("--min-group-rows") })
        #expect(arguments.contains { $0.contains("--truth-id") })
    }
}

@Suite("Joining a prediction file to a truth file: the audit")
struct JoinAuditTests {
    @Test("missing ids are an error by default, naming the count and the first ids")
    func missingIsAnError() throws {
        let run = try inFixtures(["batch/submission.csv"] + joinArguments)
        #expect(run.status == 2)
        #expect(run.standardOutput.isEmpty)
        let expected = try #require(try JSONSerialization.jsonObject(
            with: try OutputCase.batch().first { $0.arguments.first == "batch/submission.csv" }!.expectedJSON) as? [String: Any])
        let audit = try #require(expected["audit"] as? [String: Any])
        let missingIDs = try #require(audit["missing_ids"] as? [String])
        #expect(run.standardError.hasPrefix(
            "predeval: error: batch/submission.csv: 4 ids of the truth file batch/truth.csv have no prediction ('\(missingIDs[0])', "))
        #expect(run.standardError.contains("--on-missing ignore"))
    }

    @Test("extra predictions are a warning, counted apart: rows read = matched + extra")
    func extraIsAWarning() throws {
        let run = try inFixtures(["batch/submission.csv"] + joinArguments + ["--on-missing", "ignore", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.standardError.contains(
            "predeval: warning: batch/submission.csv: 3 predictions have ids that batch/truth.csv lacks; they are not scored"))
        let report = try jsonObject(run)
        let audit = try #require(report["audit"] as? [String: Any])
        let dataLines = try String(contentsOf: fixturesDirectory.appendingPathComponent("batch/submission.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect((report["rows"] as? Int) == audit["matched"] as? Int)
        #expect((audit["matched"] as? Int ?? 0) + (audit["extra"] as? Int ?? 0) == dataLines.count)
        let extraInFileOrder = dataLines.map { String($0.split(separator: ",")[0]) }.filter { $0.hasPrefix("x") }
        #expect(audit["extra_ids"] as? [String] == extraInFileOrder)
    }

    @Test("the audit shows in text, and the order of predictions does not matter")
    func textAndOrder() throws {
        let text = try inFixtures(["batch/submission.csv"] + joinArguments + ["--on-missing", "ignore"])
        #expect(text.standardOutput.contains("ids: 86 matched, 4 missing ("))
        #expect(text.standardOutput.contains(", 3 extra ("))
        // The same rows in reverse order score the same.
        let lines = try String(contentsOf: fixturesDirectory.appendingPathComponent("batch/submission.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let reversed = try temporaryFile(([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n")
        let forward = try jsonObject(try inFixtures(["batch/submission.csv"] + joinArguments + ["--on-missing", "ignore", "--format", "json"]))
        let backward = try jsonObject(try inFixtures([reversed] + joinArguments + ["--on-missing", "ignore", "--format", "json"]))
        for key in ["classes", "averages", "accuracy", "confusion_matrix", "rows"] {
            #expect(differences(forward[key]!, backward[key]).isEmpty, "\(key)")
        }
    }

    @Test("an id repeated in the truth file, in the predictions, or among extra ids: exit 2 with both lines")
    func duplicates() throws {
        let truth = try inFixtures(["batch/submission.csv", "--truth", "batch/dup_truth.csv", "--id", "id", "--actual", "label", "--predicted", "pred"])
        #expect(truth.status == 2)
        #expect(truth.standardError == "predeval: error: batch/dup_truth.csv:4: id 'a' appears again (first on line 2); every id of a truth file must be unique\n")
        let prediction = try inFixtures(["batch/dup_submission.csv"] + joinArguments + ["--on-missing", "ignore"])
        #expect(prediction.status == 2)
        #expect(prediction.standardError == "predeval: error: batch/dup_submission.csv:4: id 's001' appears again (first on line 2); every id of a prediction file must be unique\n")
        let extra = try inFixtures(["batch/dup_extra_submission.csv"] + joinArguments + ["--on-missing", "ignore"])
        #expect(extra.status == 2)
        #expect(extra.standardError.hasPrefix("predeval: error: batch/dup_extra_submission.csv:4: id 'zz' appears again (first on line 3)"))
    }

    @Test("bad join options are usage errors")
    func usage() throws {
        #expect(try inFixtures(["batch/submission.csv", "--truth", "batch/truth.csv"]).status == 2)
        #expect(try inFixtures(["batch/submission.csv", "--id", "id"]).status == 2)
        let wrongColumn = try inFixtures(["batch/submission.csv", "--truth", "batch/truth.csv", "--id", "nope", "--actual", "label", "--predicted", "pred"])
        #expect(wrongColumn.status == 2)
        #expect(wrongColumn.standardError.hasPrefix("predeval: error: batch/truth.csv:1: no column 'nope' for --id"))
    }
}

@Suite("Quality gates: --fail-under")
struct QualityGateTests {
    // sklearn_docstring.csv: macro F1 0.48888888888888893, recall of 'class 2' 0.6666666666666666.
    @Test("an average: exit 0 at or above the threshold, 1 below it, the report written either way")
    func average() throws {
        let pass = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "macro-f1=0.48888888888888893"])
        #expect(pass.status == 0)
        #expect(pass.standardError.isEmpty)
        let fail = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "macro-f1=0.4889", "--fail-under", "accuracy=0.5"])
        #expect(fail.status == 1)
        #expect(fail.standardOutput.contains("macro avg"))
        #expect(fail.standardError == "predeval: quality gate failed: \(fixture("sklearn_docstring.csv")): macro-f1 is 0.48888888888888893, below the threshold 0.4889\n")
    }

    @Test("one class: exit 0 and 1, every failing gate listed")
    func oneClass() throws {
        let pass = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "recall:class 2=0.66", "--format", "json"])
        #expect(pass.status == 0)
        let fail = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "recall:class 2=0.7", "--fail-under", "f1:class 1=0.1"])
        #expect(fail.status == 1)
        let lines = fail.standardError.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("recall:class 2 is 0.6666666666666666, below the threshold 0.7"))
        #expect(lines[1].hasSuffix("f1:class 1 is 0.0, below the threshold 0.1"))
    }

    @Test("several files: every file must pass")
    func everyFile() throws {
        let run = try inFixtures(["batch/model_a.csv", "batch/model_b.csv", "batch/model_c.csv", "--fail-under", "accuracy=0.7"])
        #expect(run.status == 1)
        #expect(run.standardError.split(separator: "\n").count == 1)
        #expect(run.standardError.contains("batch/model_b.csv: accuracy is"))
        #expect(try inFixtures(["batch/model_a.csv", "batch/model_c.csv", "--fail-under", "accuracy=0.7"]).status == 0)
    }

    @Test("an undefined value fails; an unknown label, a samples average of single-label rows or bad syntax is exit 2")
    func undefinedAndUnknown() throws {
        // zero_division_single.csv: 'c' is never predicted, so its precision is undefined under nan.
        let undefined = try predeval([fixture("zero_division_single.csv"), "--zero-division", "nan", "--fail-under", "precision:c=0"])
        #expect(undefined.status == 1)
        #expect(undefined.standardError.hasSuffix("precision:c is undefined, below the threshold 0.0\n"))
        #expect(try predeval([fixture("zero_division_single.csv"), "--zero-division", "nan", "--fail-under", "recall:c=0"]).status == 0)
        let unknown = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "f1:class 9=0.5"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("the report has no label 'class 9'"))
        #expect(try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "samples-f1=0.5"]).status == 2)
        for bad in ["macro-f1", "f2=0.5", "macro-f1=high", "=0.3"] {
            #expect(try predeval([fixture("sklearn_docstring.csv"), "--fail-under", bad]).status == 2, "\(bad)")
        }
    }
}

@Suite("Leaderboard, slices, Markdown and CSV")
struct BatchRenderingTests {
    @Test("the leaderboard ranks by --rank-by, best first; --details adds each report")
    func leaderboard() throws {
        let run = try inFixtures(["batch/model_a.csv", "batch/model_b.csv", "batch/model_c.csv", "--rank-by", "accuracy"])
        let json = try jsonObject(try inFixtures(["batch/model_a.csv", "batch/model_b.csv", "batch/model_c.csv", "--format", "json"]))
        let reports = try #require(json["reports"] as? [[String: Any]])
        let byAccuracy = reports.sorted { ($0["accuracy"] as! Double) > ($1["accuracy"] as! Double) }.map { $0["file"] as! String }
        let ranked = run.standardOutput.split(separator: "\n").dropFirst(2).map { String($0.split(separator: " ")[1]) }
        #expect(ranked == byAccuracy)
        #expect(!run.standardOutput.contains("macro avg"))
        let details = try inFixtures(["batch/model_a.csv", "batch/model_b.csv", "--details"])
        #expect(details.standardOutput.components(separatedBy: "macro avg").count == 3)
    }

    @Test("the slice table marks the worst slice; --min-group-rows leaves small ones out")
    func sliceTable() throws {
        let json = try jsonObject(try inFixtures(["batch/model_b.csv", "--group-by", "lang", "--format", "json"]))
        let groups = try #require(json["groups"] as? [[String: Any]])
        func macroF1(_ group: [String: Any]) -> Double {
            let averages = group["averages"] as! [String: [String: Any]]
            return averages["macro"]!["f1"] as! Double
        }
        let worst = try #require(groups.min { macroF1($0) < macroF1($1) })
        let text = try inFixtures(["batch/model_b.csv", "--group-by", "lang"]).standardOutput
        let marked = text.split(separator: "\n").filter { $0.hasSuffix("<- worst macro-f1") }
        #expect(marked.count == 1 && marked[0].hasPrefix("\(worst["group"] as! String) "))
        let filtered = try inFixtures(["batch/model_b.csv", "--group-by", "lang", "--min-group-rows", "5"]).standardOutput
        #expect(text.contains("\nja ") && !filtered.contains("\nja "))
    }

    @Test("Markdown: a GitHub table of classes and averages; a leaderboard for several files")
    func markdown() throws {
        let run = try predeval([fixture("sklearn_docstring.csv"), "--format", "markdown", "--digits", "2"])
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("| label | precision | recall | f1-score | support | tp | fp | fn |"))
        #expect(lines.contains("|:---|---:|---:|---:|---:|---:|---:|---:|"))
        #expect(lines.contains("| class 2 | 1.00 | 0.67 | 0.80 | 3 | 2 | 0 | 1 |"))
        #expect(lines.contains("| **macro avg** | 0.50 | 0.56 | 0.49 | 5 |  |  |  |"))
        let board = try inFixtures(["batch/model_a.csv", "batch/model_b.csv", "--format", "markdown"]).standardOutput
        #expect(board.contains("| rank | file | rows | accuracy |"))
        #expect(board.contains("| 1 | batch/model\\_a.csv | 90 |"))
    }

    @Test("CSV: one row per class with scikit-learn's numbers; a file column for several files")
    func csv() throws {
        let expected = try #require(try ExpectedCase.all().first { $0.fixture == "sklearn_docstring.csv" && $0.arguments == ["--zero-division", "warn"] })
        let report = try #require(try JSONSerialization.jsonObject(with: expected.expectedJSON) as? [String: Any])
        let classes = try #require(report["classes"] as? [[String: Any]])
        let run = try predeval([fixture("sklearn_docstring.csv"), "--format", "csv"])
        let rows = run.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["label", "tp", "fp", "fn", "support", "predicted", "precision", "recall", "f1"])
        #expect(rows.count == classes.count + 1)
        for (row, entry) in zip(rows.dropFirst(), classes) {
            #expect(row[0] == entry["label"] as? String)
            for (index, key) in ["tp", "fp", "fn", "support", "predicted", "precision", "recall", "f1"].enumerated() {
                #expect(abs(Double(row[index + 1])! - (entry[key] as! NSNumber).doubleValue) <= 1e-12, "\(key)")
            }
        }
        let several = try inFixtures(["batch/model_a.csv", "batch/model_b.csv", "--format", "csv"]).standardOutput
        #expect(several.hasPrefix("file,label,tp,"))
        #expect(several.contains("\nbatch/model_a.csv,bird,"))
        let sliced = try inFixtures(["batch/model_a.csv", "--group-by", "lang", "--format", "csv"]).standardOutput
        #expect(sliced.hasPrefix("group,label,") && sliced.contains("\n,bird,") && sliced.contains("\nde,bird,"))
    }
}

@Suite("The progress line")
struct ProgressLineTests {
    @Test("on a terminal for a file over 32 MB; never with --no-progress, JSON, or a pipe")
    func onlyOnATerminal() throws {
        var file = try GeneratedFile()
        defer { file.remove() }
        try file.write("actual,predicted\n")
        let piece = String(repeating: "cat,cat\ndog,dog\ncat,dog\ndog,cat\n", count: 2048)  // 64 KiB
        for _ in 0..<(33 << 20) / piece.utf8.count { try file.write(piece) }
        try file.finish()
        // script(1) gives predeval a terminal; what it shows there comes back on script's output.
        let onTerminal = { (options: String) in
            try shell("script -qec \"$PREDEVAL '\(file.path)' \(options) > /dev/null\" /dev/null")
        }
        let shown = try onTerminal("--threads 1")
        #expect(shown.status == 0)
        #expect(shown.standardOutput.contains("predeval: \(file.path): ") && shown.standardOutput.contains("%, "))
        #expect(shown.standardOutput.contains("rows/s") && shown.standardOutput.contains(" s left"))
        #expect(try onTerminal("--no-progress").standardOutput.isEmpty)
        #expect(try onTerminal("--format json").standardOutput.isEmpty)
        let piped = try predeval([file.path])
        #expect(piped.status == 0 && piped.standardError.isEmpty)
    }
}

@Suite("A group column of ids")
struct TooManySlicesTests {
    @Test("more than 10,000 distinct --group-by values: exit 2 naming the column, in one pass, in parts, and in a truth file")
    func tooManyValues() throws {
        let rows = (0...10_000).map { "\($0),cat,\($0 % 2 == 0 ? "cat" : "dog")" }
        let path = try temporaryFile((["id,actual,predicted"] + rows).joined(separator: "\n") + "\n")
        let message = "\(path): --group-by column 'id' has more than 10000 distinct values; slice by a column with fewer, such as a language or a region"
        let run = try predeval([path, "--group-by", "id"])
        #expect(run.status == 2)
        #expect(run.standardError == "predeval: error: \(message)\n")
        for threads in ["2", "3"] {
            let failure = #expect(throws: EvaluationError.self) {
                try evaluate([path, "--group-by", "id", "--threads", threads], minimumPartBytes: 1)
            }
            #expect(failure?.description(using: .commandLine) == message, "\(threads) parts")
        }
        let joined = try predeval([path, "--truth", path, "--id", "id", "--group-by", "id"])
        #expect(joined.status == 2)
        #expect(joined.standardError == "predeval: error: \(message)\n")
        // Exactly 10,000 values are still sliced.
        let limit = try temporaryFile((["id,actual,predicted"] + rows.dropLast()).joined(separator: "\n") + "\n")
        #expect(try predeval([limit, "--group-by", "id", "--format", "csv"]).status == 0)
    }
}

@Suite("A truth file's skipped rows")
struct TruthSkippedRowsTests {
    @Test("--skip-bad-rows on a truth file with a malformed line: counted in skipped_rows and the audit, named by line")
    func reported() throws {
        let truth = try temporaryFile("id,label\n1,cat\n2,dog,extra\n3,cat\n4,dog\n")
        let predictions = try temporaryFile("id,pred\n1,cat\n2,dog\n3,dog\n4,dog\n")
        let arguments = [predictions, "--truth", truth, "--id", "id", "--actual", "label", "--predicted", "pred", "--skip-bad-rows"]
        let run = try predeval(arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let audit = try #require(report["audit"] as? [String: Any])
        #expect(report["rows"] as? Int == 3 && report["skipped_rows"] as? Int == 1)
        #expect(audit["matched"] as? Int == 3 && audit["extra"] as? Int == 1 && audit["truth_skipped_rows"] as? Int == 1)
        #expect(audit["extra_ids"] as? [String] == ["2"])
        // scikit-learn: accuracy_score(["cat", "cat", "dog"], ["cat", "dog", "dog"])
        #expect(report["accuracy"] as? Double == 2.0 / 3.0)
        let warning = "skipped 1 of 4 rows of the truth file \(truth) with the wrong number of fields (lines 3)"
        #expect((report["warnings"] as? [String])?.contains(warning) == true)
        #expect(run.standardError.contains("predeval: warning: \(predictions): \(warning)"))
        let strict = try predeval(Array(arguments.dropLast()))
        #expect(strict.status == 2 && strict.standardError.hasPrefix("predeval: error: \(truth):3: expected 2 fields, found 3"))
    }
}

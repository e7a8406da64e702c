import ArgumentParser
import Foundation
import PredEval
import PredEvalCommandLine
import Testing

/// The JSON report of `arguments`.
private func jsonReport(_ arguments: [String], in directory: URL? = nil) throws -> [String: Any] {
    let run = try predeval(arguments + ["--format", "json"], in: directory)
    #expect(run.status == 0, "\(run.standardError)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
}

@Suite("Model outputs: score columns, binary scores, indicator columns and list cells equal scikit-learn")
struct ModelOutputConformanceTests {
    @Test("argmax, top-k, log loss, average='binary', thresholds, indicators, lists", arguments: try OutputCase.modelOutputs())
    func matchesScikitLearn(_ expected: OutputCase) throws {
        let report = try jsonReport(expected.arguments, in: fixturesDirectory)
        let found = differences(try JSONSerialization.jsonObject(with: expected.expectedJSON), report)
        #expect(found.isEmpty, "\(found.prefix(10).joined(separator: "\n"))")
    }

    @Test("the same report read in parts on three threads, 64 bytes at a time, and sliced", arguments: try OutputCase.modelOutputs())
    func partsAndSlicesChangeNothing(_ expected: OutputCase) throws {
        let arguments = expected.arguments.map { $0.hasPrefix("model_outputs/") ? fixture($0) : $0 }
        let whole = try evaluate(arguments + ["--threads", "1"])
        #expect(try evaluate(arguments + ["--threads", "3"], minimumPartBytes: 1) == whole)
        var options = try EvaluateCommand.parse(arguments + ["--threads", "3"]).evaluationOptions
        options.readSize = 64
        options.minimumPartBytes = 1
        // Every file has an id column but the digits one, sliced by its actual label.
        options.groupBy = .name(arguments.contains("digit") ? "digit" : "id")
        var sliced = try Evaluator(options).evaluate(file: arguments[0])
        let groups = try #require(sliced.groups)
        #expect(groups.reduce(0) { $0 + $1.report.rows } == whole[0].rows)
        sliced.groups = nil
        #expect(sliced == whole[0])
    }

    @Test("the cases cover every way of reading a model's output")
    func coverage() throws {
        let arguments = try OutputCase.modelOutputs().map(\.arguments)
        for flag in ["--scores", "--top-k", "--score", "--positive", "--negative", "--threshold", "--actual-columns",
            "--predicted-columns", "--label-format"]
        {
            #expect(arguments.contains { $0.contains(flag) }, "\(flag)")
        }
        #expect(arguments.contains { $0.contains("--positive") && $0.contains("--predicted") })
    }
}

@Suite("Model outputs: bad input is an error naming the file and line")
struct ModelOutputErrorTests {
    private func failure(_ text: String, _ arguments: [String]) throws -> (path: String, message: String) {
        let path = try temporaryFile(text)
        let run = try predeval([path] + arguments)
        #expect(run.status == 2, "\(run.standardError)")
        #expect(run.standardOutput.isEmpty)
        return (path, run.standardError)
    }

    @Test("a score that is not a finite number: text, NaN, infinity, empty, hexadecimal", arguments: ["abc", "nan", "inf", "", "0x1p-2", "1e400", "0.5.1"])
    func scoreNotANumber(_ cell: String) throws {
        let (path, message) = try failure("actual,p_a,p_b\na,0.9,0.1\nb,\(cell),0.2\n", ["--scores", "p_*"])
        #expect(message == "predeval: error: \(path):3: --scores column 'p_a' holds '\(cell)', not a finite number\n")
    }

    @Test("a binary score that is not a number")
    func binaryScoreNotANumber() throws {
        let (path, message) = try failure("actual,s\nyes,0.9\nno,NaN\n", ["--score", "s", "--positive", "yes"])
        #expect(message == "predeval: error: \(path):3: --score column 's' holds 'NaN', not a finite number\n")
    }

    @Test("a glob that matches no column names the header")
    func globMatchesNothing() throws {
        let (path, message) = try failure("actual,p_a,p_b\na,0.9,0.1\n", ["--scores", "prob_*"])
        #expect(message == "predeval: error: \(path):1: --scores: no column of the header matches the columns matching 'prob_*'; the header has 3 columns: 1:actual, 2:p_a, 3:p_b\n")
    }

    @Test("one score column where a class each is needed")
    func oneScoreColumn() throws {
        let (path, message) = try failure("actual,p_a\na,0.9\n", ["--scores", "p_*"])
        #expect(message.hasPrefix("predeval: error: \(path):1: --scores selects 1 column; it needs at least 2, one per class"))
        #expect(message.contains("--score with --positive"))
    }

    @Test("two score columns that stand for one class")
    func repeatedClass() throws {
        let (path, message) = try failure("actual,p_a,p_b\na,0.9,0.1\n", ["--scores", "p_a,p_a"])
        #expect(message == "predeval: error: \(path):1: two columns of --scores stand for the class 'p_a'; every class needs one column\n")
    }

    @Test("--score-labels that do not match the columns")
    func scoreLabelCount() throws {
        let (path, message) = try failure("actual,p_a,p_b\na,0.9,0.1\n", ["--scores", "2-3", "--score-labels", "a,b,c"])
        #expect(message == "predeval: error: \(path):1: --score-labels names 3 classes, but --scores selects 2 columns\n")
    }

    @Test("--top-k not below the number of classes")
    func topKTooLarge() throws {
        let (path, message) = try failure("actual,p_a,p_b\na,0.9,0.1\n", ["--scores", "p_*", "--top-k", "2"])
        #expect(message == "predeval: error: \(path):1: --top-k 2 is not below the 2 score classes: every row would count\n")
    }

    @Test("a threshold that is not a finite number is refused before reading", arguments: ["nan", "inf", "abc", "a=nan", "a=0.3,a=0.4"])
    func thresholdNotFinite(_ threshold: String) throws {
        let run = try predeval([fixture("model_outputs/cancer_score.csv"), "--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--threshold", threshold])
        #expect(run.status == 2)
        #expect(run.standardError.contains("--threshold"))
        #expect(run.standardError.contains("a finite number"))
    }

    @Test("a per-class threshold for a class no score column has")
    func unknownThresholdClass() throws {
        let (path, message) = try failure("actual,p_a,p_b\na,0.9,0.1\n", ["--multi-label", "--scores", "p_*", "--threshold", "c=0.3"])
        #expect(message == "predeval: error: \(path):1: --threshold names the class 'c', which no score column has (classes: 'a', 'b')\n")
    }

    @Test("a binary file with more than two actual labels and no --negative")
    func negativeUndetermined() throws {
        let (path, message) = try failure("actual,s\nyes,0.9\nno,0.1\nmaybe,0.2\n", ["--score", "s", "--positive", "yes"])
        #expect(message == "predeval: error: \(path): --score predicts 'yes' or the one other label, but the file has 2 other actual labels ('maybe', 'no'); give --negative\n")
        let run = try predeval([path, "--score", "s", "--positive", "yes", "--negative", "no", "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
    }

    @Test("a binary file whose positives fall below the threshold and that has no other label")
    func noNegative() throws {
        let (_, message) = try failure("actual,s\nyes,0.9\nyes,0.1\n", ["--score", "s", "--positive", "yes"])
        #expect(message.hasSuffix("but the file has no other actual label; give --negative\n"))
    }

    @Test("an indicator cell other than the accepted spellings names the line and the column", arguments: ["2", "maybe", "", "0.5", "-1"])
    func badIndicator(_ cell: String) throws {
        let (path, message) = try failure("y_a,y_b,predicted\n1,0,a\n0,\(cell),b\n", ["--multi-label", "--actual-columns", "y_*"])
        #expect(message == "predeval: error: \(path):3: --actual-columns column 'y_b' holds '\(cell)'; indicator cells are 0/1, true/false, yes/no or 0.0/1.0\n")
    }

    @Test("a truth file's bad indicator cell names the truth file and its line")
    func badTruthIndicator() throws {
        let truth = try temporaryFile("id,y_a,y_b\n1,1,0\n2,0,x\n")
        let predictions = try temporaryFile("id,p_a,p_b\n1,0.9,0.1\n2,0.2,0.8\n")
        let run = try predeval([predictions, "--multi-label", "--truth", truth, "--id", "id", "--actual-columns", "y_*", "--scores", "p_*"])
        #expect(run.status == 2)
        #expect(run.standardError == "predeval: error: \(truth):3: --actual-columns column 'y_b' holds 'x'; indicator cells are 0/1, true/false, yes/no or 0.0/1.0\n")
    }

    @Test("indicator spellings: 0/1, true/false, yes/no, 0.0/1.0 in any case, spaces around")
    func indicatorSpellings() throws {
        let path = try temporaryFile("y_a,y_b,predicted\n1,0,a\nTRUE,False,a\n yes ,No,a|b\n1.0,0.0,\n")
        let report = try jsonReport([path, "--multi-label", "--actual-columns", "y_*"])
        let classes = try #require(report["classes"] as? [[String: Any]])
        #expect(classes.map { $0["tp"] as? Int } == [3, 0])
        #expect(classes.map { $0["fn"] as? Int } == [1, 0])
        #expect(classes.map { $0["fp"] as? Int } == [0, 1])
    }

    @Test("a list cell that does not parse", arguments: [("['a', 'b'", "an item is not followed by , or ], or the list is never closed"), ("a, b", "it does not start with ["), ("['a]", "a quoted item is never closed"), ("['a\\q']", "it holds an escape")])
    func badList(_ cell: String, _ why: String) throws {
        let quoted = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let (path, message) = try failure("actual,predicted\n['a'],['a']\n\(quoted),[]\n", ["--multi-label", "--label-format", "list"])
        #expect(message.hasPrefix("predeval: error: \(path):3: --actual holds '\(cell)', which is no list (\(why)"), "\(message)")
    }

    @Test("list cells: Python and JSON quoting, escapes, unquoted items, empty lists and cells")
    func listCells() throws {
        let path = try temporaryFile(#"""
            actual,predicted
            "[""it's"", 'b\\']","[""it's"", ""b\\""]"
            "[""caf\u00e9"", 'x\xe9']","['café', 'xé']"
            "[1, 2]","[ 1 ]"
            [],
            ,[]
            "[""\ud83d\ude00""]","['😀']"
            """# + "\n")
        let report = try jsonReport([path, "--multi-label", "--label-format", "list"])
        #expect(report["labels"] as? [String] == ["1", "2", "b\\", "café", "it's", "xé", "😀"])
        #expect(report["accuracy"] as? Double == 5.0 / 6.0)
    }

    @Test("the first bad line is the one reported, whatever the read size and the parts: a bad score above a bad quote, a bad quote above a bad score")
    func firstErrorWins() throws {
        let rows = (0..<40).map { "a,0.\($0),0.5" }
        var scoreFirst = rows
        scoreFirst[1] = "a,x,0.5"
        scoreFirst[30] = "a,0\"5,0.5"
        var quoteFirst = rows
        quoteFirst[1] = "a,0\"5,0.5"
        quoteFirst[30] = "a,x,0.5"
        for (rows, expected) in [(scoreFirst, ":3: --scores column 'p_a' holds 'x'"), (quoteFirst, ":3: misplaced quote")] {
            let path = try temporaryFile((["actual,p_a,p_b"] + rows).joined(separator: "\n") + "\n")
            for (readSize, threads) in [(1 << 16, 1), (16, 1), (16, 3), (1 << 16, 3)] {
                var options = try EvaluateCommand.parse([path, "--scores", "p_*"]).evaluationOptions
                options.readSize = readSize
                options.threads = threads
                options.minimumPartBytes = 1
                #expect(throws: EvaluationError.self) { try Evaluator(options).evaluate(file: path) }
                do {
                    _ = try Evaluator(options).evaluate(file: path)
                } catch {
                    #expect(error.description(using: .commandLine).hasPrefix(path + expected), "\(readSize) bytes, \(threads) threads: \(error)")
                }
            }
        }
    }

    @Test("options that do not go together are refused before reading")
    func conflictingOptions() throws {
        let cases: [([String], String)] = [
            (["--scores", "p_*", "--predicted", "guess"], "--predicted and --scores cannot be used together"),
            (["--score", "s"], "--score needs --positive"),
            (["--top-k", "2"], "--top-k needs --scores"),
            (["--negative", "no"], "--negative needs --score"),
            (["--threshold", "0.3"], "--threshold cuts scores"),
            (["--actual-columns", "y_*"], "--actual-columns applies to multi-label rows only"),
            (["--label-format", "list"], "--label-format list applies to multi-label rows only"),
            (["--multi-label", "--positive", "a"], "--positive applies to single-label rows only"),
            (["--scores", "p_*", "--top-k", "0"], "--top-k takes a number of at least 1"),
            (["--score", "s", "--positive", "a", "--threshold", "a=0.3"], "--score takes one --threshold"),
            (["--no-header", "--scores", "2-3"], "with --no-header, --scores needs --score-labels"),
        ]
        for (arguments, expected) in cases {
            let run = try predeval([fixture("sklearn_docstring.csv")] + arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.standardError.contains(expected), "\(arguments): \(run.standardError)")
        }
    }
}

@Suite("Model outputs: what scores say beyond the predicted class")
struct ScoreStatisticsTests {
    @Test("scores outside [0, 1] (logits): the argmax report, log loss null with a warning")
    func logitsHaveNoLogLoss() throws {
        let path = try temporaryFile("actual,s_a,s_b,s_c\na,2.5,-1,0.3\nb,0.1,3.2,-4\nc,1,2,3\n")
        let run = try predeval([path, "--scores", "s_*", "--top-k", "2", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("\"log_loss\": null"))
        #expect(run.standardOutput.contains("\"top_k_accuracy\": {\"k\": 2, \"value\": 1.0}"))
        #expect(run.standardError.contains("3 of 3 rows have a score outside [0, 1]"))
    }

    @Test("rows whose probabilities do not sum to 1 are counted in one warning; log loss takes them as they are")
    func rowsNotSummingToOne() throws {
        // scikit-learn: log_loss(["a", "b", "a"], [[0.5, 0.2], [0.1, 0.9], [0.7, 0.3]], labels=["a", "b"])
        let path = try temporaryFile("actual,p_a,p_b\na,0.5,0.2\nb,0.1,0.9\na,0.7,0.3\n")
        let report = try jsonReport([path, "--scores", "p_*"])
        let expected = -(log(0.5) + log(0.9) + log(0.7)) / 3
        #expect(abs(try #require(report["log_loss"] as? Double) - expected) < 1e-12)
        let run = try predeval([path, "--scores", "p_*"])
        #expect(run.standardError.contains("the scores of 1 of 3 rows sum to more than 0.001 away from 1"))
    }

    @Test("an actual label with no score column: top-k and log loss undefined, with a warning")
    func unscoredActual() throws {
        let path = try temporaryFile("actual,p_a,p_b,p_c\na,0.5,0.3,0.2\nz,0.1,0.8,0.1\n")
        let report = try jsonReport([path, "--scores", "p_*", "--top-k", "1"])
        #expect(report["log_loss"] is NSNull)
        #expect((report["top_k_accuracy"] as? [String: Any])?["value"] is NSNull)
        #expect(report["labels"] as? [String] == ["a", "b", "z"])
    }

    @Test("argmax takes the first of tied columns; top-k counts later tied columns first, as scikit-learn")
    func ties() throws {
        // numpy.argmax([0.4, 0.4, 0.2]) is 0; top_k_accuracy_score(["a"], [[0.4, 0.4, 0.2]], k=1) is 0.0.
        let path = try temporaryFile("actual,p_a,p_b,p_c\na,0.4,0.4,0.2\n")
        let report = try jsonReport([path, "--scores", "p_*", "--top-k", "1"])
        #expect(report["accuracy"] as? Double == 1.0)
        #expect((report["top_k_accuracy"] as? [String: Any])?["value"] as? Double == 0.0)
    }

    @Test("--positive naming a label no row has: a warning, and its binary scores undefined")
    func positiveNeverSeen() throws {
        let run = try predeval([fixture("sklearn_docstring.csv"), "--positive", "nosuch", "--zero-division", "nan", "--format", "json"])
        #expect(run.status == 0)
        #expect(run.standardError.contains("the positive label 'nosuch' is no label of the file"))
        #expect(run.standardOutput.contains("\"binary\": {\"precision\": null, \"recall\": null, \"f1\": null, \"support\": 0}"))
    }

    @Test("gates on binary scores, top-k accuracy and log loss (which fails above its threshold)")
    func gates() throws {
        let iris = [fixture("model_outputs/iris_proba.csv"), "--actual", "species", "--scores", "p_*", "--top-k", "2"]
        #expect(try predeval(iris + ["--fail-under", "top-k-accuracy=0.99", "--fail-under", "log-loss=0.2"]).status == 0)
        let failed = try predeval(iris + ["--fail-under", "log-loss=0.1"])
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("log-loss is 0.15"))
        #expect(failed.standardError.contains("above the threshold 0.1"))
        let cancer = [fixture("model_outputs/cancer_score.csv"), "--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant"]
        #expect(try predeval(cancer + ["--fail-under", "binary-recall=0.9"]).status == 0)
        #expect(try predeval(cancer + ["--fail-under", "binary-f1=0.99"]).status == 1)
        #expect(try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "binary-f1=0.5"]).status == 2)
    }
}

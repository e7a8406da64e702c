import ArgumentParser
import PredEval
import PredEvalCommandLine
import Testing

@Suite("Option values, each parsed once where the command line is parsed")
struct ArgumentValueTests {
    @Test("a delimiter is one ASCII character other than a quote or line break, or 'tab'")
    func delimiters() {
        #expect(Delimiter(argument: "tab")?.byte == 9 && Delimiter(argument: "\\t")?.byte == 9)
        #expect(Delimiter(argument: ";")?.byte == 59 && Delimiter(argument: "|")?.byte == 124)
        for refused in ["\"", ",,", "\n", "\r", "é", ""] { #expect(Delimiter(argument: refused) == nil, "\(refused)") }
    }

    @Test("a column is a 1-based position when all digits, else a header name")
    func columns() {
        #expect(ColumnSelector(argument: "3") == .position(3))
        #expect(ColumnSelector(argument: "0") == .position(0))
        #expect(ColumnSelector(argument: "y_true") == .name("y_true"))
        #expect(ColumnSelector(argument: "3a") == .name("3a"))
        #expect(ColumnSelector(argument: "99999999999999999999") == .name("99999999999999999999"))
    }

    @Test("a label list splits at every comma, keeping empty labels for validation to refuse")
    func labelLists() throws {
        #expect(LabelList(argument: "a,b,c").labels == ["a", "b", "c"])
        #expect(LabelList(argument: "a,,b").labels == ["a", "", "b"])
        #expect(try EvaluateCommand.parse(["f.csv", "--labels", "dog,cat"]).evaluationOptions.labels == ["dog", "cat"])
        #expect(throws: (any Error).self) { try EvaluateCommand.parse(["f.csv", "--labels", "a,,b"]) }
        #expect(throws: (any Error).self) { try EvaluateCommand.parse(["f.csv", "--labels", "a,a"]) }
    }

    @Test("metrics and gates parse once, into values")
    func metricsAndGates() throws {
        let command = try EvaluateCommand.parse(["f.csv", "--rank-by", "f1:cat", "--fail-under", "macro-f1=0.8"])
        #expect(command.evaluationOptions == EvaluationOptions())
        #expect(ReportMetric(argument: "samples-recall") == .average(.samples, .recall))
        #expect(QualityGate(argument: "recall:fraud=0.9")?.threshold == 0.9)
        #expect(QualityGate(argument: "macro-f1") == nil && ReportMetric(argument: "f2") == nil)
        #expect(throws: (any Error).self) { try EvaluateCommand.parse(["f.csv", "--rank-by", "f2"]) }
    }

    @Test("every flag that shapes the evaluation reaches EvaluationOptions")
    func mapping() throws {
        let command = try EvaluateCommand.parse([
            "f.tsv", "--actual", "2", "--predicted", "guess", "--no-header", "--delimiter", ";", "--skip-bad-rows",
            "--lenient-quotes", "--threads", "3", "--multi-label", "--label-separator", ";", "--zero-division", "nan",
            "--group-by", "lang", "--min-group-rows", "5", "--truth", "t.csv", "--id", "1", "--truth-id", "key",
            "--on-missing", "ignore",
        ])
        var expected = EvaluationOptions()
        expected.actual = .position(2)
        expected.predicted = .name("guess")
        expected.hasHeader = false
        expected.delimiter = UInt8(ascii: ";")
        expected.skipBadRows = true
        expected.lenientQuotes = true
        expected.threads = 3
        expected.mode = .multiLabel(separator: ";")
        expected.zeroDivision = .nan
        expected.groupBy = .name("lang")
        expected.minimumGroupRows = 5
        expected.truth = "t.csv"
        expected.id = .position(1)
        expected.truthID = .name("key")
        expected.onMissing = .ignore
        #expect(command.evaluationOptions == expected)
    }

    @Test("a refused value says what the option takes", arguments: [
        (["--delimiter", "ab"], "'--delimiter <char>': give one ASCII character other than a quote or a line break, or 'tab'"),
        (["--fail-under", "macro"], "'--fail-under <metric=value>': give METRIC=VALUE, such as macro-f1=0.8"),
        (["--rank-by", "f2"], "'--rank-by <metric>': give a metric: accuracy, top-k-accuracy, log-loss, micro-precision,"),
        (["--labels", "a,a"], "--labels lists a label more than once."),
        (["--id", "key"], "--id joins a prediction file to a truth file: give --truth too."),
        (["--truth", "t.csv"], "--truth needs --id, the column that joins the files."),
        (["--actual", "0"], "--actual positions start at 1."),
    ])
    func refusedValues(_ arguments: [String], _ message: String) {
        do {
            _ = try EvaluateCommand.parse(["f.csv"] + arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(EvaluateCommand.message(for: error).contains(message), "\(EvaluateCommand.message(for: error))")
        }
    }
}

import ArgumentParser
import Foundation
import PredEval
import PredEvalCommandLine
import Testing

/// A case of Fixtures/compare_expected.json: the files compared (in Fixtures/compare/), the
/// arguments, and what scikit-learn and statsmodels give (Fixtures/tools/make_compare_expected.py).
struct CompareCase: CustomTestStringConvertible, Sendable {
    let files: [String]
    let arguments: [String]
    let key: String
    let expectedJSON: Data

    var testDescription: String { (files + arguments).joined(separator: " ") }

    static func all() throws -> [CompareCase] {
        try (expectedFile()["cases"] as! [[String: Any]]).map { entry in
            CompareCase(
                files: entry["files"] as! [String], arguments: entry["args"] as! [String], key: entry["key"] as! String,
                expectedJSON: try JSONSerialization.data(withJSONObject: entry["expected"]!))
        }
    }

    static func expectedFile() throws -> [String: Any] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("compare_expected.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

/// The folder of the compared files.
private let compareDirectory = fixturesDirectory.appendingPathComponent("compare")

/// `predeval compare ARGUMENTS` run in Fixtures/compare/.
private func compare(_ arguments: [String]) throws -> PredevalRun {
    try predeval(["compare"] + arguments, in: compareDirectory)
}

@Suite("predeval compare: scikit-learn's metrics under a paired bootstrap, statsmodels' McNemar test")
struct CompareTests {
    @Test("every case equals the reference: values, difference interval to 1e-12, McNemar", arguments: try CompareCase.all())
    func matchesReference(_ expected: CompareCase) throws {
        let run = try compare(expected.files + expected.arguments + ["--format", "json"])
        try #require(run.status == 0, "\(run.standardError)")
        let report = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let found = differences(
            try JSONSerialization.jsonObject(with: expected.expectedJSON), report?["comparisons"], tolerance: 1e-12)
        #expect(found.isEmpty, "\(found.prefix(10).joined(separator: "\n"))")
        let bootstrap = report?["bootstrap"] as? [String: Any]
        #expect(bootstrap?["key"] as? String == expected.key)
    }

    @Test("McNemar's exact p-value equals statsmodels' mcnemar(exact=True), b + c from 0 to 601,500")
    func mcnemarMatchesStatsmodels() throws {
        let tables = try #require(CompareCase.expectedFile()["mcnemar"] as? [[String: Any]])
        #expect(tables.count >= 10)
        for table in tables {
            let (b, c, expected) = (table["b"] as! Int, table["c"] as! Int, table["p_value"] as! Double)
            let test = McNemarTest(b: b, c: c)
            #expect(abs(test.pValue - expected) <= 1e-9 * expected, "b \(b), c \(c): \(test.pValue) against \(expected)")
        }
    }

    @Test("read in 2, 3 and 7 parts, 64 bytes at a time, a comparison is the same to the bit", arguments: [0, 2, 7, 10, 15])
    func partsChangeNothing(_ index: Int) throws {
        let expected = try CompareCase.all()[index]
        let paths = expected.files.map { compareDirectory.appendingPathComponent($0).path }
        let arguments = expected.arguments.map { $0.hasSuffix(".csv") ? compareDirectory.appendingPathComponent($0).path : $0 }
        let command = try CompareCommand.parse(paths + arguments)
        var options = command.evaluationOptions
        options.threads = 1
        let metric = try #require(ReportMetric(arguments[arguments.firstIndex(of: "--metric")! + 1]))
        let whole = try Evaluator(options).compare(baseline: paths[0], candidates: Array(paths.dropFirst()), metric: metric)
        #expect(whole.comparisons.count == paths.count - 1 && whole.comparisons.allSatisfy { $0.differenceCI != nil })
        for parts in [2, 3, 7] {
            options.threads = parts
            options.minimumPartBytes = 1
            options.readSize = 64
            let split = try Evaluator(options).compare(baseline: paths[0], candidates: Array(paths.dropFirst()), metric: metric)
            #expect(split == whole, "\(parts) parts")
        }
    }

    @Test("a gzip candidate compares as its plain file: offsets are the baseline's, whatever the candidate's bytes")
    func gzipCandidate() throws {
        let gzipped = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-\(UUID().uuidString)-better.csv.gz")
        defer { try? FileManager.default.removeItem(at: gzipped) }
        #expect(try shell("gzip -c '\(compareDirectory.appendingPathComponent("better.csv").path)' > '\(gzipped.path)'").status == 0)
        let plain = try compare(["base.csv", "better.csv", "--format", "json"])
        let compressed = try compare(["base.csv", gzipped.path, "--format", "json"])
        #expect(plain.status == 0 && compressed.status == 0, "\(compressed.standardError)")
        #expect(plain.standardOutput == compressed.standardOutput.replacingOccurrences(of: gzipped.path, with: "better.csv"))
    }

    @Test("rows that do not pair exit 2, naming the file and the first line that differs")
    func rowsThatDoNotPair() throws {
        let baseline = try temporaryFile("actual,predicted\na,a\nb,b\nc,a\nd,d\n")
        let swapped = try temporaryFile("actual,predicted\na,a\nb,b\nd,d\nc,c\n")
        let shorter = try temporaryFile("actual,predicted\na,a\nb,b\nc,c\n")
        defer { for path in [baseline, swapped, shorter] { try? FileManager.default.removeItem(atPath: path) } }
        let differing = try predeval(["compare", baseline, swapped])
        #expect(differing.status == 2)
        #expect(differing.standardError.contains("\(swapped):4: the actual label 'd' is 'c' in the paired row of \(baseline) (line 4)"))
        #expect(differing.standardOutput.isEmpty)
        let counted = try predeval(["compare", baseline, shorter])
        #expect(counted.status == 2)
        #expect(counted.standardError.contains("\(shorter): 3 rows are scored here and 4 in \(baseline)"), "\(counted.standardError)")
    }

    @Test("multi-label rows pair as sets: the order of a cell's labels is nothing, another set exits 2 naming both lines")
    func labelSetsThatDoNotPair() throws {
        let baseline = try temporaryFile("actual,predicted\na|b,a\n,b\nc|a,a|c\nb,\n")
        let reordered = try temporaryFile("predicted,actual\nb|a,b|a\nb,\na|c,a|c\n,b\n")
        let differing = try temporaryFile("actual,predicted\nb|a,a\n,\na,a\nb,b\n")
        defer { for path in [baseline, reordered, differing] { try? FileManager.default.removeItem(atPath: path) } }
        let paired = try predeval(["compare", baseline, reordered, "--multi-label", "--metric", "accuracy", "--format", "json"])
        #expect(paired.status == 0, "\(paired.standardError)")
        // Sets right: the baseline's row 3 only; the candidate's rows 1 and 3.
        #expect(paired.standardOutput.contains("\"mcnemar\": {\"b\": 0, \"c\": 1, \"p_value\": 1.0}"), "\(paired.standardOutput)")
        let refused = try predeval(["compare", baseline, differing, "--multi-label"])
        #expect(refused.status == 2)
        #expect(
            refused.standardError.contains("\(differing):4: the actual labels {'a'} are {'a', 'c'} in the paired row of \(baseline) (line 4)"),
            "\(refused.standardError)")
    }

    @Test("labels that are not UTF-8 pair by their bytes, not by how they show (all as U+FFFD)")
    func labelsThatAreNotUTF8() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows: [UInt8] = [0xFF, 0x2C, 0xFF, 0x0A, 0xFE, 0x2C, 0xFF, 0x0A, 0xFF, 0x2C, 0xFE, 0x0A]
        try Data(Array("actual,predicted\n".utf8) + rows).write(to: URL(fileURLWithPath: path))
        let run = try predeval(["compare", path, path, "--format", "json", "--metric", "accuracy"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"mcnemar\": {\"b\": 0, \"c\": 0, \"p_value\": 1.0}"), "\(run.standardOutput)")
    }

    @Test("by --id: an id one file lacks, or holds twice, exits 2 naming its line")
    func idsThatDoNotPair() throws {
        let baseline = try temporaryFile("id,actual,predicted\n1,a,a\n2,b,b\n3,c,a\n")
        let lacking = try temporaryFile("id,actual,predicted\n3,c,c\n1,a,a\n")
        let extra = try temporaryFile("id,actual,predicted\n3,c,c\n9,a,a\n1,a,a\n2,b,b\n")
        let twice = try temporaryFile("id,actual,predicted\n1,a,a\n2,b,b\n1,a,b\n3,c,c\n")
        let otherActual = try temporaryFile("id,actual,predicted\n2,b,b\n1,a,a\n3,a,a\n")
        defer { for path in [baseline, lacking, extra, twice, otherActual] { try? FileManager.default.removeItem(atPath: path) } }
        let lacks = try predeval(["compare", baseline, lacking, "--id", "id"])
        #expect(lacks.status == 2)
        #expect(lacks.standardError.contains("\(baseline):3: this row's id has no row in \(lacking)"), "\(lacks.standardError)")
        let extraID = try predeval(["compare", baseline, extra, "--id", "id"])
        #expect(extraID.status == 2)
        #expect(extraID.standardError.contains("\(extra):3: this row's id has no row in \(baseline)"), "\(extraID.standardError)")
        let repeated = try predeval(["compare", baseline, twice, "--id", "id"])
        #expect(repeated.status == 2)
        #expect(repeated.standardError.contains("\(twice):4: this row's id is the id of line 2 too"), "\(repeated.standardError)")
        let actual = try predeval(["compare", baseline, otherActual, "--id", "id"])
        #expect(actual.status == 2)
        #expect(actual.standardError.contains("\(otherActual):4: the actual label 'a' is 'c'"), "\(actual.standardError)")
    }

    @Test("--fail-if-worse: exit 1 when a whole interval is below 0, the report still written; 0 otherwise")
    func failIfWorse() throws {
        let worse = try compare(["base.csv", "better.csv", "worse.csv", "--fail-if-worse", "--format", "json", "--bootstrap", "200"])
        #expect(worse.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(worse.standardOutput.utf8)) as? [String: Any]
        #expect((report?["comparisons"] as? [Any])?.count == 2)
        #expect(worse.standardError.contains("predeval: worse.csv is worse than base.csv: macro-f1 difference -"))
        #expect(!worse.standardError.contains("better.csv"))
        let better = try compare(["base.csv", "better.csv", "same.csv", "--fail-if-worse", "--bootstrap", "200"])
        #expect(better.status == 0, "\(better.standardError)")
        let unchecked = try compare(["base.csv", "worse.csv", "--bootstrap", "200"])
        #expect(unchecked.status == 0)
        // Lower is better: a candidate whose log loss is higher beyond its interval is worse.
        let higherLoss = try compare(["probs_b.csv", "probs_a.csv", "--scores", "p_*", "--metric", "log-loss", "--fail-if-worse"])
        #expect(higherLoss.status == 1)
        #expect(higherLoss.standardOutput.split(separator: "\n").last?.hasSuffix("worse") == true, "\(higherLoss.standardOutput)")
        let lowerLoss = try compare(["probs_a.csv", "probs_b.csv", "--scores", "p_*", "--metric", "log-loss", "--fail-if-worse"])
        #expect(lowerLoss.status == 0)
        #expect(lowerLoss.standardOutput.split(separator: "\n").last?.hasSuffix("better") == true, "\(lowerLoss.standardOutput)")
    }

    @Test("text and Markdown: a headline naming the baseline, metric and bootstrap, then one row per candidate")
    func textAndMarkdown() throws {
        let text = try compare(["base.csv", "better.csv", "worse.csv", "--bootstrap", "200", "--seed", "3"])
        #expect(text.status == 0)
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("baseline: base.csv; macro-f1, difference = candidate - baseline; 95% paired bootstrap interval (200 replicates, seed 3"))
        #expect(lines[1].hasPrefix("file") && lines[1].contains("95% ci") && lines[1].contains("p-value"))
        #expect(lines[2].hasPrefix("better.csv") && lines[2].hasSuffix("better"))
        #expect(lines[3].hasPrefix("worse.csv") && lines[3].hasSuffix("worse"))
        let markdown = try compare(["base.csv", "worse.csv", "--format", "markdown", "--digits", "2"])
        #expect(markdown.status == 0)
        #expect(markdown.standardOutput.contains("| worse.csv | 400 | 0.73 | 0.61 | -0.12 |"), "\(markdown.standardOutput)")
        #expect(markdown.standardOutput.contains("| \\<0.01 | worse |"))
    }

    @Test("what compare does not take exits 2 with a message: a metric the files lack, csv output, one file")
    func refusals() throws {
        let multi = try compare(["ml_base.csv", "ml_better.csv", "--multi-label", "--actual", "tags", "--metric", "mcc"])
        #expect(multi.status == 2 && multi.standardError.contains("ml_base.csv: --metric: mcc needs a single-label report"), "\(multi.standardError)")
        let scoreMetric = try compare(["base.csv", "better.csv", "--metric", "log-loss"])
        #expect(scoreMetric.status == 2 && scoreMetric.standardError.contains("base.csv: --metric: log-loss needs single-label --scores"))
        let csv = try compare(["base.csv", "better.csv", "--format", "csv"])
        #expect(csv.status == 2 && csv.standardError.contains("compare writes text, json or markdown"))
        let alone = try compare(["base.csv"])
        #expect(alone.status == 2 && alone.standardError.contains("Run 'predeval compare --help'"))
        let samples = try compare(["base.csv", "better.csv", "--metric", "samples-f1"])
        #expect(samples.status == 2 && samples.standardError.contains("base.csv: --metric: samples-f1 needs a multi-label report"), "\(samples.standardError)")
    }
}

import ArgumentParser
import Foundation
import PredEval
import PredEvalCSV
import PredEvalCommandLine
import Testing

@Suite("Scorer: rows handed over in process give Evaluator's report on the file")
struct ScorerTests {
    @Test("every fixture and case: its rows fed to a Scorer equal the file evaluated", arguments: try ExpectedCase.all())
    func sameAsEvaluator(_ expected: ExpectedCase) throws {
        let command = try EvaluateCommand.parse([fixture(expected.fixture)] + expected.arguments)
        let options = command.evaluationOptions
        var fromFile = try Evaluator(options).evaluate(file: fixture(expected.fixture))
        // A scorer reads no file: it has no skipped rows to report.
        fromFile.file = "-"
        // How the file was read is no part of the rows a Scorer is handed.
        fromFile.dialect = nil
        fromFile.skippedRows = 0
        fromFile.warnings.removeAll { $0.hasPrefix("skipped ") }
        var scorer = Scorer(options)
        try feed(fixture(expected.fixture), options, to: &scorer)
        #expect(scorer.rows == fromFile.rows)
        #expect(scorer.report() == fromFile)
    }

    @Test("labels as strings and as bytes count alike; a repeated label in a set counts once")
    func stringsAndBytes() {
        var strings = Scorer(mode: .multiLabel(separator: "|"), labels: ["rock", "pop"], zeroDivision: .nan, source: "live")
        var bytes = strings
        strings.add(actual: ["rock", "pop", "rock"], predicted: ["rock"])
        strings.add(actual: [], predicted: ["jazz"])
        bytes.add(actualSetBytes: [Array("rock".utf8), Array("pop".utf8)], predictedSetBytes: [Array("rock".utf8)])
        bytes.add(actualSetBytes: [], predictedSetBytes: [Array("jazz".utf8)])
        #expect(strings.report() == bytes.report())
        let report = strings.report()
        #expect(report.file == "live" && report.labels == ["rock", "pop"] && report.rows == 2)
        // scikit-learn: precision_recall_fscore_support([[1,1],[0,0]], [[1,0],[0,0]], labels=[rock,pop])
        #expect(report.classes.map(\.recall) == [1.0, 0.0])
        #expect(report.classes.map(\.precision) == [1.0, nil])
    }

    @Test("a model's scores handed over in process give the score file's report: argmax, top-k, log loss")
    func scoresAsTheFileGivesThem() throws {
        let path = fixture("model_outputs/iris_proba.csv")
        var options = EvaluationOptions()
        options.actual = .name("species")
        options.scores = .glob("p_*")
        options.topK = 2
        var fromFile = try Evaluator(options).evaluate(file: path)
        fromFile.file = "-"
        fromFile.dialect = nil
        let classes = ["setosa", "versicolor", "virginica"]
        var scorer = Scorer(scoreClasses: classes, topK: 2)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        for line in lines {
            let cells = line.split(separator: ",")
            try scorer.add(actual: String(cells[1]), scores: cells[2...].map { Double($0)! })
        }
        #expect(scorer.report() == fromFile)
        #expect(fromFile.logLoss != nil && fromFile.topKAccuracy?.value != nil)
        #expect(throws: EvaluationError.self) { try scorer.add(actual: "setosa", scores: [0.5, .nan, 0.5]) }
        #expect(scorer.rows == lines.count)
    }

    /// Reads the fixture's two label columns as `Evaluator` would and hands each row to `scorer`.
    private func feed(_ path: String, _ options: EvaluationOptions, to scorer: inout Scorer) throws {
        let defaults = [EvaluationOptions.defaultActualNames, EvaluationOptions.defaultPredictedNames]
        let columns = [options.actual, options.predicted].enumerated().map { index, selector in
            selector ?? (options.hasHeader ? .firstNamed(defaults[index]) : .position(index + 1))
        }
        let configuration = CSVReaderConfiguration(
            dialect: CSVDialect(delimiter: options.delimiter ?? CSVDialect.defaultDelimiter(forPath: path)),
            hasHeader: options.hasHeader, columns: columns, skipBadRows: options.skipBadRows,
            lenientQuotes: options.lenientQuotes)
        var rows: [[[UInt8]]] = []
        _ = try CSVRowReader(path: path, configuration: configuration).read { batch in
            batch.withUnsafeFields { fields in
                for row in 0..<fields.rowCount { rows.append([Array(fields[row, 0]), Array(fields[row, 1])]) }
            }
        }
        for row in rows {
            if case .multiLabel(let separator) = options.mode {
                let splitter = try #require(LabelSetSplitter(separator: separator))
                scorer.add(actualSetBytes: labels(row[0], splitter), predictedSetBytes: labels(row[1], splitter))
            } else {
                scorer.add(actualBytes: row[0], predictedBytes: row[1])
            }
        }
    }

    private func labels(_ cell: [UInt8], _ splitter: LabelSetSplitter) -> [[UInt8]] {
        var labels: [[UInt8]] = []
        cell.withUnsafeBytes { splitter.forEachLabel(in: $0) { labels.append(Array($0)) } }
        return labels
    }
}

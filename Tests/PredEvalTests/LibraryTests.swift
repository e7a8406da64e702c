import Foundation
import PredEval
import Testing

/// The repository's Fixtures folder.
private let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// Writes `text` to a new temporary file and returns its path.
private func temporaryFile(_ text: String, suffix: String = ".csv") throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-lib-\(UUID().uuidString)\(suffix)").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite("The library: Evaluator, Scorer, typed errors")
struct LibraryTests {
    @Test("the contract's snippet: options by name, a multi-label file, JSON, a live scorer")
    func snippet() throws {
        let path = try temporaryFile("id,gold,guess\n1,rock|pop,rock\n2,,pop\n3,jazz,jazz|rock\n")
        var options = EvaluationOptions()
        options.actual = .name("gold")
        options.predicted = .name("guess")
        options.mode = .multiLabel(separator: "|")
        options.zeroDivision = .nan
        let report: Report = try Evaluator(options).evaluate(file: path)
        let json: String = report.json()
        #expect(report.mode == .multiLabel && report.rows == 3 && report.labels == ["jazz", "pop", "rock"])
        // scikit-learn: y_true [[0,1,1],[0,0,0],[1,0,0]], y_pred [[0,0,1],[0,1,0],[1,0,1]] (jazz, pop, rock).
        #expect(report.classes.map(\.f1) == [1.0, 0.0, 2.0 / 3.0])
        #expect(report.averages.samples?.recall == 0.75)  // rows 1 and 3; row 2 undefined under nan
        #expect(json.hasPrefix("{\n  \"file\": \"\(path)\",\n  \"mode\": \"multi-label\","))
        var scorer = Scorer(mode: .singleLabel)
        scorer.add(actual: "cat", predicted: "dog")
        scorer.add(actual: "cat", predicted: "cat")
        let live: Report = scorer.report()
        #expect(live.accuracy == 0.5 && live.labels == ["cat", "dog"] && live.confusionMatrix == [[1, 1], [0, 0]])
    }

    @Test("several files with one truth file: read once, one report per file in order")
    func severalFiles() throws {
        let truth = try temporaryFile("id,label\n1,cat\n2,dog\n3,cat\n")
        let first = try temporaryFile("id,pred\n1,cat\n2,cat\n3,cat\n")
        let second = try temporaryFile("id,pred\n3,dog\n2,dog\n1,cat\n")
        var options = EvaluationOptions()
        options.truth = truth
        options.id = .name("id")
        options.actual = .name("label")
        options.predicted = .name("pred")
        var seen: [String] = []
        let reports = try Evaluator(options).evaluate(files: [first, second]) { seen.append($0.file) }
        #expect(seen == [first, second] && reports.map(\.file) == seen)
        #expect(reports.map(\.accuracy) == [2.0 / 3.0, 2.0 / 3.0])
        #expect(reports.allSatisfy { $0.audit == JoinAudit(matched: 3, missing: 0, extra: 0, missingIDs: [], extraIDs: []) })
    }

    @Test("errors are typed values with the file, the line and the option behind a column")
    func typedErrors() throws {
        let path = try temporaryFile("id,truth,guess\n1,a,b\n2,a\n")
        var options = EvaluationOptions()
        options.predicted = .name("guesses")
        let missing = #expect(throws: EvaluationError.self) { try Evaluator(options).evaluate(file: path) }
        #expect(missing == EvaluationError(
            file: path, line: 1,
            reason: .missingColumn(.predicted, selector: .name("guesses"), header: ["id", "truth", "guess"])))
        #expect(missing?.description == "\(path):1: no column 'guesses' for options.predicted (did you mean 'guess'?); the header has 3 columns: 1:id, 2:truth, 3:guess")
        options.predicted = .name("guess")
        options.actual = .name("truth")
        let ragged = #expect(throws: EvaluationError.self) { try Evaluator(options).evaluate(file: path) }
        #expect(ragged?.line == 3 && ragged?.reason == .wrongFieldCount(expected: 3, found: 2))
        #expect(ragged?.description == "\(path):3: expected 3 fields, found 2 (use options.skipBadRows to skip such rows)")
        let flags = EvaluationTerms(names: [.skipBadRows: "--skip-bad-rows"])
        #expect(ragged?.description(using: flags) == "\(path):3: expected 3 fields, found 2 (use --skip-bad-rows to skip such rows)")
    }

    @Test("options no evaluation can take are refused before a byte is read", arguments: [[], ["a", "a"], ["a", ""]])
    func invalidLabels(_ labels: [String]) {
        var options = EvaluationOptions()
        options.labels = labels
        let problem: OptionProblem = labels.count == 2 && labels[1] == "a" ? .repeatedLabel : .emptyLabelList
        #expect(options.problem == problem)
        let error = #expect(throws: EvaluationError.self) { try Evaluator(options).evaluate(file: "/nonexistent.csv") }
        #expect(error?.reason == .invalidOptions(problem))
    }

    @Test("every other unusable option, and each message names it")
    func invalidOptions() {
        var options = EvaluationOptions()
        #expect(options.problem == nil)
        options.mode = .multiLabel(separator: "")
        #expect(options.problem == .emptySeparator)
        options = EvaluationOptions()
        options.threads = 0
        #expect(options.problem == .threadsBelowOne)
        options = EvaluationOptions()
        options.minimumGroupRows = 0
        #expect(options.problem == .minimumGroupRowsBelowOne)
        options = EvaluationOptions()
        options.truth = "t.csv"
        #expect(options.problem == .truthWithoutID)
        options.id = .name("id")
        options.predicted = .position(0)
        #expect(options.problem == .positionBelowOne(.predicted))
        options = EvaluationOptions()
        options.truthID = .name("key")
        #expect(options.problem == .idWithoutTruth(.truthID))
        let error = EvaluationError(file: "p.csv", reason: .invalidOptions(.idWithoutTruth(.truthID)))
        #expect(error.description == "p.csv: options.truthID joins a prediction file to a truth file: give options.truth too.")
    }

    @Test("progress is told of every batch of a file it follows")
    func progress() throws {
        final class Counter: EvaluationProgress, @unchecked Sendable {
            private let lock = NSLock()
            private(set) var rows = 0
            private(set) var bytes = 0
            private(set) var finished = false
            func start(file: String) -> Bool { true }
            func advance(byteCount: Int, rowCount: Int) {
                lock.withLock {
                    rows += rowCount
                    bytes += byteCount
                }
            }
            func finish() { finished = true }
        }
        let path = fixtures.appendingPathComponent("random_single_label.csv").path
        let counter = Counter()
        var options = EvaluationOptions()
        options.threads = 3
        options.minimumPartBytes = 1
        let report = try Evaluator(options, progress: counter).evaluate(file: path)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(counter.rows == report.rows && counter.bytes == size && counter.finished)
    }
}

@Suite("A file that changes while it is read")
struct ChangedFileTests {
    /// Truncates the file it follows to half its size at the first batch.
    final class Truncator: EvaluationProgress, @unchecked Sendable {
        let path: String
        private let lock = NSLock()
        private var done = false
        init(path: String) { self.path = path }
        func start(file: String) -> Bool { true }
        func advance(byteCount: Int, rowCount: Int) {
            lock.withLock {
                guard !done else { return }
                done = true
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                _ = truncate(path, off_t(size / 2))
            }
        }
        func finish() {}
    }

    @Test("truncated during a read, in one pass or in parts: an error naming the file, never a report of rows it no longer holds", arguments: [1, 2, 3])
    func truncated(_ threads: Int) throws {
        let path = try temporaryFile("actual,predicted\n" + String(repeating: "cat,cat\ndog,cat\n", count: 20_000))
        var options = EvaluationOptions()
        options.threads = threads
        options.minimumPartBytes = 1
        options.readSize = 4096
        let error = #expect(throws: EvaluationError.self) {
            try Evaluator(options, progress: Truncator(path: path)).evaluate(file: path)
        }
        #expect(error?.reason == .changedWhileRead, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("\(path): the file changed while it was read") == true)
    }

    @Test("states of two parts, written and read back, merge into the whole file's report; report options change only the report")
    func statesMerge() throws {
        let header = "id,gold,guess\n"
        let rows = ["1,cat,dog\n", "2,cat,cat\n", "3,dog,dog\n", "4,fox,cat\n", "5,dog,fox\n"]
        let whole = try temporaryFile(header + rows.joined())
        let first = try temporaryFile(header + rows[3...].joined())
        let second = try temporaryFile(header + rows[..<3].joined())
        var options = EvaluationOptions()
        options.actual = .name("gold")
        options.predicted = .name("guess")
        let evaluator = Evaluator(options)
        let states = try [first, second].map { path in
            (state: try EvaluationState(serialized: try evaluator.state(file: path).serialized, path: path), path: path)
        }
        #expect(states.map(\.state.rowsRead) == [2, 3] && states[0].state.file == first)
        var merged = try Evaluator.merge(states: states, file: whole)
        let expected = try evaluator.evaluate(file: whole)
        #expect(merged == expected)
        var report = MergedReportOptions()
        report.zeroDivision = .nan
        merged = try Evaluator.merge(states: states, file: whole, report: report)
        options.zeroDivision = .nan
        #expect(merged == (try Evaluator(options).evaluate(file: whole)))
        #expect(throws: EvaluationError(file: "none", reason: .badState(.corrupt("no states to merge")))) {
            try Evaluator.merge(states: [], file: "none")
        }
    }
}

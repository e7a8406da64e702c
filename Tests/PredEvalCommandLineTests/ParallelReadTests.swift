import ArgumentParser
import Foundation
import PredEval
import PredEvalCSV
import PredEvalCommandLine
import Testing

/// What one evaluation ended in: a report, or the message of the error that stopped it.
private enum Outcome: Equatable {
    case report(Report)
    case failure(String)
}

/// Runs `arguments` through the engine as `predeval evaluate` would, with `threads` and parts of
/// at least one byte, so that even a small file is cut into as many parts as there are threads.
private func outcome(_ arguments: [String], threads: Int) throws -> Outcome {
    do {
        return .report(try evaluate(arguments + ["--threads", String(threads)], minimumPartBytes: 1)[0])
    } catch {
        return .failure(error.description)
    }
}

/// The reports of `predeval evaluate ARGUMENTS`, from the engine, reading parts of at least
/// `minimumPartBytes` on threads of their own.
func evaluate(_ arguments: [String], minimumPartBytes: Int = 8 << 20) throws(EvaluationError) -> [Report] {
    let command: EvaluateCommand
    do {
        command = try EvaluateCommand.parse(arguments)
    } catch {
        preconditionFailure("the arguments of a test case must parse: \(arguments)")
    }
    var options = command.evaluationOptions
    options.minimumPartBytes = minimumPartBytes
    return try Evaluator(options).evaluate(files: command.files)
}

@Suite("Reading parts of a file on several threads")
struct ParallelReadTests {
    @Test("every fixture and case: the same report or error with 2, 3 and 7 threads as with one", arguments: try ExpectedCase.all())
    func sameAsSequential(_ expected: ExpectedCase) throws {
        let arguments = [fixture(expected.fixture)] + expected.arguments
        let sequential = try outcome(arguments, threads: 1)
        for threads in [2, 3, 7] {
            #expect(try outcome(arguments, threads: threads) == sequential, "\(threads) threads")
        }
    }

    @Test("every batch case (several files, slices, joins): the same reports with 2, 3 and 7 threads", arguments: try OutputCase.batch())
    func batchSameAsSequential(_ batch: OutputCase) throws {
        let arguments = batch.arguments.map { $0.hasPrefix("batch/") ? fixture($0) : $0 }
        for threads in [2, 3, 7] {
            let parallel = Result { () throws(EvaluationError) in try evaluate(arguments + ["--threads", String(threads)], minimumPartBytes: 1) }
            let sequential = Result { () throws(EvaluationError) in try evaluate(arguments + ["--threads", "1"]) }
            #expect(parallel == sequential, "\(threads) threads")
        }
    }

    @Test("quoted fields with line breaks near every cut, LF and CRLF, a byte-order mark or none, bad rows skipped and not")
    func quotedLineBreaksAcrossCuts() throws {
        for (lineEnd, mark) in [("\n", ""), ("\r\n", ""), ("\n", "\u{FEFF}"), ("\r\n", "\u{FEFF}")] {
            var text = "\(mark)id,note,actual,predicted\(lineEnd)"
            for row in 0..<400 {
                let note = row % 3 == 0 ? "\"a\(lineEnd)b,\(lineEnd)\(lineEnd)c\"" : (row % 3 == 1 ? "\"\"" : "plain")
                let actual = row % 7 == 0 ? "\"cat\(lineEnd)x\"" : ["cat", "dog", "bird"][row % 3]
                let predicted = ["cat", "dog", "bird", "fish"][(row * 5) % 4]
                text += "\(row),\(note),\(actual),\(predicted)\(lineEnd)"
                if row == 250 { text += "\(row),too,many,fields,here\(lineEnd)" }
            }
            let path = try writeTemporary(text)
            for options in [[], ["--skip-bad-rows"]] {
                let sequential = try outcome([path] + options, threads: 1)
                for threads in 2...16 {
                    #expect(try outcome([path] + options, threads: threads) == sequential, "\(threads) threads, \(options)")
                }
            }
        }
    }

    @Test("a cut inside a long quoted field: the part before reads on, the parts after are dropped")
    func cutInsideQuotedField() throws {
        let filler = String(repeating: "line\n", count: 2_000)
        let text = "actual,predicted\ncat,cat\n\"\(filler)\",dog\n" + String(repeating: "dog,cat\n", count: 50)
        let path = try writeTemporary(text)
        let configuration = CSVReaderConfiguration(columns: [.name("actual"), .name("predicted")])
        let plan = try #require(CSVReadPlan(path: path, configuration: configuration, parts: 2, minimumSegmentBytes: 1))
        let fieldStart = "actual,predicted\ncat,cat\n\"".utf8.count
        #expect(plan.segmentStarts.count == 2)
        #expect(plan.segmentStarts[1] > fieldStart && plan.segmentStarts[1] < fieldStart + filler.utf8.count, "the cut is inside the quoted field")
        let (partials, summary) = try plan.read(makePartial: { _ in 0 }, consume: { rows, batch in rows += batch.rowCount })
        #expect(partials == [52], "only the first part counts, and it read every row")
        #expect(summary.rowsRead == 52)
        #expect(try outcome([path], threads: 2) == outcome([path], threads: 1))
    }

    @Test("an error past a cut names the line a single pass names")
    func errorLineAfterCut() throws {
        var text = "actual,predicted\n"
        for row in 0..<300 { text += row < 280 ? "cat,\"d\ng\"\n" : (row == 280 ? "cat,\"dog\n" : "cat,dog\n") }
        let path = try writeTemporary(text)
        let sequential = try outcome([path], threads: 1)
        guard case .failure(let message) = sequential else {
            Issue.record("expected an error, got \(sequential)")
            return
        }
        #expect(message.hasSuffix(":562: a quoted field opens on this line and is never closed"), "\(message)")
        for threads in 2...8 { #expect(try outcome([path], threads: threads) == sequential, "\(threads) threads") }
    }
}

/// Writes `text` to a new temporary file and returns its path.
private func writeTemporary(_ text: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-parallel-\(UUID().uuidString).csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

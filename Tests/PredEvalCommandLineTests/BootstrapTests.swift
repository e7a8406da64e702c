import ArgumentParser
import CPoissonWeights
import Foundation
import PredEval
import PredEvalCommandLine
import Testing

/// A case of Fixtures/bootstrap_intervals.json: a fixture, its arguments, and the intervals that
/// the reference implementation of design §6 (Fixtures/tools/make_bootstrap_expected.py, with
/// scikit-learn's metrics under sample weights) computed.
struct BootstrapCase: CustomTestStringConvertible, Sendable {
    let fixture: String
    let arguments: [String]
    let expectedJSON: Data

    var testDescription: String { ([fixture] + arguments).joined(separator: " ") }

    static func all() throws -> [BootstrapCase] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("bootstrap_intervals.json"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return try (object["cases"] as! [[String: Any]]).map { entry in
            BootstrapCase(
                fixture: entry["fixture"] as! String, arguments: entry["args"] as! [String],
                expectedJSON: try JSONSerialization.data(withJSONObject: entry["expected"]!))
        }
    }
}

@Suite("Bootstrap intervals: the reference implementation of design §6, to 1e-12, however the rows are split")
struct BootstrapTests {
    @Test("every case equals the reference's intervals", arguments: try BootstrapCase.all())
    func matchesReference(_ expected: BootstrapCase) throws {
        try expectReport(of: expected.fixture, expected.arguments, toHold: expected.expectedJSON, tolerance: 1e-12)
    }

    @Test("read in 2, 3 and 7 parts, 64 bytes at a time, the report is the same to the bit", arguments: try BootstrapCase.all())
    func partsChangeNothing(_ expected: BootstrapCase) throws {
        let command = try EvaluateCommand.parse([fixture(expected.fixture)] + expected.arguments)
        var options = command.evaluationOptions
        options.threads = 1
        let whole = try Evaluator(options).evaluate(file: fixture(expected.fixture))
        #expect(whole.bootstrap != nil && whole.accuracyCI != nil)
        for parts in [2, 3, 7] {
            options.threads = parts
            options.minimumPartBytes = 1
            options.readSize = 64
            #expect(try Evaluator(options).evaluate(file: fixture(expected.fixture)) == whole, "\(parts) parts")
        }
    }

    @Test("AVX-512 and one-at-a-time draws give the same weights and sums: 20,000 rows, 1 to 1,003 replicates")
    func kernelsAgree() {
        let thresholds = BootstrapWeights.thresholds
        // Weights kept, and added to two runs of counts that start apart.
        var fast = (kept: [UInt32](repeating: 0, count: 1003), first: [UInt32](repeating: 5, count: 1003), second: (0..<1003).map(UInt32.init))
        var portable = fast
        var reachedSeventh = false
        for row in 0..<20_000 {
            let rowHash = BootstrapWeights.splitmix64(UInt64(row) &* 0x9E37_79B9_7F4A_7C15)
            let count = Int32(1 + row % 1003)
            fast.kept.withUnsafeMutableBufferPointer { kept in
                fast.first.withUnsafeMutableBufferPointer { first in
                    fast.second.withUnsafeMutableBufferPointer {
                        predeval_poisson_draw(rowHash, count, thresholds, kept.baseAddress!, first.baseAddress!, $0.baseAddress!)
                    }
                }
            }
            portable.kept.withUnsafeMutableBufferPointer { kept in
                portable.first.withUnsafeMutableBufferPointer { first in
                    portable.second.withUnsafeMutableBufferPointer {
                        predeval_poisson_draw_portable(rowHash, count, thresholds, kept.baseAddress!, first.baseAddress!, $0.baseAddress!)
                    }
                }
            }
            if fast.kept != portable.kept || fast.first != portable.first || fast.second != portable.second {
                Issue.record("row \(row), \(count) replicates: the two draws differ")
                return
            }
            reachedSeventh = reachedSeventh || fast.kept.prefix(Int(count)).contains { $0 >= 7 }
        }
        #expect(reachedSeventh, "some draw takes the slow path, a weight of 7 or more")
        #expect(fast.first.reduce(0, +) > 5 * 1003, "the draws added to the counts")
    }

    @Test("the weights are §6's: a row's first replicates and Poisson(1)'s frequencies")
    func weights() {
        // Fixtures/tools/make_bootstrap_expected.py's weights(12345, 0, 20) and weights(0, 7, 20).
        let weights = BootstrapWeights(replicates: 20, seed: 0)
        var drawn = [UInt32](repeating: 0, count: 20)
        drawn.withUnsafeMutableBufferPointer { weights.fill(key: 12345, into: $0.baseAddress!) }
        #expect(drawn == [0, 0, 2, 1, 0, 0, 2, 0, 0, 1, 3, 0, 0, 2, 0, 3, 0, 0, 2, 1])
        drawn.withUnsafeMutableBufferPointer { BootstrapWeights(replicates: 20, seed: 7).fill(key: 0, into: $0.baseAddress!) }
        #expect(drawn == [1, 0, 0, 0, 1, 3, 1, 1, 0, 2, 1, 2, 0, 3, 1, 1, 2, 0, 2, 1])
    }

    @Test("--ci without an id keys rows by offset; --bootstrap and --seed need --ci; a level outside (0, 1) is refused")
    func options() throws {
        let path = fixture("sklearn_docstring.csv")
        let json = try JSONSerialization.jsonObject(with: Data(try predeval([path, "--ci", "0.9", "--format", "json"]).standardOutput.utf8)) as! [String: Any]
        #expect((json["bootstrap"] as? [String: Any])?["key"] as? String == "offset")
        #expect((json["bootstrap"] as? [String: Any])?["replicates"] as? Int == 1000)
        let seedAlone = try predeval([path, "--seed", "3"])
        #expect(seedAlone.status == 2 && seedAlone.standardError.contains("--seed applies only with --ci"), "\(seedAlone.standardError)")
        for level in ["0", "1", "1.5", "-0.5"] {
            let refused = try predeval([path, "--ci", level])
            #expect(refused.status == 2 && refused.standardError.contains("--ci takes a level between 0 and 1"), "\(refused.standardError)")
        }
        let noReplicates = try predeval([path, "--ci", "0.9", "--bootstrap", "0"])
        #expect(noReplicates.status == 2 && noReplicates.standardError.contains("--bootstrap takes a number of at least 1"))
    }

    @Test("each slice's intervals: its rows keep their whole-file keys, as a file of only them keyed by the same ids")
    func sliceIntervals() throws {
        let rows = (0..<600).map { index in
            "u\(index * 7919 % 10007),\(["en", "fr", "de"][index % 3]),\(["a", "b", "c"][index % 4 % 3]),\(["a", "b", "c"][index % 5 % 3])"
        }
        let path = try temporaryFile((["id,lang,actual,predicted"] + rows).joined(separator: "\n") + "\n")
        var options = EvaluationOptions()
        options.id = .name("id")
        options.bootstrap = BootstrapOptions(level: 0.9, replicates: 200, seed: 8)
        options.threads = 1
        var sliced = options
        sliced.groupBy = .name("lang")
        let report = try Evaluator(sliced).evaluate(file: path)
        let groups = try #require(report.groups)
        #expect(groups.count == 3)
        for group in groups {
            let own = rows.filter { $0.split(separator: ",")[1] == group.group }
            var alone = try Evaluator(options).evaluate(file: try temporaryFile((["id,lang,actual,predicted"] + own).joined(separator: "\n") + "\n"))
            alone.file = group.report.file
            alone.dialect = group.report.dialect
            #expect(group.report.classes.map(\.ci) == alone.classes.map(\.ci), "\(group.group)")
            #expect(group.report.averages == alone.averages && group.report.accuracyCI == alone.accuracyCI, "\(group.group)")
            #expect(group.report.statistics == alone.statistics, "\(group.group)")
        }
        sliced.threads = 3
        sliced.minimumPartBytes = 1
        #expect(try Evaluator(sliced).evaluate(file: path) == report)
        // At most 100 slices get intervals.
        let many = try temporaryFile("actual,predicted,g\n" + (0..<101).map { "a,a,g\($0)" }.joined(separator: "\n") + "\n")
        let refused = try predeval([many, "--group-by", "g", "--ci", "0.9"])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("has more than 100 distinct values, the most slices that --ci gives intervals for"), "\(refused.standardError)")
    }

    @Test("numeric labels spelled two ways (7 and 7.0) count as one class in every replicate, as the file spelled alike")
    func numericSpellingsInReplicates() throws {
        let labels = ["1", "7", "12"]
        let spelled = ["1.0", "7.00", "12"]
        var alike = ["id,actual,predicted"]
        var mixed = ["id,actual,predicted"]
        for index in 0..<400 {
            let (actual, predicted) = (index % 3, index % 7 % 3)
            alike.append("r\(index),\(labels[actual]),\(labels[predicted])")
            mixed.append("r\(index),\(labels[actual]),\(index % 2 == 0 ? spelled[predicted] : labels[predicted])")
        }
        var options = EvaluationOptions()
        options.id = .name("id")
        options.bootstrap = BootstrapOptions(level: 0.9, replicates: 200, seed: 5)
        options.threads = 1
        let expected = try Evaluator(options).evaluate(file: try temporaryFile(alike.joined(separator: "\n") + "\n"))
        for threads in [1, 3] {
            options.threads = threads
            options.minimumPartBytes = 1
            let report = try Evaluator(options).evaluate(file: try temporaryFile(mixed.joined(separator: "\n") + "\n"))
            #expect(report.classes.map(\.label) == expected.classes.map(\.label), "\(threads) threads")
            #expect(report.classes.map(\.ci) == expected.classes.map(\.ci), "\(threads) threads")
            #expect(report.averages == expected.averages && report.accuracyCI == expected.accuracyCI, "\(threads) threads")
            #expect(report.statistics == expected.statistics, "\(threads) threads")
        }
    }

    @Test("text shows the interval of each f1-score column figure, from the same draw as the JSON")
    func textIntervals() throws {
        let path = fixture("random_single_label.csv")
        let arguments = [path, "--ci", "0.9", "--bootstrap", "300", "--all-stats"]
        let json = try JSONSerialization.jsonObject(with: Data(try predeval(arguments + ["--format", "json"]).standardOutput.utf8)) as! [String: Any]
        let macro = ((json["averages"] as! [String: Any])["macro"] as! [String: Any])["ci"] as! [String: Any]
        let f1 = macro["f1"] as! [Double]
        let mcc = ((json["statistics"] as! [String: Any])["ci"] as! [String: Any])["mcc"] as! [Double]
        let text = try predeval(arguments).standardOutput
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("90% ci") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("macro avg") && $0.hasSuffix(String(format: "[%.4f, %.4f]", f1[0], f1[1])) }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("mcc") && $0.hasSuffix(String(format: "[%.4f, %.4f]", mcc[0], mcc[1])) }, "\(text)")
        let markdown = try predeval(arguments + ["--format", "markdown"]).standardOutput
        #expect(markdown.contains("| fn | tn | specificity | npv | jaccard | 90% ci |"), "\(markdown)")
        #expect(markdown.contains(String(format: "| [%.4f, %.4f] |", f1[0], f1[1])), "\(markdown)")
    }

    @Test("gzip input and standard input, read in blocks on several threads, key rows by their decoded offsets alike")
    func streamsKeyAlike() throws {
        let plainPath = fixture("quoted_non_ascii.csv")
        let compressed = try temporaryFile("", suffix: ".csv.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(plainPath)' > '\(compressed)'"]
        try gzip.run()
        gzip.waitUntilExit()
        var options = EvaluationOptions()
        options.bootstrap = BootstrapOptions(level: 0.9, replicates: 300, seed: 4)
        options.threads = 1
        var plain = try Evaluator(options).evaluate(file: plainPath)
        plain.file = compressed
        for threads in [1, 3] {
            options.threads = threads
            options.minimumPartBytes = 1
            #expect(try Evaluator(options).evaluate(file: compressed) == plain, "\(threads) threads")
        }
    }
}

import ArgumentParser
import Foundation
import PredEval
import PredEvalCommandLine
import Testing

/// A case of Fixtures/ranking_expected.json: a score file of a real model (in Fixtures/ranking/),
/// the arguments, and what scikit-learn computes (Fixtures/tools/make_ranking_expected.py).
struct RankingCase: CustomTestStringConvertible, Sendable {
    let file: String
    let arguments: [String]
    let expectedJSON: Data

    var testDescription: String { ([file] + arguments).joined(separator: " ") }

    static func all() throws -> [RankingCase] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("ranking_expected.json"))
        let cases = (try JSONSerialization.jsonObject(with: data) as! [String: Any])["cases"] as! [[String: Any]]
        return try cases.map { entry in
            RankingCase(
                file: (entry["files"] as! [String])[0], arguments: entry["args"] as! [String],
                expectedJSON: try JSONSerialization.data(withJSONObject: entry["expected"]!))
        }
    }
}

@Suite("Ranking and calibration: ROC-AUC, average precision, Brier, ECE and reliability bins as scikit-learn gives them")
struct RankingTests {
    @Test("every case equals scikit-learn's figures to 1e-12: classes, averages, calibration", arguments: try RankingCase.all())
    func matchesScikitLearn(_ expected: RankingCase) throws {
        try expectReport(of: expected.file, expected.arguments, toHold: expected.expectedJSON, tolerance: 1e-12)
    }

    @Test("past --max-score-memory the histograms switch to 4,096 bins: the report of --score-bins 4096 and one warning")
    func memoryLimitSwitchesToBins() throws {
        for (file, arguments) in [
            ("ranking/digits_rf.csv", ["--actual", "digit", "--scores", "p_*"]),
            ("ranking/tags_lr.csv", ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*"]),
        ] {
            var options = try EvaluateCommand.parse([fixture(file)] + arguments).evaluationOptions
            let exact = try Evaluator(options).evaluate(file: fixture(file))
            #expect(exact.rankingExact == true && !exact.warnings.contains { $0.contains("--max-score-memory") })
            options.scoreBins = RankingCounts.fallbackBins
            let binned = try Evaluator(options).evaluate(file: fixture(file))
            options.scoreBins = nil
            options.maximumScoreMemory = 0
            for threads in [1, 3] {
                options.threads = threads
                options.minimumPartBytes = 1
                var switched = try Evaluator(options).evaluate(file: fixture(file))
                #expect(switched.rankingExact == false, "\(file)")
                #expect(switched.warnings.filter { $0.contains("outgrew their memory (--max-score-memory)") }.count == 1, "\(switched.warnings)")
                switched.warnings.removeAll { $0.contains("--max-score-memory") }
                #expect(switched == binned, "\(file), \(threads) threads")
            }
        }
        let refused = try predeval([fixture("ranking/cancer_lr.csv"), "--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--score-bins", "1"])
        #expect(refused.status == 2 && refused.standardError.contains("--score-bins takes a number of at least 2"), "\(refused.standardError)")
    }

    @Test("what is undefined is null with one warning: a one-class slice's ROC-AUC, calibration of a decision function")
    func undefinedWarns() throws {
        var options = try EvaluateCommand.parse([fixture("ranking/digits_lr.csv"), "--actual", "digit", "--scores", "p_*", "--group-by", "site"]).evaluationOptions
        let sliced = try Evaluator(options).evaluate(file: fixture("ranking/digits_lr.csv"))
        let zero = try #require(sliced.groups?.first { $0.group == "zero" }?.report)
        #expect(zero.classes.map(\.label) == ["0"] && zero.classes[0].rocAUC == nil && zero.classes[0].averagePrecision == nil)
        #expect(zero.warnings.filter { $0.contains("the class '0' has no negative row") }.count == 1, "\(zero.warnings)")
        options = try EvaluateCommand.parse([fixture("ranking/wine_svm.csv"), "--actual", "cultivar", "--scores", "d_*"]).evaluationOptions
        let svm = try Evaluator(options).evaluate(file: fixture("ranking/wine_svm.csv"))
        #expect(svm.calibration == .some(nil))
        #expect(svm.warnings.contains("calibration is left undefined: the scores are not probabilities"), "\(svm.warnings)")
    }

    @Test("--format csv --curves holds the JSON report's curve points, slices included; a class of one kind has none")
    func curvesAsCSV() throws {
        let arguments = [fixture("ranking/digits_lr.csv"), "--actual", "digit", "--scores", "p_*", "--curve-points", "12", "--group-by", "site"]
        let json = try predeval(arguments + ["--format", "json"])
        let report = try JSONDecoder().decode(Report.self, from: Data(json.standardOutput.utf8))
        let scopes = [("", report)] + (report.groups ?? []).map { ($0.group, $0.report) }
        var expected = ["group,label,curve,point,x,y,threshold"]
        for (group, scope) in scopes {
            let curves = try #require(scope.curves)
            #expect(Set(curves.keys) == Set(scope.classes.filter { $0.rocAUC != nil }.map(\.label)), "\(group)")
            for entry in scope.classes {
                guard let classCurves = curves[entry.label] else { continue }
                #expect(classCurves.roc.count == 12 && classCurves.pr.count <= 12)
                for (name, points) in [("roc", classCurves.roc), ("pr", classCurves.pr)] {
                    for (index, point) in points.enumerated() {
                        expected.append([group, entry.label, name, "\(index + 1)", "\(point.x)", "\(point.y)", point.threshold.map { "\($0)" } ?? ""].joined(separator: ","))
                    }
                }
            }
        }
        #expect(report.groups?.first { $0.group == "zero" }?.report.curves == [:])
        let csv = try predeval(arguments + ["--format", "csv"])
        #expect(csv.status == 0 && csv.standardOutput == expected.joined(separator: "\n") + "\n")
        for (extra, message) in [
            (["--actual", "digit", "--predicted", "p_0", "--curves"], "--curves needs --scores"),
            (["--actual", "digit", "--scores", "p_*", "--curve-points", "1"], "--curve-points takes a number of at least 2"),
        ] {
            let refused = try predeval([fixture("ranking/digits_lr.csv")] + extra)
            #expect(refused.status == 2 && refused.standardError.contains(message), "\(refused.standardError)")
        }
    }

    @Test("past --max-score-memory the replicates' histograms are binned: intervals near the exact ones, and a warning")
    func binnedReplicatesStayClose() throws {
        let arguments = [fixture("ranking/digits_lr.csv"), "--actual", "digit", "--scores", "p_*", "--ci", "0.95", "--bootstrap", "200"]
        var options = try EvaluateCommand.parse(arguments).evaluationOptions
        let exact = try Evaluator(options).evaluate(file: fixture("ranking/digits_lr.csv"))
        #expect(!exact.warnings.contains { $0.contains("ranking intervals come from bins") })
        for megabytes in [8, 1] {
            options.maximumScoreMemory = megabytes << 20
            let binned = try Evaluator(options).evaluate(file: fixture("ranking/digits_lr.csv"))
            #expect(binned.warnings.filter { $0.contains("ranking intervals come from bins") }.count == 1, "\(binned.warnings)")
            guard case .averaged(let exactROC, let exactAP) = exact.ranking, case .averaged(let binnedROC, let binnedAP) = binned.ranking else {
                Issue.record("no averaged ranking")
                return
            }
            for name in ["macro", "weighted", "micro"] {
                for (exactFigure, binnedFigure, tolerance) in [(exactROC, binnedROC, 2e-4), (exactAP, binnedAP, 2e-3)] {
                    let (e, b) = (try #require(exactFigure.ci?[name] ?? nil), try #require(binnedFigure.ci?[name] ?? nil))
                    #expect(abs(e.low - b.low) < tolerance && abs(e.high - b.high) < tolerance, "\(megabytes) MB \(name): \(e) vs \(b)")
                }
            }
            for (exactClass, binnedClass) in zip(exact.classes, binned.classes) {
                let (e, b) = (try #require(exactClass.ci?["roc_auc"] ?? nil), try #require(binnedClass.ci?["roc_auc"] ?? nil))
                #expect(abs(e.low - b.low) < 1e-3 && abs(e.high - b.high) < 1e-3, "\(megabytes) MB \(exactClass.label): \(e) vs \(b)")
            }
        }
    }

    @Test("scores joined to a truth file (rows in another order) give the report, intervals included, of one file keyed by id")
    func truthJoinRanks() throws {
        let lines = try String(contentsOf: URL(fileURLWithPath: fixture("ranking/digits_lr.csv")), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-ranking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (truth, predictions) = (directory.appendingPathComponent("truth.csv"), directory.appendingPathComponent("scores.csv"))
        let truthRows = [lines[0]] + lines.dropFirst().reversed()
        try (truthRows.map { "\($0[0]),\($0[1])" }.joined(separator: "\n") + "\n").write(to: truth, atomically: true, encoding: .utf8)
        try (lines.map { ([$0[0]] + $0.dropFirst(3)).joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(to: predictions, atomically: true, encoding: .utf8)
        let interval = ["--actual", "digit", "--scores", "p_*", "--ci", "0.9", "--bootstrap", "100", "--seed", "4", "--curves"]
        let joined = try Evaluator(
            try EvaluateCommand.parse([predictions.path, "--truth", truth.path, "--id", "id"] + interval).evaluationOptions
        ).evaluate(file: predictions.path)
        let single = try Evaluator(try EvaluateCommand.parse([fixture("ranking/digits_lr.csv"), "--id", "id"] + interval).evaluationOptions)
            .evaluate(file: fixture("ranking/digits_lr.csv"))
        #expect(joined.ranking == single.ranking && joined.curves == single.curves && joined.calibration == single.calibration)
        #expect(joined.classes == single.classes)
        guard case .averaged(let rocAUC, _) = joined.ranking else {
            Issue.record("no averaged ranking")
            return
        }
        #expect(rocAUC.ci?["macro"] != nil)
    }

    @Test("each slice's ranking intervals are those of a file of only its rows keyed by the same ids, single- and multi-label")
    func sliceRankingIntervals() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-slices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (file, group, arguments) in [
            ("ranking/digits_lr.csv", "site", ["--actual", "digit", "--scores", "p_*"]),
            ("ranking/tags_lr.csv", "y_news", ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*"]),
        ] {
            let interval = arguments + ["--ci", "0.9", "--bootstrap", "60", "--seed", "3", "--id", "id"]
            let sliced = try Evaluator(try EvaluateCommand.parse([fixture(file), "--group-by", group] + interval).evaluationOptions)
                .evaluate(file: fixture(file))
            let lines = try String(contentsOf: URL(fileURLWithPath: fixture(file)), encoding: .utf8).split(separator: "\n")
            let column = try #require(lines[0].split(separator: ",").firstIndex { $0 == group })
            for slice in try #require(sliced.groups) {
                let own = lines.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[column] == slice.group }
                let path = directory.appendingPathComponent("\(group)-\(slice.group).csv").path
                try ([String(lines[0])] + own.map(String.init)).joined(separator: "\n").appending("\n").write(
                    toFile: path, atomically: true, encoding: .utf8)
                let alone = try Evaluator(try EvaluateCommand.parse([path] + interval).evaluationOptions).evaluate(file: path)
                #expect(slice.report.ranking == alone.ranking, "\(file) \(slice.group)")
                #expect(slice.report.classes.map(\.ci) == alone.classes.map(\.ci), "\(file) \(slice.group)")
            }
            guard case .averaged(let rocAUC, _) = sliced.groups![0].report.ranking else {
                Issue.record("no averaged ranking")
                return
            }
            #expect(rocAUC.ci?["micro"] != nil, "\(file)")
        }
    }

    @Test("read in 2, 3 and 7 parts, 64 bytes at a time, the figures are the same to the bit", arguments: try RankingCase.all())
    func partsChangeNothing(_ expected: RankingCase) throws {
        var options = try EvaluateCommand.parse([fixture(expected.file)] + expected.arguments).evaluationOptions
        options.threads = 1
        let report = try Evaluator(options).evaluate(file: fixture(expected.file))
        for parts in [2, 3, 7] {
            options.threads = parts
            options.minimumPartBytes = 1
            options.readSize = 64
            #expect(try Evaluator(options).evaluate(file: fixture(expected.file)) == report, "\(parts) parts")
        }
    }
}

import Foundation
import PredEvalCore
import Testing

/// `--format html`, rendered in Debian's headless Chromium: every page loads without a console
/// message, screenshots to a PNG, parses as HTML5 (html5lib, strict), holds no URL, and draws
/// what the JSON report says — each heatmap cell's count is scikit-learn's confusion matrix's.
/// With `PREDEVAL_SCREENSHOTS=DIR`, the screenshots are kept there (docs/images/ is made so).
@Suite("HTML report in a browser", .serialized)
struct HTMLReportTests {
    /// scikit-learn's matrices and overlap histogram for the fixtures (tools/make_html_fixtures.py).
    struct Expected: Decodable {
        struct Matrix: Decodable {
            var labels: [String]
            var cells: [[Int]]
        }
        var matrices: [String: Matrix]
        var row_jaccard_histograms: [String: [Int]]

        static func load() throws -> Expected {
            try JSONDecoder().decode(Expected.self, from: Data(contentsOf: fixturesDirectory.appendingPathComponent("html/matrices.expected.json")))
        }
    }

    /// A page predeval wrote, checked in the browser, with the JSON report of the same run.
    struct CheckedPage {
        var html: String
        var page: BrowserPage
        var report: Report?
    }

    /// Runs `predeval ARGS --format html` (and `--format json` for single-file runs) in the
    /// Fixtures folder, then loads the page and applies the checks every page must pass.
    func checkedPage(_ arguments: [String], screenshot: String, json: Bool = true, height: Int = 1600) throws -> CheckedPage {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let written = try predeval(arguments + ["--format", "html", "--output", output, "--no-progress"], in: fixturesDirectory)
        #expect(written.status == 0, "\(written.standardError)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(!html.lowercased().contains("http:") && !html.lowercased().contains("https:"), "a URL in the page")
        #expect(try html5ParseErrors(output) == "")
        let page = try BrowserPage(loading: output, height: height)
        #expect(page.console.isEmpty, "console: \(page.console)")
        #expect(page.isPNG, "no screenshot")
        if let directory = ProcessInfo.processInfo.environment["PREDEVAL_SCREENSHOTS"] {
            try page.png.write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(screenshot).png"))
        }
        var report: Report?
        if json {
            let run = try predeval(arguments + ["--format", "json", "--no-progress"], in: fixturesDirectory)
            report = try JSONDecoder().decode(Report.self, from: Data(run.standardOutput.utf8))
        }
        return CheckedPage(html: html, page: page, report: report)
    }

    /// The heatmap's cells equal the JSON report's matrix (every cell up to 40 classes, the
    /// non-zero ones beyond) and, where given, scikit-learn's, labels included.
    func expectHeatmap(_ checked: CheckedPage, equalTo expected: Expected.Matrix? = nil) throws {
        let report = try #require(checked.report)
        let matrix = try #require(report.confusionMatrix)
        let cells = HeatmapCell.all(in: checked.page.dom)
        let count = report.labels.count
        let everyCell = count <= 40
        let nonZero = matrix.joined().filter { $0 > 0 }.count
        #expect(cells.count == (everyCell ? count * count : nonZero))
        #expect(Set(cells.map { [$0.actual, $0.predicted] }).count == cells.count, "a cell drawn twice")
        for cell in cells {
            #expect(matrix[cell.actual][cell.predicted] == cell.count)
            #expect(cell.title == "actual \(report.labels[cell.actual]), predicted \(report.labels[cell.predicted])")
        }
        if let expected {
            #expect(report.labels == expected.labels)
            let drawn = Set(cells.filter { $0.count > 0 }.map { [$0.actual, $0.predicted, $0.count] })
            #expect(drawn == Set(expected.cells))
        }
    }

    @Test("3 classes: 9 cells equal to the matrix, counts and percentages written in each")
    func threeClasses() throws {
        let checked = try checkedPage(["sklearn_docstring.csv"], screenshot: "report-3-classes", height: 1300)
        try expectHeatmap(checked)
        // scikit-learn's docstring matrix [[1,0,0],[1,0,0],[0,1,2]]: row shares in the cells.
        #expect(checked.page.dom.contains(">66.7%</text>") && checked.page.dom.contains(">33.3%</text>"))
        #expect(HeatmapCell.all(in: checked.page.dom).filter { $0.actual == $0.predicted }.count == 3)
        #expect(checked.page.dom.matches(of: #/class="cell q\d diag"/#).count == 3)
    }

    @Test("20 classes with long, non-Latin and markup labels: 400 cells equal to scikit-learn's matrix, labels as text")
    func twentyClasses() throws {
        let expected = try Expected.load()
        let checked = try checkedPage(["html/classes_20.csv"], screenshot: "report-20-classes", height: 2000)
        try expectHeatmap(checked, equalTo: expected.matrices["classes_20.csv"])
        // The label <script>alert(1)</script> is text: the page's one script is its own.
        #expect(checked.html.components(separatedBy: "<script").count == 2)
        #expect(checked.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(checked.page.dom.components(separatedBy: "<script").count == 2)
    }

    @Test("300 classes: the non-zero cells equal scikit-learn's, confused classes adjacent, the top 20 pairs listed")
    func threeHundredClasses() throws {
        let expected = try Expected.load()
        let checked = try checkedPage(["html/classes_300.csv"], screenshot: "report-300-classes", height: 1800)
        try expectHeatmap(checked, equalTo: expected.matrices["classes_300.csv"])
        // Each class is mostly confused with its two ring neighbours: seriated, most of the
        // off-diagonal rows lie next to the diagonal.
        let cells = HeatmapCell.all(in: checked.page.dom)
        let position = Dictionary(uniqueKeysWithValues: try xPositions(checked.page.dom))
        let offDiagonal = cells.filter { $0.actual != $0.predicted }
        let near = offDiagonal.filter { abs(position[$0.actual]! - position[$0.predicted]!) == 4 }.reduce(0) { $0 + $1.count }
        #expect(Double(near) > 0.8 * Double(offDiagonal.reduce(0) { $0 + $1.count }))
        let pairs = try #require(checked.html.range(of: "<h3>Most confused pairs</h3>"))
        let pairTable = checked.html[pairs.upperBound...].components(separatedBy: "</table>")[0]
        #expect(pairTable.components(separatedBy: "<tr>").count - 2 == 20, "20 pairs below the heading row")
    }

    /// Each class's column position in the heatmap (the x of its diagonal cell).
    private func xPositions(_ dom: String) throws -> [(Int, Int)] {
        dom.matches(of: #/<rect class="cell[^"]*" x="(\d+)" y="\d+" data-a="(\d+)" data-p="(\d+)">/#)
            .filter { $0.output.2 == $0.output.3 }.map { (Int($0.output.2)!, Int($0.output.1)!) }
    }

    @Test("multi-label: per-label tp/fn/fp bars and the overlap histogram of scikit-learn's per-row Jaccard")
    func multiLabel() throws {
        let expected = try Expected.load()
        let checked = try checkedPage(
            ["random_multi_label.csv", "--multi-label", "--actual", "y_true", "--predicted", "y_pred"], screenshot: "report-multi-label",
            height: 1500)
        let report = try #require(checked.report)
        #expect(report.rowJaccardHistogram == expected.row_jaccard_histograms["random_multi_label.csv"])
        #expect(report.rowJaccardHistogram?[10] == Int((report.accuracy! * Double(report.rows)).rounded()))
        for entry in report.classes {
            for (kind, value) in [("tp", entry.tp), ("fn", entry.fn), ("fp", entry.fp)] where value > 0 {
                #expect(checked.page.dom.contains("<title>\(entry.label): \(kind) \(value)</title>"))
            }
        }
        let bars = checked.page.dom.matches(of: #/<title>[^<]*: (\d+) rows</title>/#).map { Int($0.output.1)! }
        #expect(bars == report.rowJaccardHistogram)
        #expect(HeatmapCell.all(in: checked.page.dom).isEmpty)
    }

    @Test("--group-by: the slice chart with the worst slice marked, one row per slice")
    func slices() throws {
        let checked = try checkedPage(["batch/model_a.csv", "--group-by", "lang"], screenshot: "report-slices", height: 2400)
        let groups = try #require(checked.report?.groups)
        #expect(checked.page.dom.matches(of: #/<rect class="bar marked"/#).count == 1)
        let worst = groups.min { ($0.report.averages.macro.f1 ?? 2) < ($1.report.averages.macro.f1 ?? 2) }!
        #expect(checked.page.dom.contains("<tr class=\"marked\"><td class=\"text\">\(worst.group)</td>"))
        #expect(checked.html.components(separatedBy: "class=\"heatmap").count == 2, "the file's heatmap only")
    }

    @Test("several files: the leaderboard chart best first, then each file's report")
    func leaderboard() throws {
        let checked = try checkedPage(
            ["batch/model_a.csv", "batch/model_b.csv", "batch/model_c.csv", "--details"], screenshot: "report-leaderboard", json: false,
            height: 1400)
        let values = checked.page.dom.matches(of: #/<rect class="bar" [^>]*><title>batch/model_.\.csv: ([0-9.]+)</title>/#)
            .map { Double($0.output.1)! }
        #expect(values.count == 3 && values == values.sorted(by: >))
        #expect(checked.html.components(separatedBy: "class=\"heatmap").count == 4)
    }

    @Test("score columns: ROC and precision-recall curves per class, the reliability diagram with its bins' counts")
    func scores() throws {
        let checked = try checkedPage(
            ["model_outputs/iris_proba.csv", "--actual", "species", "--scores", "p_*", "--curves"], screenshot: "report-scores", height: 2600)
        let report = try #require(checked.report)
        let curves = try #require(report.curves)
        #expect(checked.page.dom.matches(of: #/<polyline class="line s\d/#).count == 2 * curves.count + 1)
        let bins = try #require(report.calibration??.bins)
        let counts = checked.page.dom.matches(of: #/<title>[^<]*: (\d+) rows</title>/#).map { Int($0.output.1)! }
        #expect(counts == bins.map(\.count))
    }

    @Test("compare: each candidate's difference with its interval")
    func compare() throws {
        let checked = try checkedPage(
            ["compare", "batch/model_a.csv", "batch/model_b.csv", "batch/model_c.csv", "--bootstrap", "200"], screenshot: "report-compare",
            json: false, height: 700)
        #expect(checked.page.dom.matches(of: #/<path class="whisker"/#).count == 2)
        #expect(checked.page.dom.matches(of: #/<circle class="dot s0"[^>]*><title>batch/model_[bc]\.csv: [+-][0-9.]+</title>/#).count == 2)
    }

    @Test("--ci: a whisker on every per-class bar with an interval, the intervals in the overall table")
    func intervals() throws {
        let checked = try checkedPage(
            ["random_single_label.csv", "--ci", "0.95", "--bootstrap", "200", "--normalize", "pred"], screenshot: "report-intervals",
            height: 1800)
        let report = try #require(checked.report)
        let defined = report.classes.reduce(0) { total, entry in
            total + ["precision", "recall", "f1"].filter { (entry.ci?[$0] ?? nil) != nil }.count
        }
        #expect(defined > 0)
        #expect(checked.page.dom.matches(of: #/<span class="ci" /#).count == defined)
        let macro = try #require(report.averages.macro.ci?["f1"] ?? nil)
        #expect(checked.html.contains("<td>\(SummaryTables().interval(macro))</td>"))
        #expect(checked.html.contains("its predicted column (precision view)"))
        try expectHeatmap(checked)
    }

    @Test("a 1,000-class report stays under 2 MB")
    func thousandClasses() throws {
        var csv = "actual,predicted\n"
        var state: UInt64 = 1000
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<20_000 {
            let truth = next() % 1000
            let roll = next() % 100
            let guess = roll < 75 ? truth : roll < 95 ? (truth + 1 + next() % 3) % 1000 : next() % 1000
            csv += "class_\(truth),class_\(guess)\n"
        }
        let input = try temporaryFile(csv)
        let output = input + ".html"
        defer { for path in [input, output] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try predeval([input, "--format", "html", "--output", output]).status == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int)
        #expect(size < 2_000_000, "\(size) bytes")
        let page = try BrowserPage(loading: output)
        #expect(page.console.isEmpty && page.isPNG)
    }

    @Test("the checks can fail: a script error and an HTML5 parse error are caught")
    func checksCatchFaults() throws {
        let broken = try temporaryFile("<!DOCTYPE html><html><head><title>t</title></head><body><script>missing();</script></body></html>", suffix: ".html")
        let unparsable = try temporaryFile("<!DOCTYPE html><html><head><title>t</title></head><body><div></p></span></body></html>", suffix: ".html")
        defer { for path in [broken, unparsable] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try BrowserPage(loading: broken).console.count == 1)
        #expect(try html5ParseErrors(unparsable) != "")
    }
}

import PredEvalCore
import Foundation
import Testing

@Suite("Rendering reports")
struct ReportRenderingTests {
    /// scikit-learn's classification_report docstring example, counted and built.
    private func docstringReport(zeroDivision: ZeroDivision = .warn, listed: [String]? = nil) -> Report {
        var interner = LabelInterner()
        let listedIDs = listed?.map { interner.intern($0) }
        var counts = SingleLabelCounts()
        for (actual, predicted) in zip(["class 0", "class 1", "class 2", "class 2", "class 2"], ["class 0", "class 0", "class 2", "class 2", "class 1"]) {
            counts.add(actual: interner.intern(actual), predicted: interner.intern(predicted))
        }
        return ReportBuilder(file: "preds.csv", listedLabels: listedIDs, zeroDivision: zeroDivision).report(counts, interner: interner)
    }

    private func parsed(_ json: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("JSON carries the contract's keys in order, numbers at full precision")
    func jsonContract() throws {
        let json = JSONReportRenderer.render(docstringReport())
        let keys = ["file", "mode", "rows", "skipped_rows", "labels", "classes", "averages", "accuracy", "confusion_matrix", "warnings"]
        let positions = keys.map { json.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(json.contains(#""macro": {"precision": 0.5, "recall": 0.5555555555555555, "f1": 0.48888888888888893, "support": 5}"#))
        let object = try parsed(json)
        #expect(object["confusion_matrix"] as? [[Int]] == [[1, 0, 0], [1, 0, 0], [0, 1, 2]])
        let decoded = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        #expect(decoded == docstringReport())
    }

    @Test("undefined values are null; the warnings name the classes under 'warn' only")
    func undefinedValues() throws {
        let nanReport = docstringReport(zeroDivision: .nan, listed: ["class 1", "absent"])
        let object = try parsed(JSONReportRenderer.render(nanReport))
        let classes = try #require(object["classes"] as? [[String: Any]])
        #expect(classes[1]["precision"] is NSNull && classes[1]["recall"] is NSNull && classes[1]["f1"] is NSNull)
        #expect(nanReport.warnings.isEmpty)

        let warnReport = docstringReport(zeroDivision: .warn, listed: ["class 1", "absent"])
        #expect(warnReport.classes[1].precision == 0)
        #expect(warnReport.warnings.count == 3)
        #expect(warnReport.warnings[0].hasPrefix("precision is ill-defined and set to 0.0 for 1 label with no predicted rows: 'absent'"))
    }

    @Test("labels that need escaping stay valid JSON")
    func escaping() throws {
        var interner = LabelInterner()
        var counts = SingleLabelCounts()
        let odd = "quote \" back \\ line\nbreak \u{1} 日本"
        counts.add(actual: interner.intern(odd), predicted: [UInt8]([0xFF]).withUnsafeBytes { interner.intern($0) })
        let json = JSONReportRenderer.render(ReportBuilder(file: "a\"b.csv").report(counts, interner: interner))
        let labels = try #require(try parsed(json)["labels"] as? [String])
        #expect(Set(labels) == [odd, "\u{FFFD}"])
    }

    @Test("text: a row per class, the averages, accuracy, digits as asked, nan for undefined")
    func text() {
        let text = TextReportRenderer(digits: 2, showsConfusionMatrix: true).render(docstringReport(zeroDivision: .nan))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "preds.csv: single-label, 5 rows, 3 labels")
        #expect(lines.contains("class 0            0.50    1.00      0.67        1   1   1   0"))
        #expect(lines.contains("macro avg          0.50    0.56      0.49        5"))
        #expect(lines.contains("accuracy                             0.60        5"))
        #expect(lines.contains("class 2                   0        1        2"))
        let withAbsent = TextReportRenderer().render(docstringReport(zeroDivision: .nan, listed: ["absent"]))
        #expect(withAbsent.contains("absent              nan     nan       nan        0   0   0   0"))
    }
}

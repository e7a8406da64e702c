import Foundation
import Testing

/// Files too large to commit, built from the recipes that `Fixtures/tools/make_hostile.py`
/// describes, and checked against `Fixtures/hostile/large_cases.expected.json` (scikit-learn's
/// answer for the same rows, long labels shown as `<N bytes of c>`).
@Suite("Large input: huge fields and lines, 10^5 labels, more than 4 GiB")
struct LargeInputTests {
    @Test("10^5 distinct labels (200,000 rows)")
    func manyLabels() throws {
        try expectReport("many_labels") { file in
            try file.write("actual,predicted\n")
            for i in 0..<200_000 { try file.write("L\(i % 100_000),L\((i * 7) % 100_000)\n") }
        }
    }

    @Test("a single field of 20 MiB")
    func hugeField() throws {
        try expectReport("field_20mb") { file in
            let field = String(repeating: "x", count: 20 << 20)
            try file.write("actual,predicted\n\(field),\(field)\na,b\nb,b\n")
        }
    }

    @Test("a line of 100 MiB (a quoted text column beside the labels)")
    func hugeLine() throws {
        try expectReport("line_100mb") { file in
            try file.write("id,text,actual,predicted\n1,\"")
            let block = String(repeating: "y", count: 1 << 20)
            for _ in 0..<100 { try file.write(block) }
            try file.write("\",a,a\n2,short,a,b\n")
        }
    }

    @Test(
        "a file larger than 4 GiB (set PREDEVAL_LARGE_TESTS=1; 4.4 GB of disk, ~25 minutes in a debug build)",
        .enabled(if: ProcessInfo.processInfo.environment["PREDEVAL_LARGE_TESTS"] == "1"))
    func overFourGiB() throws {
        try expectReport("over_4gib") { file in
            try file.write("actual,predicted\n")
            let block = (0..<1000).map { i in
                "class_\(twoDigits(i % 20)),class_\(twoDigits((i * i) % 20))\n"
            }.joined()
            for _ in 0..<240_000 { try file.write(block) }
        }
    }

    @Test(
        "a quote left open before 1 GiB of text stops at the field limit with an error, not the OOM killer (PREDEVAL_LARGE_TESTS=1)",
        .enabled(if: ProcessInfo.processInfo.environment["PREDEVAL_LARGE_TESTS"] == "1"))
    func fieldLimit() throws {
        var file = try GeneratedFile()
        defer { file.remove() }
        try file.write("actual,predicted\na,a\nb,\"never closed\n")
        let block = String(repeating: "z,z\n", count: 1 << 18)
        for _ in 0..<1100 { try file.write(block) }
        try file.finish()
        let run = try predeval([file.path])
        #expect(run.status == 2)
        #expect(
            run.standardError == "predeval: error: \(file.path):3: a field starting on this line is larger than 1024 MiB, "
                + "the most predeval holds (or than memory allows); if it should not be, a quote may be left open\n")
    }

    // MARK: Private

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Builds the file with `recipe`, runs predeval on it and compares the report with the
    /// expected summary named `name`.
    private func expectReport(_ name: String, recipe: (inout GeneratedFile) throws -> Void) throws {
        var file = try GeneratedFile()
        defer { file.remove() }
        try recipe(&file)
        try file.finish()
        let run = try predeval([file.path, "--format", "json", "--zero-division", "0"])
        #expect(run.status == 0, "\(run.standardError.prefix(500))")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let expected = try #require(try Self.expectedCases()[name])
        let found = differences(expected, summary(of: report))
        #expect(found.isEmpty, "\(found.prefix(10).joined(separator: "\n"))")
    }

    private static func expectedCases() throws -> [String: Any] {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("hostile/large_cases.expected.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(file["cases"] as? [String: Any])
    }

    /// The report in the expected file's shape: the counts, the first five classes (long labels
    /// abbreviated), the averages and the accuracy.
    private func summary(of report: [String: Any]) -> [String: Any] {
        let labels = report["labels"] as? [String] ?? []
        let classes = (report["classes"] as? [[String: Any]] ?? []).prefix(5).map { entry -> [String: Any] in
            var shown = entry
            if let label = entry["label"] as? String, label.utf8.count > 64 {
                shown["label"] = "<\(label.utf8.count) bytes of \(label.prefix(1))>"
            }
            return shown
        }
        return [
            "rows": report["rows"] ?? NSNull(), "skipped_rows": report["skipped_rows"] ?? NSNull(),
            "label_count": labels.count, "classes_first": Array(classes), "averages": report["averages"] ?? NSNull(),
            "accuracy": report["accuracy"] ?? NSNull(),
        ]
    }
}

/// A temporary file written in large buffered pieces.
struct GeneratedFile {
    let path: String
    private let handle: FileHandle
    private var pending = Data()

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-large-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    /// Appends `text`.
    mutating func write(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 22 { try flush() }
    }

    /// Writes what is pending and closes the file.
    mutating func finish() throws {
        try flush()
        try handle.close()
    }

    /// Deletes the file.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private mutating func flush() throws {
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }
}

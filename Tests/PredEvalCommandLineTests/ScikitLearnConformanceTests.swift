import Foundation
import Testing

/// One case of a `Fixtures/*.expected.json` (or `Fixtures/hostile/*.expected.json`): a fixture,
/// the arguments, scikit-learn's report.
struct ExpectedCase: CustomTestStringConvertible, Sendable {
    let fixture: String
    let arguments: [String]
    let expectedJSON: Data
    /// The data rows in the file as Python's csv module reads them, skipped ones included.
    let rowsRead: Int

    var testDescription: String { "\(fixture) \(arguments.joined(separator: " "))" }

    /// Every case of every expected file, in a stable order.
    static func all() throws -> [ExpectedCase] {
        let names = try ["", "hostile/"].flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".expected.json") && $0 != "large_cases.expected.json" }.sorted()
                .map { folder + $0 }
        }
        return try names.flatMap { name -> [ExpectedCase] in
            let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent(name))
            let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let fixture = try #require(file["fixture"] as? String)
            let rowsRead = try #require(file["rows_read"] as? Int)
            let cases = try #require(file["cases"] as? [[String: Any]])
            return try cases.map { entry in
                ExpectedCase(
                    fixture: fixture, arguments: try #require(entry["args"] as? [String]),
                    expectedJSON: try JSONSerialization.data(withJSONObject: try #require(entry["expected"])),
                    rowsRead: rowsRead)
            }
        }
    }
}

/// Where `actual` differs from `expected`: every key of `expected` must be in `actual` with an
/// equal value, numbers within 1e-9, `null` only where `null` is expected.
func differences(_ expected: Any, _ actual: Any?, at path: String = "$", tolerance: Double = 1e-9) -> [String] {
    switch expected {
    case let object as [String: Any]:
        guard let actualObject = actual as? [String: Any] else { return ["\(path): expected an object"] }
        return object.keys.sorted().flatMap { key in
            actualObject[key] == nil
                ? ["\(path).\(key): missing"]
                : differences(object[key]!, actualObject[key], at: "\(path).\(key)", tolerance: tolerance)
        }
    case let array as [Any]:
        guard let actualArray = actual as? [Any], actualArray.count == array.count else {
            return ["\(path): expected \(array.count) elements, got \(String(describing: actual))"]
        }
        return zip(array, actualArray).enumerated().flatMap {
            differences($0.element.0, $0.element.1, at: "\(path)[\($0.offset)]", tolerance: tolerance)
        }
    case is NSNull:
        return actual is NSNull ? [] : ["\(path): expected null, got \(String(describing: actual))"]
    case let string as String:
        return actual as? String == string ? [] : ["\(path): expected \(string), got \(String(describing: actual))"]
    case let number as NSNumber:
        guard let actualNumber = actual as? NSNumber, !(actual is NSNull) else {
            return ["\(path): expected \(number), got \(String(describing: actual))"]
        }
        return abs(number.doubleValue - actualNumber.doubleValue) <= tolerance ? [] : ["\(path): expected \(number), got \(actualNumber)"]
    default:
        return ["\(path): unexpected \(expected)"]
    }
}

/// Runs predeval on the fixture `name` with `arguments` and expects its JSON report to hold every
/// member of `expectedJSON`, numbers to `tolerance`.
func expectReport(of name: String, _ arguments: [String], toHold expectedJSON: Data, tolerance: Double = 1e-9) throws {
    let run = try predeval([fixture(name), "--format", "json"] + arguments)
    #expect(run.status == 0, "\(run.standardError)")
    let found = differences(
        try JSONSerialization.jsonObject(with: expectedJSON), try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)),
        tolerance: tolerance)
    #expect(found.isEmpty, "\(found.prefix(10).joined(separator: "\n"))")
}

@Suite("Reports equal scikit-learn's")
struct ScikitLearnConformanceTests {
    @Test("every fixture, both modes, with and without --labels, under each --zero-division", arguments: try ExpectedCase.all())
    func matchesScikitLearn(_ expected: ExpectedCase) throws {
        try expectReport(of: expected.fixture, expected.arguments, toHold: expected.expectedJSON)
    }

    @Test("there are cases in both modes, with --labels and under every --zero-division")
    func coverage() throws {
        let cases = try ExpectedCase.all()
        #expect(cases.count >= 100)
        #expect(cases.contains { $0.arguments.contains("--multi-label") } && cases.contains { !$0.arguments.contains("--multi-label") })
        #expect(cases.contains { $0.arguments.contains("--labels") })
        for mode in ["warn", "0", "1", "nan"] { #expect(cases.contains { $0.arguments.suffix(1) == [mode] }) }
    }

    @Test("rows read = rows counted + rows skipped, on every fixture", arguments: try ExpectedCase.all())
    func rowAccounting(_ expected: ExpectedCase) throws {
        let run = try predeval([fixture(expected.fixture), "--format", "json"] + expected.arguments)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let counted = try #require(report["rows"] as? Int)
        let skipped = try #require(report["skipped_rows"] as? Int)
        #expect(counted + skipped == expected.rowsRead)
        let text = try predeval([fixture(expected.fixture)] + expected.arguments)
        let rows = skipped > 0 ? "\(expected.rowsRead) rows read: \(counted) scored, \(skipped) skipped" : "\(counted) rows"
        #expect(text.standardOutput.contains(", \(rows), "), "\(text.standardOutput.prefix(200))")
    }

    @Test("skipped rows are named by line in the warning")
    func skippedRowsWarning() throws {
        let run = try predeval([fixture("skip_bad_rows.csv"), "--format", "json", "--skip-bad-rows"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["rows"] as? Int == 3 && report["skipped_rows"] as? Int == 2)  // 5 data rows in the file
        #expect(run.standardError.contains("skipped 2 of 5 rows with the wrong number of fields (lines 3, 5)"))
    }
}

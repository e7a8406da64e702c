import Foundation
import PredEval
import Testing

@Suite("--emit-state and predeval merge: the states of any split of a file merge into the one pass's report")
struct MergeTests {
    /// A fixture's rows split into `parts` part files (each with the header), the rows first
    /// shuffled when `shuffled`; part sizes differ (part `i` ends at row ⌊(i + 1)² n / parts²⌋).
    private static func split(_ name: String, parts: Int, shuffled: Bool, into directory: URL) throws -> [String] {
        let text = try String(contentsOf: URL(fileURLWithPath: fixture(name)), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        if shuffled {
            var generator = SeededGenerator(seed: UInt64(parts))
            lines.shuffle(using: &generator)
        }
        var paths: [String] = []
        var start = 0
        for part in 0..<parts {
            let end = lines.count * (part + 1) * (part + 1) / (parts * parts)
            let path = directory.appendingPathComponent("part-\(part).csv").path
            try ([header] + lines[start..<end]).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
            start = end
        }
        return paths
    }

    /// The JSON report without its `file` lines (the whole file's and the slices' names).
    private static func withoutFile(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"file\":") }
            .joined(separator: "\n")
    }

    private static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Each part's state, written by `predeval PART --emit-state STATE` with `options`.
    private static func states(of parts: [String], _ options: [String]) throws -> [String] {
        try parts.map { part in
            let state = part + ".state"
            let run = try predeval([part] + options + ["--emit-state", state])
            #expect(run.status == 0 && run.standardOutput.isEmpty, "\(run.standardError)")
            return state
        }
    }

    static let cases: [(fixture: String, options: [String], shuffled: Bool)] = [
        ("random_single_label.csv", ["--actual", "actual", "--predicted", "predicted"], true),
        ("ranking/digits_lr.csv", ["--actual", "digit", "--scores", "p_*", "--top-k", "2", "--group-by", "site"], true),
        ("ranking/digits_lr.csv", ["--actual", "digit", "--scores", "p_*", "--group-by", "site", "--ci", "0.9", "--bootstrap", "40", "--id", "id"], true),
        ("ranking/cancer_lr.csv", ["--actual", "diagnosis", "--score", "p_malignant", "--positive", "malignant", "--ci", "0.95", "--bootstrap", "40", "--id", "id"], true),
        ("random_multi_label.csv", ["--multi-label", "--actual", "y_true", "--predicted", "y_pred", "--ci", "0.9", "--bootstrap", "40", "--id", "track"], true),
        ("ranking/tags_lr.csv", ["--multi-label", "--actual-columns", "y_*", "--scores", "p_*", "--ci", "0.9", "--bootstrap", "30", "--id", "id"], true),
        ("random_single_label.csv", ["--actual", "actual", "--predicted", "predicted", "--group-by", "predicted", "--labels", "gnu,dog,cat"], false),
        // Balanced accuracy, MCC and kappa sum over classes in label order, not in the order the
        // rows gave labels their ids, so that a shuffled split's intervals match to the bit.
        ("random_single_label.csv", ["--actual", "actual", "--predicted", "predicted", "--group-by", "predicted", "--ci", "0.9", "--bootstrap", "40", "--id", "row"], true),
    ]

    @Test("2, 3 and 7 parts (shuffled where rows are keyed by --id or order does not matter): JSON equal to one pass but for `file`", arguments: cases.indices)
    func splitsMergeToOnePass(_ index: Int) throws {
        let (name, options, shuffled) = Self.cases[index]
        let whole = try predeval([fixture(name), "--format", "json"] + options)
        #expect(whole.status == 0, "\(whole.standardError)")
        for parts in [2, 3, 7] {
            let directory = try Self.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let states = try Self.states(of: try Self.split(name, parts: parts, shuffled: shuffled, into: directory), options)
            let merged = try predeval(["merge"] + states + ["--format", "json"])
            #expect(merged.status == 0, "\(merged.standardError)")
            #expect(merged.standardError == whole.standardError.replacingOccurrences(of: fixture(name), with: "\(parts) states"))
            #expect(Self.withoutFile(merged.standardOutput) == Self.withoutFile(whole.standardOutput), "\(name) \(options) in \(parts) parts")
            #expect(merged.standardOutput.contains("\"file\": \"\(parts) states\""))
        }
    }

    @Test("merging in stages (merge --emit-state, then merge) and the text report equal one merge and one pass")
    func stagedMerge() throws {
        let options = ["--actual", "digit", "--scores", "p_*", "--group-by", "site", "--ci", "0.9", "--bootstrap", "40", "--id", "id"]
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let states = try Self.states(of: try Self.split("ranking/digits_lr.csv", parts: 5, shuffled: true, into: directory), options)
        let first = directory.appendingPathComponent("first.state").path
        let second = directory.appendingPathComponent("second.state").path
        #expect(try predeval(["merge"] + states[..<2] + ["--emit-state", first]).status == 0)
        #expect(try predeval(["merge"] + states[2...] + ["--emit-state", second]).status == 0)
        let staged = try predeval(["merge", first, second])
        let once = try predeval(["merge"] + states)
        let whole = try predeval([fixture("ranking/digits_lr.csv")] + options)
        #expect(staged.status == 0 && staged.standardOutput.replacingOccurrences(of: "2 states", with: "5 states") == once.standardOutput)
        #expect(
            once.standardOutput.replacingOccurrences(of: "5 states", with: "F")
                == whole.standardOutput.replacingOccurrences(of: fixture("ranking/digits_lr.csv"), with: "F"))
    }

    @Test("report options given to merge change the report as they would one pass's")
    func reportOptions() throws {
        let counting = ["--actual", "digit", "--scores", "p_*", "--ci", "0.9", "--bootstrap", "40", "--id", "id"]
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let states = try Self.states(of: try Self.split("ranking/digits_lr.csv", parts: 3, shuffled: true, into: directory), counting)
        let reportOptions = ["--zero-division", "0", "--beta", "2", "--ci", "0.8", "--curve-points", "5", "--format", "json"]
        let merged = try predeval(["merge"] + states + reportOptions)
        let whole = try predeval(
            [fixture("ranking/digits_lr.csv")] + counting.filter { $0 != "0.9" && $0 != "--ci" } + ["--ci", "0.8"]
                + reportOptions.filter { $0 != "0.8" && $0 != "--ci" })
        #expect(merged.status == 0 && whole.status == 0, "\(merged.standardError) \(whole.standardError)")
        #expect(Self.withoutFile(merged.standardOutput) == Self.withoutFile(whole.standardOutput))
    }

    @Test("a headerless part named by --no-header --columns merges with parts that have the header")
    func headerlessParts() throws {
        let options = ["--actual", "digit", "--scores", "p_*", "--id", "id", "--ci", "0.9", "--bootstrap", "30"]
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let parts = try Self.split("ranking/digits_lr.csv", parts: 2, shuffled: true, into: directory)
        let text = try String(contentsOfFile: parts[1], encoding: .utf8)
        let newline = text.firstIndex(of: "\n")!
        let names = String(text[..<newline])
        let headerless = try Data(text[text.index(after: newline)...].utf8)
        let first = try Self.states(of: [parts[0]], options)[0]
        let second = directory.appendingPathComponent("stdin.state").path
        let fromInput = try predeval(["-", "--no-header", "--columns", names] + options + ["--emit-state", second], standardInput: headerless)
        #expect(fromInput.status == 0, "\(fromInput.standardError)")
        let merged = try predeval(["merge", first, second, "--format", "json"])
        let whole = try predeval([fixture("ranking/digits_lr.csv"), "--format", "json"] + options)
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(Self.withoutFile(merged.standardOutput) == Self.withoutFile(whole.standardOutput))
    }

    @Test("a state written to standard output (--emit-state -) reads back from a file and from standard input")
    func standardStreams() throws {
        let emitted = try shell("$PREDEVAL '\(fixture("random_single_label.csv"))' --actual actual --predicted predicted --emit-state - | $PREDEVAL merge - --format json")
        let whole = try predeval([fixture("random_single_label.csv"), "--actual", "actual", "--predicted", "predicted", "--format", "json"])
        #expect(emitted.status == 0, "\(emitted.standardError)")
        #expect(Self.withoutFile(emitted.standardOutput) == Self.withoutFile(whole.standardOutput))
    }

    /// A state of the single-label fixture, its bytes.
    private static func stateBytes(_ extra: [String] = []) throws -> (path: String, bytes: [UInt8]) {
        let path = try temporaryFile("", suffix: ".state")
        let run = try predeval([fixture("random_single_label.csv"), "--actual", "actual", "--predicted", "predicted", "--emit-state", path] + extra)
        #expect(run.status == 0, "\(run.standardError)")
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// `bytes` with a valid envelope around `body` (magic, version, length, CRC-32).
    private static func envelope(_ body: [UInt8], version: UInt32 = 1) -> [UInt8] {
        var bytes = Array("PREDEVAL-STATE\n".utf8)
        bytes += withUnsafeBytes(of: version.bigEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt64(body.count).bigEndian, Array.init)
        bytes += body
        bytes += withUnsafeBytes(of: crc32(body).bigEndian, Array.init)
        return bytes
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }

    @Test("not a state, truncated, a changed byte, another version, a body that is no state's: exit 2 naming the file and why")
    func corruptStates() throws {
        let (good, bytes) = try Self.stateBytes()
        defer { try? FileManager.default.removeItem(atPath: good) }
        #expect(Array(bytes[27..<bytes.count - 4]).count == Int(bytes[19..<27].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }))
        #expect(Self.crc32(Array(bytes[27..<bytes.count - 4])) == bytes[(bytes.count - 4)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x10
        var versionTwo = bytes
        versionTwo[18] = 2
        let body = Array(bytes[27..<bytes.count - 4])
        var wrongType = body
        // The body's first key's value, made a float where text stands: a CBOR float64 of 0.
        if let index = wrongType.firstIndex(of: 0x64) { wrongType.replaceSubrange(index..<index + 1, with: [0xFB, 0, 0, 0, 0, 0, 0, 0, 0]) }
        let cases: [([UInt8], String)] = [
            (Array("actual,predicted\na,b\n".utf8), "not a predeval state"),
            (Array(bytes.prefix(bytes.count - 10)), "the state is truncated: \(bytes.count - 10) of its \(bytes.count) bytes"),
            (Array(bytes.prefix(20)), "the state is truncated"),
            (flipped, "the state is corrupt: its checksum does not match its bytes"),
            (versionTwo, "a state of format version 2; this build reads version 1"),
            (bytes + [0], "the state is corrupt: 1 bytes follow the checksum"),
            (Self.envelope([0xA0]), "the state is corrupt: no file"),
            (Self.envelope([0x9F, 0xFF]), "the state is corrupt: the body is not CBOR as states write it"),
            (Self.envelope(Array(body.prefix(body.count / 2))), "the state is corrupt: the body is not CBOR as states write it (truncated"),
            (Self.envelope(wrongType), "the state is corrupt:"),
            (Self.envelope(Array(repeating: 0x81, count: 200) + [0]), "the state is corrupt: the body is not CBOR as states write it (tooDeep"),
        ]
        for (content, message) in cases {
            let path = try temporaryFile("", suffix: ".state")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try Data(content).write(to: URL(fileURLWithPath: path))
            let run = try predeval(["merge", good, path])
            #expect(run.status == 2 && run.standardOutput.isEmpty, "\(message): \(run.standardError)")
            #expect(run.standardError.contains("predeval: error: \(path): \(message)"), "\(run.standardError)")
        }
    }

    @Test("states counted otherwise (mode, labels, label type, columns, bootstrap, slicing): exit 2 naming both states and what differs")
    func mismatchedStates() throws {
        let (base, _) = try Self.stateBytes()
        defer { try? FileManager.default.removeItem(atPath: base) }
        for (extra, what) in [
            (["--labels", "cat,dog"], "the label lists differ"),
            (["--label-type", "text"], "the label types differ"),
            (["--group-by", "predicted"], "the group columns differ"),
            (["--zero-division", "0", "--missing-prediction", "skip"], "the counting options"),
            (["--ci", "0.9", "--bootstrap", "20"], "the bootstraps (replicates, seed) differ"),
        ] {
            let (other, _) = try Self.stateBytes(extra)
            defer { try? FileManager.default.removeItem(atPath: other) }
            let run = try predeval(["merge", base, other])
            #expect(run.status == 2 && run.standardError.contains("\(other): the state cannot be merged with \(base): \(what)"), "\(extra): \(run.standardError)")
        }
        let multi = try temporaryFile("", suffix: ".state")
        defer { try? FileManager.default.removeItem(atPath: multi) }
        #expect(try predeval([fixture("random_multi_label.csv"), "--multi-label", "--actual", "y_true", "--predicted", "y_pred", "--emit-state", multi]).status == 0)
        let modes = try predeval(["merge", base, multi])
        #expect(modes.status == 2 && modes.standardError.contains("the modes (single- or multi-label, the label separator) differ"), "\(modes.standardError)")
        let otherColumns = try temporaryFile("", suffix: ".state")
        defer { try? FileManager.default.removeItem(atPath: otherColumns) }
        let columns = try temporaryFile("row,actual,predicted\n0,gnu,dog\n")
        defer { try? FileManager.default.removeItem(atPath: columns) }
        #expect(try predeval([columns, "--actual", "actual", "--predicted", "predicted", "--emit-state", otherColumns]).status == 0)
        let layouts = try predeval(["merge", base, otherColumns])
        #expect(layouts.status == 2 && layouts.standardError.contains("the files' columns (header, positions or delimiter) differ"), "\(layouts.standardError)")
    }

    @Test("--ci parts keyed by row offsets, --emit-state with --truth, several files or --output: refused with exit 2")
    func refusals() throws {
        let (first, _) = try Self.stateBytes(["--ci", "0.9", "--bootstrap", "20"])
        defer { try? FileManager.default.removeItem(atPath: first) }
        let offsets = try predeval(["merge", first, first])
        #expect(offsets.status == 2 && offsets.standardError.contains("the rows' bootstrap keys"), "\(offsets.standardError)")
        #expect(try predeval(["merge", first]).status == 0)
        for (arguments, message) in [
            (
                [fixture("batch/submission.csv"), "--truth", fixture("batch/truth.csv"), "--id", "id", "--emit-state", "x.state"],
                "--emit-state cannot be given with --truth"
            ),
            ([fixture("random_single_label.csv"), fixture("random_single_label.csv"), "--emit-state", "x.state"], "--emit-state takes one file"),
            ([fixture("random_single_label.csv"), "--emit-state", "x.state", "--output", "y.json"], "give it without --output"),
            (["merge"], "Missing expected argument '<states> ...'\nRun 'predeval merge --help'"),
            (["merge", fixture("random_single_label.csv") + ".missing"], "cannot open the file"),
        ] {
            let run = try predeval(arguments)
            #expect(run.status == 2 && run.standardError.contains(message), "\(arguments): \(run.standardError)")
        }
        // merge --output onto one of its states is refused before anything is read or written.
        let overwrite = try predeval(["merge", first, "--output", first])
        #expect(overwrite.status == 2 && overwrite.standardError.contains("refusing to overwrite it"))
    }

    @Test("a state's size grows with labels and distinct scores, not with rows")
    func sizeIndependentOfRows() throws {
        var text = "actual,predicted\n"
        for row in 0..<1000 { text += "c\(row % 7),c\((row * 3) % 7)\n" }
        let small = try temporaryFile(text)
        let large = try temporaryFile(text + String(repeating: String(text.dropFirst("actual,predicted\n".count)), count: 50))
        defer {
            try? FileManager.default.removeItem(atPath: small)
            try? FileManager.default.removeItem(atPath: large)
        }
        var sizes: [Int] = []
        for file in [small, large] {
            let state = file + ".state"
            defer { try? FileManager.default.removeItem(atPath: state) }
            #expect(try predeval([file, "--emit-state", state]).status == 0)
            sizes.append(try FileManager.default.attributesOfItem(atPath: state)[.size] as! Int)
        }
        // 51 times the rows: only the counts' digits grow (a few bytes), and the file name.
        #expect(sizes[1] - sizes[0] < 64, "\(sizes)")
    }
}

/// SplitMix64: a seeded shuffle, the same on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

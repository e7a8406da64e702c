import Foundation
import PredEval
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A new empty directory in the temporary directory.
private func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-dir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// The names in `directory`.
private func names(in directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

@Suite("Nothing lost: the report is written whole or not at all, never over an input")
struct AtomicOutputTests {
    @Test("--output naming an input (a prediction file or the truth file) is refused before reading")
    func outputIsAnInput() throws {
        let directory = try temporaryDirectory()
        let predictions = directory.appendingPathComponent("preds.csv").path
        try Data("id,actual,predicted\n1,a,a\n2,b,a\n".utf8).write(to: URL(fileURLWithPath: predictions))
        let before = try Data(contentsOf: URL(fileURLWithPath: predictions))
        let same = try predeval([predictions, "--output", predictions])
        #expect(same.status == 2)
        #expect(same.standardError.hasPrefix("predeval: error: \(predictions): --output is the input file \(predictions); refusing"))
        // The same file by another name (a hard link) is the same file.
        let link = directory.appendingPathComponent("link.csv").path
        #expect(Glibc.link(predictions, link) == 0)
        #expect(try predeval([predictions, "--output", link]).status == 2)
        let truth = try predeval([predictions, "--truth", link, "--id", "id", "--output", predictions, "--format", "json"])
        #expect(truth.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: predictions)) == before)
        #expect(try names(in: directory) == ["link.csv", "preds.csv"])
    }

    @Test("a gate naming an absent label fails before the old report is replaced")
    func checksBeforeWriting() throws {
        let directory = try temporaryDirectory()
        let old = directory.appendingPathComponent("report.json")
        try Data("OLD\n".utf8).write(to: old)
        let run = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "f1:nosuchlabel=0.5", "--output", old.path])
        #expect(run.status == 2 && run.standardError.contains("the report has no label 'nosuchlabel'"))
        #expect(try String(contentsOf: old, encoding: .utf8) == "OLD\n")
        let gate = try predeval([fixture("sklearn_docstring.csv"), "--fail-under", "accuracy=0.9", "--output", old.path, "--format", "json"])
        #expect(gate.status == 1, "a failed gate still writes the report")
        #expect(try String(contentsOf: old, encoding: .utf8).hasPrefix("{\n  \"file\":"))
    }

    @Test("a file-size limit mid-write: an error with the system's reason, the old file whole, no temporary file")
    func fileSizeLimit() throws {
        let directory = try temporaryDirectory()
        let old = directory.appendingPathComponent("report.json")
        try Data("OLD\n".utf8).write(to: old)
        // dash counts ulimit -f in 512-byte blocks: the JSON of 200 rows and 8 labels is larger.
        let run = try shell("ulimit -f 1; \"$PREDEVAL\" '\(fixture("random_single_label.csv"))' --format json --output '\(old.path)'")
        #expect(run.status == 2)
        #expect(run.standardError == "predeval: error: \(old.path): cannot write the report: File too large\n")
        #expect(try String(contentsOf: old, encoding: .utf8) == "OLD\n")
        #expect(try names(in: directory) == ["report.json"])
    }

    @Test("a full filesystem mid-write (a small tmpfs, where mounting one is allowed): the old file whole, no temporary file")
    func fullDisk() throws {
        let script = """
            dir=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$dir" 2>/dev/null || { echo skipped; exit 0; }
            printf 'OLD\\n' > "$dir/report.json"
            dd if=/dev/zero of="$dir/fill" bs=4096 count=14 2>/dev/null
            "$PREDEVAL" '\(fixture("random_single_label.csv"))' --group-by actual --format json --output "$dir/report.json" 2>"$dir/../err-$$"
            echo "status $?"; cat "$dir/../err-$$"; cat "$dir/report.json"; ls -A "$dir"; umount "$dir"
            """
        let run = try shell(script)
        guard run.standardOutput != "skipped\n" else { return }  // no permission to mount: nothing to check here
        #expect(run.standardOutput.hasPrefix("status 2\npredeval: error: "))
        #expect(run.standardOutput.contains("/report.json: cannot write the report: No space left on device\nOLD\nfill\nreport.json\n"), "\(run.standardOutput)")
    }

    @Test("thirty runs writing one report at once leave one whole report, and no temporary file")
    func concurrentWriters() throws {
        let directory = try temporaryDirectory()
        let output = directory.appendingPathComponent("report.json").path
        let runs = try (0..<30).map { _ in
            try launchPredeval([fixture("random_multi_label.csv"), "--multi-label", "--format", "json", "--output", output])
        }
        for run in runs {
            run.waitUntilExit()
            #expect(run.terminationReason == .exit && run.terminationStatus == 0)
        }
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any]
        #expect(report?["mode"] as? String == "multi-label")
        #expect(try names(in: directory) == ["report.json"])
    }

    @Test("the report file gets a new file's mode, or keeps the mode of the one it replaces")
    func fileMode() throws {
        let directory = try temporaryDirectory()
        let fresh = directory.appendingPathComponent("fresh.txt").path
        #expect(try shell("umask 022; \"$PREDEVAL\" '\(fixture("sklearn_docstring.csv"))' --output '\(fresh)'").status == 0)
        let kept = directory.appendingPathComponent("kept.txt").path
        try Data("OLD\n".utf8).write(to: URL(fileURLWithPath: kept))
        chmod(kept, 0o600)
        #expect(try predeval([fixture("sklearn_docstring.csv"), "--output", kept]).status == 0)
        var status = stat()
        #expect(stat(fresh, &status) == 0 && status.st_mode & 0o777 == 0o644)
        #expect(stat(kept, &status) == 0 && status.st_mode & 0o777 == 0o600)
    }

    @Test("SIGINT and SIGTERM end with 130 and 143, the old report whole", arguments: [(SIGINT, 130), (SIGTERM, 143)] as [(Int32, Int32)])
    func signals(_ signalNumber: Int32, _ status: Int32) throws {
        let directory = try temporaryDirectory()
        let old = directory.appendingPathComponent("report.json").path
        try Data("OLD\n".utf8).write(to: URL(fileURLWithPath: old))
        let fifo = directory.appendingPathComponent("input").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try launchPredeval([fifo, "--output", old])
        // Opening the FIFO waits for predeval to open it; holding it open keeps predeval reading.
        let writer = open(fifo, O_WRONLY)
        #expect(writer >= 0)
        _ = "actual,predicted\na,a\n".withCString { Glibc.write(writer, $0, strlen($0)) }
        usleep(300_000)
        kill(run.processIdentifier, signalNumber)
        run.waitUntilExit()
        close(writer)
        #expect(run.terminationReason == .exit && run.terminationStatus == status)
        #expect(try String(contentsOf: URL(fileURLWithPath: old), encoding: .utf8) == "OLD\n")
        #expect(try names(in: directory) == ["input", "report.json"])
    }

    @Test("SIGTERM at any moment of a run, the write included: the old report or the new one, whole, and no temporary file")
    func signalAtAnyMoment() throws {
        let directory = try temporaryDirectory()
        // 1,000 labels: a 1,000 × 1,000 text matrix of some 4 MB from a 40 KB input, so that
        // rendering and writing take a good share of the run.
        let rows = (0..<1_000).map { "l\($0),l\(($0 * 7) % 1_000)" }
        let input = try temporaryFile((["actual,predicted"] + rows + rows).joined(separator: "\n") + "\n")
        let report = directory.appendingPathComponent("report.txt").path
        let start = Date()
        #expect(try predeval([input, "--confusion-matrix", "--output", report]).status == 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: report))
        let runTime = Date().timeIntervalSince(start)
        // Signals spread over the run (reading, counting, rendering), then signals sent the
        // moment the temporary file appears (writing it).
        var killedWhileWriting = 0
        for step in 0..<14 {
            try Data("OLD\n".utf8).write(to: URL(fileURLWithPath: report))
            let run = try launchPredeval([input, "--confusion-matrix", "--output", report])
            if step < 8 {
                usleep(useconds_t(runTime * Double(step) / 8 * 1_000_000))
            } else {
                while run.isRunning, try names(in: directory).count < 2 { sched_yield() }
            }
            kill(run.processIdentifier, SIGTERM)
            run.waitUntilExit()
            #expect(run.terminationReason == .exit)
            let found = try Data(contentsOf: URL(fileURLWithPath: report))
            // Compared as Bools: a failed == of two Data values of megabytes would have the test
            // runner compute their difference (minutes, under AddressSanitizer).
            let isNew = found == whole
            let isOld = found == Data("OLD\n".utf8)
            switch run.terminationStatus {
            case 0: #expect(isNew, "step \(step): exit 0 with \(found.count) bytes")
            case 143:
                #expect(isOld, "step \(step): exit 143 with \(found.count) bytes")
                if step >= 8 { killedWhileWriting += 1 }
            default: Issue.record("exit status \(run.terminationStatus)")
            }
            #expect(try names(in: directory) == ["report.txt"], "step \(step)")
        }
        #expect(killedWhileWriting > 0)
    }
}

/// Starts the built `predeval` with `arguments`, its output discarded.
private func launchPredeval(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtProgram("predeval"))
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    if let options = environment["PREDEVAL_CHILD_ASAN_OPTIONS"] { environment["ASAN_OPTIONS"] = options }
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

@Suite("Nothing crashes: no table is sized by a number from the command line or the file")
struct BoundedAllocationTests {
    @Test("column positions of any size: out of range, exit 2, never a signal", arguments: ["99999999999999999", "9223372036854775807", "300000000", "3"])
    func hugePositions(_ position: String) throws {
        let path = try temporaryFile("a,b\nx,y\n")
        for header in [["--no-header"], []] {
            let run = try predeval([path, "--actual", position] + header)
            #expect(run.status == 2)
            #expect(run.standardError.contains("--actual \(position) is out of range: rows have 2 fields"), "\(run.standardError)")
        }
    }

    @Test("a header of more than --max-columns cells is refused naming the limit; a wider limit reads it")
    func wideHeader() throws {
        let wide = try temporaryFile("actual,predicted" + String(repeating: ",", count: 100_000) + "\na,a" + String(repeating: ",", count: 100_000) + "\n")
        let run = try predeval([wide])
        #expect(run.status == 2)
        #expect(run.standardError == "predeval: error: \(wide):1: the header has more than 100000 columns, the most predeval reads (--max-columns raises the limit)\n")
        let noHeader = try predeval([wide, "--no-header"])
        #expect(noHeader.standardError.contains(":1: the first row has more than 100000 columns"))
        let raised = try predeval([wide, "--max-columns", "100002", "--format", "json"])
        #expect(raised.status == 0 && raised.standardOutput.contains("\"rows\": 1,"))
    }
}

@Suite("Nothing injected: what reaches a terminal or a spreadsheet is escaped")
struct InjectionTests {
    /// A file whose labels hold escape sequences, a bell, a backspace, a carriage return, bidi and
    /// zero-width characters, and formulas.
    private func hostileLabels() throws -> String {
        let labels = ["\u{1B}]0;pwned\u{07}", "bs\u{08}cr\rx", "admin\u{202E}txt.exe", "a\u{200B}b", "=HYPERLINK(\"http://x\")", "+cmd", "@SUM(A1)", "-1"]
        let rows = labels.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\",\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
        return try temporaryFile((["actual,predicted"] + rows).joined(separator: "\n") + "\n")
    }

    @Test("text and Markdown escape control, bidi and zero-width characters in labels")
    func textAndMarkdown() throws {
        let path = try hostileLabels()
        for format in ["text", "markdown"] {
            let run = try predeval([path, "--format", format, "--confusion-matrix"])
            #expect(run.status == 0)
            for raw in ["\u{1B}", "\u{07}", "\u{08}", "\r", "\u{202E}", "\u{200B}"] {
                #expect(!run.standardOutput.contains(raw), "\(format): \(raw.unicodeScalars.first!.value)")
            }
            #expect(run.standardOutput.contains("u{1b}") && run.standardOutput.contains("0;pwned") && run.standardOutput.contains("u{202e}txt.exe"), "\(format)")
        }
    }

    @Test("CSV: formulas start with ' (numbers and --csv-raw exact); bytes exact in a file, escaped on a terminal")
    func csv() throws {
        let path = try hostileLabels()
        let guarded = try predeval([path, "--format", "csv"])
        #expect(guarded.standardOutput.contains("\n\"'=HYPERLINK(\"\"http://x\"\")\",1,"))
        #expect(guarded.standardOutput.contains("\n'+cmd,1,") && guarded.standardOutput.contains("\n'@SUM(A1),1,"))
        #expect(guarded.standardOutput.contains("\n-1,1,"))
        #expect(guarded.standardOutput.contains("\u{1B}]0;pwned\u{07}"), "a file or a pipe keeps the bytes")
        let raw = try predeval([path, "--format", "csv", "--csv-raw"])
        #expect(raw.standardOutput.contains("\n+cmd,1,") && raw.standardOutput.contains("\n@SUM(A1),1,"))
        // script(1) gives predeval a terminal; what it shows there comes back on script's output.
        let terminal = try shell("script -qec \"$PREDEVAL '\(path)' --format csv\" /dev/null")
        #expect(terminal.status == 0)
        #expect(!terminal.standardOutput.contains("\u{1B}]0;") && terminal.standardOutput.contains("\\u{1b}]0;pwned\\u{7}"))
    }

    @Test("a file name with a line break or an escape sequence cannot forge a message or drive the terminal")
    func fileNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let name = directory.appendingPathComponent("x\npredeval: error: forged\u{1B}[2J.csv").path
        try Data("actual,predicted\na,b\n".utf8).write(to: URL(fileURLWithPath: name))
        let text = try predeval([name])
        #expect(text.status == 0 && !text.standardOutput.contains("\n predeval: error: forged") && !text.standardOutput.contains("\u{1B}"))
        #expect(text.standardOutput.hasPrefix(directory.path + "/x\\u{a}predeval: error: forged\\u{1b}[2J.csv: single-label, 1 rows"))
        #expect(text.standardError.hasPrefix("predeval: warning: \(directory.path)/x\\u{a}predeval: error: forged\\u{1b}[2J.csv: precision"))
        #expect(text.standardError.split(separator: "\n").allSatisfy { $0.hasPrefix("predeval: warning: ") })
        let missing = try predeval([name, "--actual", "nope"])
        #expect(missing.standardError.hasPrefix("predeval: error: \(directory.path)/x\\u{a}predeval: error: forged\\u{1b}[2J.csv:1: no column 'nope'"))
    }

    @Test("a 1 MiB label among 500 classes: text tables cut it at --max-label-width, JSON keeps it whole, warnings quote 200 bytes")
    func longLabel() throws {
        let long = String(repeating: "L", count: 1 << 20)
        let rows = (0..<500).map { "c\($0),c\(($0 + 1) % 500)" } + ["\(long),c0"]
        let path = try temporaryFile((["actual,predicted"] + rows).joined(separator: "\n") + "\n")
        let text = try predeval([path])
        #expect(text.status == 0)
        #expect(text.standardOutput.utf8.count < 100_000, "\(text.standardOutput.utf8.count) bytes")
        #expect(text.standardOutput.contains("\n" + String(repeating: "L", count: 59) + "…  "))
        #expect(text.standardError.utf8.count < 2_000 && text.standardError.contains(String(repeating: "L", count: 200) + "…'"))
        let wide = try predeval([path, "--max-label-width", "100"])
        #expect(wide.standardOutput.contains("\n" + String(repeating: "L", count: 99) + "…  "))
        let json = try predeval([path, "--format", "json"])
        #expect(json.standardOutput.contains("\"" + long + "\""))
    }
}

@Suite("--lenient-quotes never swallows rows")
struct LenientQuoteTests {
    @Test("text after a closing quote stays in its field, to the delimiter; every row is read (as Python's csv module reads them)")
    func textAfterClosingQuote() throws {
        let path = try temporaryFile("actual,predicted\n\"x\"y,b\na,a\nb,b\nc,c\nd,d\ne,e\n")
        let run = try predeval([path, "--lenient-quotes", "--format", "json"])
        #expect(run.status == 0, "\(run.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        #expect(report["rows"] as? Int == 6 && report["skipped_rows"] as? Int == 0)
        #expect(report["labels"] as? [String] == ["a", "b", "c", "d", "e", "xy"])
    }

    @Test("a quote in an unquoted field is a character; blanks and quotes after a closing quote too", arguments: [
        ("5\" screen,5\" screen", ["5\" screen", "5\" screen"]),
        ("\"x\" y,b", ["x y", "b"]),
        ("\"x\"y\"z\",b", ["xy\"z\"", "b"]),
        ("a\"\"b,c", ["a\"\"b", "c"]),
        ("\"a\nb\"c,d", ["a\nbc", "d"]),
    ])
    func fields(_ row: String, _ expected: [String]) throws {
        let path = try temporaryFile("actual,predicted\n\(row)\nz,z\n")
        let run = try predeval([path, "--lenient-quotes", "--format", "csv", "--csv-raw"])
        #expect(run.status == 0, "\(run.standardError)")
        let json = try predeval([path, "--lenient-quotes", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(report["rows"] as? Int == 2)
        #expect(Set(report["labels"] as? [String] ?? []) == Set(expected + ["z"]))
    }

    @Test("a field that opened with a quote, took text after it and held line breaks: the same lines at every read size and in parts")
    func lineBreaksInLenientField() throws {
        var text = "actual,predicted\n"
        for row in 0..<60 { text += row % 5 == 0 ? "\"a\nb\"c,x\n" : "a,a\n" }
        text += "bad\n"
        let path = try temporaryFile(text)
        var messages: Set<String> = []
        for (readSize, threads) in [(1 << 20, 1), (4, 1), (7, 1), (64, 1), (64, 3), (5, 2)] {
            var options = EvaluationOptions()
            options.lenientQuotes = true
            options.readSize = readSize
            options.threads = threads
            options.minimumPartBytes = 1
            let error = #expect(throws: EvaluationError.self) { try Evaluator(options).evaluate(file: path) }
            messages.insert(error?.description ?? "none")
        }
        // 12 rows of 2 lines, 48 of 1, after the header: the bad row is on line 1 + 24 + 48 + 1.
        #expect(messages == ["\(path):74: expected 2 fields, found 1 (use options.skipBadRows to skip such rows)"], "\(messages)")
    }

    @Test("a 2,102-row file with stray quotes every other row: every row read, in one pass and in parts")
    func longFile() throws {
        var text = "actual,predicted\n"
        for row in 0..<2_102 { text += row % 2 == 0 ? "\"q\(row % 7)\"x,q\n" : "a,a\n" }
        let path = try temporaryFile(text)
        for threads in ["1", "2", "3"] {
            let run = try predeval([path, "--lenient-quotes", "--format", "json", "--threads", threads])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
            #expect(report["rows"] as? Int == 2_102, "\(threads) threads")
        }
        #expect(try predeval([path]).standardError.contains(":2: misplaced quote"))
    }
}

/// The peak resident memory, in bytes, of one `predeval` run with `arguments` (by Python's
/// resource module); nil where Python is missing or the binary is built with AddressSanitizer,
/// whose shadow memory is no measure of predeval's.
private func peakMemory(_ arguments: [String]) throws -> Int? {
    guard ProcessInfo.processInfo.environment["PREDEVAL_CHILD_ASAN_OPTIONS"] == nil,
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    else { return nil }
    let script = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        + "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)"
    let run = try run("/usr/bin/python3", ["-c", script, builtProgram("predeval")] + arguments)
    return Int(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
}

@Suite("Memory follows what is seen: slices hold only their own labels")
struct SliceMemoryTests {
    @Test("20,000 labels in 10,000 one-row slices: every slice scored, in little memory (it took about 5 GB)", arguments: [false, true])
    func manyLabelsManySlices(_ multiLabel: Bool) throws {
        var text = "group,actual,predicted\n"
        for row in 0..<20_000 { text += "g\(row % 10_000),l\(row)\(multiLabel ? "|x" : ""),l\((row * 7) % 20_000)\n" }
        let path = try temporaryFile(text)
        let arguments = [path, "--group-by", "group", "--format", "json"] + (multiLabel ? ["--multi-label"] : [])
        let run = try predeval(arguments)
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.count == 10_000 && groups.allSatisfy { ($0["rows"] as? Int) == 2 })
        if let peak = try peakMemory(arguments) { #expect(peak < 300 << 20, "\(peak >> 20) MB") }
    }

    @Test("100 slices of 1,000 labels: the slices' matrices hold at most 1,048,576 cells in all, with a warning")
    func sliceMatrices() throws {
        var text = "group,actual,predicted\n"
        for group in 0..<100 { for label in 0..<1_000 { text += "g\(group),l\(label),l\((label + group) % 1_000)\n" } }
        let path = try temporaryFile(text)
        let run = try predeval([path, "--group-by", "group", "--format", "json"])
        #expect(run.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        let withMatrix = groups.filter { $0["confusion_matrix"] is [[Int]] }
        #expect(withMatrix.count == 1 && groups.count == 100)
        #expect((report["confusion_matrix"] as? [[Int]])?.count == 1_000, "the whole file keeps its matrix")
        #expect((report["warnings"] as? [String])?.contains("the confusion matrices of 99 slices are left out: the slices' matrices together hold at most 1048576 cells") == true)
        #expect(run.standardOutput.utf8.count < 40 << 20, "\(run.standardOutput.utf8.count) bytes (it was 318 MB)")
    }

    @Test("more than 10,000 group values with 256 labels: refused before memory grows")
    func refusedEarly() throws {
        var text = "group,actual,predicted\n"
        for row in 0..<10_001 { text += "g\(row),l\(row % 256),l\((row * 3) % 256)\n" }
        let path = try temporaryFile(text)
        let run = try predeval([path, "--group-by", "group"])
        #expect(run.status == 2 && run.standardError.contains("has more than 10000 distinct values"))
        if let peak = try peakMemory([path, "--group-by", "group"]) { #expect(peak < 300 << 20, "\(peak >> 20) MB") }
    }
}

@Suite("File names as bytes")
struct FileNameTests {
    @Test("a file name that is not UTF-8 is read, written to, and shown escaped")
    func notUTF8() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("predeval-bytes-\(UUID().uuidString)").path
        let run = try shell("""
            mkdir '\(directory)' && cd '\(directory)' && printf 'actual,predicted\\na,a\\nb,a\\n' > "$(printf 'caf\\351.csv')" \
            && "$PREDEVAL" "$(printf 'caf\\351.csv')" --output "$(printf 'r\\377.txt')" && cat "$(printf 'r\\377.txt')"
            """)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("caf\\x{e9}.csv: single-label, 2 rows, 2 labels"))
        #expect(run.standardError.hasPrefix("predeval: warning: caf\\x{e9}.csv: "))
    }

    @Test("names round-trip: UTF-8 as it is, other bytes one private-use scalar each")
    func roundTrip() {
        let samples: [[UInt8]] = [Array("plain.csv".utf8), Array("日本.csv".utf8), [0x63, 0xE9, 0x2E], [0xFF, 0xFE], [0xE6, 0x97], [0xC0, 0x80], [0xED, 0xA0, 0x80]]
        for bytes in samples {
            let name = FileName.decoding(bytes)
            #expect(FileName.systemBytes(name).dropLast().map { UInt8(bitPattern: $0) } == bytes, "\(bytes)")
        }
        #expect(FileName.decoding(Array("日本.csv".utf8)) == "日本.csv")
        #expect(TerminalText.escaped(FileName.decoding([0x63, 0xE9])) == "c\\x{e9}")
    }
}

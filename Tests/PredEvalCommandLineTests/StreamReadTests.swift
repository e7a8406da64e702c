import Foundation
import PredEval
import PredEvalCommandLine
import Testing

/// What one evaluation ended in, with the file's name taken out (a compressed copy has another).
private enum Outcome: Equatable {
    case report(String)
    case failure(String)
}

/// Evaluates `arguments` in the engine with `threads` and blocks (parts) of `blockBytes`, the
/// name `path` replaced by `FILE` in the JSON report or the message.
private func outcome(_ arguments: [String], path: String, threads: Int, blockBytes: Int = 1) -> Outcome {
    do {
        let reports = try evaluate(arguments + ["--threads", String(threads)], minimumPartBytes: blockBytes)
        return .report(reports.map { $0.json() }.joined().replacingOccurrences(of: path, with: "FILE"))
    } catch {
        return .failure(error.description.replacingOccurrences(of: path, with: "FILE"))
    }
}

/// Writes `data` through `command` (a filter such as `gzip -c`, run by the shell) into a new
/// temporary file and returns its path.
private func filtered(_ path: String, through command: String, suffix: String) throws -> String {
    let output = try temporaryFile("", suffix: suffix)
    let run = try shell("\(command) < '\(path)' > '\(output)'")
    #expect(run.status == 0, "\(command): \(run.standardError)")
    return output
}

/// The filters the tests compress or transcode with: the real programs.
private let filters = [("gzip -c", ".gz"), ("zstd -q -c", ".zst"), ("iconv -f UTF-8 -t UTF-16", ".u16.csv")]

@Suite("gzip, zstd and UTF-16 input, and standard input, read in blocks on several threads")
struct StreamReadTests {
    @Test("every fixture and case, gzip-compressed: the report or error of the plain file, 1 to 7 threads, tiny blocks",
        arguments: try ExpectedCase.all())
    func gzipSameAsPlain(_ expected: ExpectedCase) throws {
        let plainPath = fixture(expected.fixture)
        let plain = outcome([plainPath] + expected.arguments, path: plainPath, threads: 1)
        let compressed = try filtered(plainPath, through: "gzip -c", suffix: ".gz")
        for threads in [1, 2, 3, 7] {
            #expect(outcome([compressed] + expected.arguments, path: compressed, threads: threads) == plain, "\(threads) threads")
        }
    }

    @Test("quoted fields with line breaks across blocks, fields longer than a block can grow, LF and CRLF, bad rows")
    func quotedLineBreaksAcrossBlocks() throws {
        for (lineEnd, mark) in [("\n", ""), ("\r\n", "\u{FEFF}")] {
            var text = "\(mark)id,note,actual,predicted\(lineEnd)"
            for row in 0..<300 {
                let note: String
                switch row % 4 {
                case 0: note = "\"a\(lineEnd)b,\"\"q\"\"\(lineEnd)\(lineEnd)c\""
                case 1: note = "\"\""
                case 2 where row % 50 == 2: note = "\"" + String(repeating: "long\(lineEnd)", count: 200) + "\""
                default: note = "plain"
                }
                let actual = row % 7 == 0 ? "\"cat\(lineEnd)x\"" : ["cat", "dog", "bird"][row % 3]
                text += "\(row),\(note),\(actual),\(["cat", "dog", "bird", "fish"][(row * 5) % 4])\(lineEnd)"
                if row == 250 { text += "\(row),too,many,fields,here\(lineEnd)" }
            }
            let plainPath = try temporaryFile(text)
            for options in [[], ["--skip-bad-rows"], ["--skip-bad-rows", "--lenient-quotes"]] {
                let plain = outcome([plainPath] + options, path: plainPath, threads: 1)
                for (command, suffix) in filters {
                    let path = try filtered(plainPath, through: command, suffix: suffix)
                    for (threads, blockBytes) in [(1, 1), (2, 1), (3, 64), (5, 1000)] {
                        #expect(
                            outcome([path] + options, path: path, threads: threads, blockBytes: blockBytes) == plain,
                            "\(command), \(threads) threads, blocks of \(blockBytes), \(options)")
                    }
                }
            }
        }
    }

    @Test("an error deep in a compressed file names the line a plain read names")
    func errorLine() throws {
        var text = "actual,predicted\n"
        for row in 0..<3000 { text += row == 2500 ? "cat,dog,extra\n" : (row % 9 == 0 ? "cat,\"d\ng\"\n" : "cat,dog\n") }
        let plainPath = try temporaryFile(text)
        let plain = outcome([plainPath], path: plainPath, threads: 1)
        guard case .failure(let message) = plain else {
            Issue.record("expected an error, got \(plain)")
            return
        }
        #expect(message.hasPrefix("FILE:2780: expected 2 fields, found 3"), "\(message)")
        for (command, suffix) in filters {
            let path = try filtered(plainPath, through: command, suffix: suffix)
            for threads in [1, 2, 4] { #expect(outcome([path], path: path, threads: threads, blockBytes: 256) == plain, "\(command)") }
        }
    }

    @Test("through a pipe in tiny blocks: refusals, sniffing and errors look at the start a file read looks at")
    func pipedStart() throws {
        let texts = [
            String(repeating: "\u{1}", count: 4096),
            "",
            "\n\n",
            "actual;predicted\n" + String(repeating: "a;b\n", count: 300),
            "actual,predicted\n\"a,b\n",
            String(repeating: "x", count: 3000) + ",y\na,b\n",
        ]
        for text in texts {
            let path = try temporaryFile(text)
            let plain = outcome([path], path: path, threads: 1)
            let pipe = Pipe()
            try pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
            try pipe.fileHandleForWriting.close()
            let piped = "/proc/self/fd/\(pipe.fileHandleForReading.fileDescriptor)"
            #expect(outcome([piped], path: piped, threads: 3) == plain, "\(text.prefix(40))")
            try pipe.fileHandleForReading.close()
        }
    }

    @Test("standard input, piped: the same report as the file, whatever the threads")
    func standardInput() throws {
        let path = fixture("random_multi_label.csv")
        let file = try predeval([path, "--multi-label", "-f", "json"])
        for threads in ["1", "2"] {
            let piped = try shell("cat '\(path)' | \"$PREDEVAL\" - --multi-label -f json --threads \(threads)")
            #expect(piped.status == 0, "\(piped.standardError)")
            #expect(piped.standardOutput == file.standardOutput.replacingOccurrences(of: path, with: "-"))
            let gzipped = try shell("gzip -c '\(path)' | \"$PREDEVAL\" - --multi-label -f json --threads \(threads)")
            #expect(gzipped.standardOutput == piped.standardOutput, "\(gzipped.standardError)")
        }
    }
}

@Suite("Files written by pandas, R, Excel, HuggingFace and Kaggle, then gzip, zstd or iconv -t UTF-16: scikit-learn's numbers")
struct CompressedRealFileTests {
    @Test("each real file through each real tool", arguments: try OutputCase.realFiles())
    func matchesScikitLearn(_ expected: OutputCase) throws {
        for (command, suffix) in filters {
            let arguments = try expected.arguments.map { argument in
                guard argument.hasPrefix("files_as_they_come/") && argument.hasSuffix(".csv") else { return argument }
                return try filtered(fixture(argument), through: command, suffix: suffix)
            }
            let run = try predeval(arguments + ["--format", "json"])
            #expect(run.status == 0, "\(command): \(run.standardError)")
            let found = differences(
                try JSONSerialization.jsonObject(with: expected.expectedJSON),
                try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)))
            #expect(found.isEmpty, "\(command): \(found.prefix(10).joined(separator: "\n"))")
        }
    }
}

@Suite("Compressed and UTF-16 input that is broken: the file, the line, exit 2")
struct BrokenEncodedInputTests {
    private let csv = "id,actual,predicted\n" + (0..<4000).map { "\($0 * 7919 % 10007),\(["cat", "dog"][$0 % 2]),cat\n" }.joined()

    /// A shell command that overwrites 8 bytes in the middle of `file` (its length kept).
    private func overwrite(_ file: String) -> String {
        "printf '\\377\\000\\377\\000\\377\\000\\377\\000' | dd of=\"\(file)\" bs=1 seek=3000 conv=notrunc 2>/dev/null"
    }

    /// Runs `script` in the shell; `$CSV` is a file holding `csv`.
    private func shellRun(_ script: String) throws -> PredevalRun {
        let path = try temporaryFile(csv)
        return try shell("CSV='\(path)'; \(script)")
    }

    @Test("cut short, corrupt, garbage after the data, a lone surrogate, UTF-32: each named, exit 2")
    func refusals() throws {
        let cases: [(script: String, says: String)] = [
            ("gzip -c \"$CSV\" | head -c 2000 > \"$CSV.gz\"; \"$PREDEVAL\" \"$CSV.gz\"", "the gzip data ends early: the file is cut short"),
            ("gzip -c \"$CSV\" | head -c 2000 | \"$PREDEVAL\" -", "-:"),
            ("zstd -q -c \"$CSV\" | head -c 300 > \"$CSV.zst\"; \"$PREDEVAL\" \"$CSV.zst\"", "the zstd data ends early"),
            ("gzip -c \"$CSV\" > \"$CSV.gz\"; printf 'junk' >> \"$CSV.gz\"; \"$PREDEVAL\" \"$CSV.gz\"",
                "the gzip data is corrupt: the bytes after the gzip data (at compressed byte"),
            ("gzip -c \"$CSV\" > \"$CSV.gz\"; \(overwrite("$CSV.gz")); \"$PREDEVAL\" \"$CSV.gz\"", "the gzip data is corrupt: "),
            ("zstd -q -c \"$CSV\" > \"$CSV.zst\"; \(overwrite("$CSV.zst")); \"$PREDEVAL\" \"$CSV.zst\"", "the zstd data is corrupt: "),
            ("{ printf '\\377\\376'; printf 'actual,predicted\\n' | iconv -t UTF-16LE; printf '\\000\\330x\\000\\n\\000'; } > \"$CSV.u16\"; "
                + "\"$PREDEVAL\" \"$CSV.u16\"", ":2: the UTF-16 text is corrupt: the bytes at 36 are no UTF-16 character"),
            ("iconv -f UTF-8 -t UTF-32 \"$CSV\" > \"$CSV.u32\"; \"$PREDEVAL\" \"$CSV.u32\"", "is UTF-32 text, which predeval does not read"),
        ]
        for (script, says) in cases {
            let run = try shellRun(script)
            #expect(run.status == 2, "\(script): \(run.standardError)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains(says), "\(script): \(run.standardError)")
            #expect(run.standardError.hasPrefix("predeval: error: "), "\(run.standardError)")
        }
    }

    @Test("UTF-16 of 3-byte characters over several blocks: a block's last few bytes, too few for a character, do not stall")
    func utf16WiderThanRoom() throws {
        let run = try shell(
            "f=$(mktemp --suffix=.csv); { echo actual,predicted; yes '日本,日本' | head -200000; } | iconv -f UTF-8 -t UTF-16 > \"$f\"; "
                + "timeout 120 \"$PREDEVAL\" \"$f\" -f csv; status=$?; rm -f \"$f\"; exit $status")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("日本,200000,0,0,200000,200000,1.0,1.0,1.0"), "\(run.standardOutput)")
    }

    @Test("gzip members one after another and zero padding after the last are read as gzip(1) reads them")
    func membersAndPadding() throws {
        let run = try shellRun(
            "{ gzip -c \"$CSV\"; printf '9,cat,dog\\n' | gzip -c; head -c 512 /dev/zero; } > \"$CSV.gz\"; \"$PREDEVAL\" \"$CSV.gz\" -f json")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("\"rows\": 4001"), "\(run.standardOutput)")
    }
}

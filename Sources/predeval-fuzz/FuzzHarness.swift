import Foundation
import PredEval

/// Runs one input through the whole path — bytes, reader, counts, metrics, JSON and text — twice,
/// with a large and a small read size, and stops the process (a crash to libFuzzer) when an
/// invariant breaks:
///
/// - the only error is `EvaluationError`, and its message names the file;
/// - every row read is counted or reported skipped (`FileEvaluation` checks it on every run);
/// - the JSON reads back to the very report it was written from;
/// - text, Markdown, CSV for a terminal and error messages hold no control, bidi or zero-width
///   character raw (labels cut to a few columns too);
/// - the read size changes nothing, nor does reading the file in three parts on three threads:
///   the same report, or the same error message;
/// - slicing by the actual column (`--group-by`) leaves the whole-file report as it was, its
///   slices hold every scored row, and three parts give the same slices as one pass;
/// - read as a model's output (score columns, a binary score, indicator columns or list cells,
///   one of them per input), three parts read in small chunks give what one pass gives;
/// - read through a pipe, as standard input is (in blocks cut at rows, on three threads), the
///   file gives what it gives as a file;
/// - with a bootstrap keyed by row offsets, one pass and three parts give the same intervals,
///   and beside them the report of a plain read.
enum FuzzHarness {
    /// What one evaluation ended in.
    enum Outcome: Equatable {
        case report(Report)
        case failure(message: String)
    }

    /// Checks one input; `scratch` is the file it is written to.
    static func check(_ input: UnsafeRawBufferPointer, scratch: borrowing ScratchFile) {
        let fuzzCase = FuzzCase(input)
        scratch.replaceContents(with: fuzzCase.file)
        let whole = outcome(of: scratch.path, fuzzCase.options(readSize: 1 << 16), checksRendering: false)
        let cut = outcome(of: scratch.path, fuzzCase.options(readSize: fuzzCase.smallChunkSize), checksRendering: false)
        guard whole == cut else {
            fatalError("reading \(fuzzCase.smallChunkSize) bytes at a time changed the outcome:\n\(whole)\nversus\n\(cut)")
        }
        let split = outcome(
            of: scratch.path, fuzzCase.options(readSize: fuzzCase.smallChunkSize, threads: 3), checksRendering: false)
        guard whole == split else {
            fatalError("reading in three parts changed the outcome:\n\(whole)\nversus\n\(split)")
        }
        checkSlices(fuzzCase, scratch.path, against: whole)
        checkModelOutput(fuzzCase, scratch.path)
        checkPiped(fuzzCase, scratch.path, against: whole)
        checkBootstrap(fuzzCase, scratch.path, against: whole)
        checkComparison(fuzzCase, scratch.path, against: whole)
    }

    // MARK: Private

    /// Slices the file by its actual-label column, in one pass and in three parts. The sliced
    /// report is the one whose rendering is checked: it holds the whole-file report, which must
    /// equal the plain one, and its slices.
    private static func checkSlices(_ fuzzCase: FuzzCase, _ path: String, against whole: Outcome) {
        var wholeOptions = fuzzCase.options(readSize: 1 << 16)
        wholeOptions.groupBy = fuzzCase.actualColumn
        var splitOptions = fuzzCase.options(readSize: fuzzCase.smallChunkSize, threads: 3)
        splitOptions.groupBy = fuzzCase.actualColumn
        let sliced = outcome(of: path, wholeOptions, checksRendering: true)
        let split = outcome(of: path, splitOptions, checksRendering: false)
        guard sliced == split else { fatalError("slices read in three parts differ:\n\(sliced)\nversus\n\(split)") }
        switch (whole, sliced) {
        case (.failure(let plain), .failure(let withSlices)):
            guard plain == withSlices else { fatalError("slicing changed the error: \(plain) versus \(withSlices)") }
        case (.report(let plain), .report(var withSlices)):
            guard let groups = withSlices.groups else { fatalError("a sliced report without groups") }
            withSlices.groups = nil
            guard withSlices == plain else { fatalError("slicing changed the whole-file report") }
            guard groups.reduce(0, { $0 + $1.report.rows }) == plain.rows else {
                fatalError("the slices do not hold every scored row")
            }
        default:
            fatalError("slicing changed the outcome:\n\(whole)\nversus\n\(sliced)")
        }
    }

    /// Reads the file as a model's output, the way `fuzzCase.modelOutput` picks, in one pass and
    /// in three parts of small chunks; inputs of odd length, or 4 past a multiple of 8, with
    /// bootstrap intervals (those of top-k accuracy, log loss and the ranking figures among them).
    private static func checkModelOutput(_ fuzzCase: FuzzCase, _ path: String) {
        var wholeOptions = fuzzCase.modelOutputOptions(readSize: 1 << 16)
        var splitOptions = fuzzCase.modelOutputOptions(readSize: fuzzCase.smallChunkSize, threads: 3)
        if fuzzCase.file.count % 2 == 1 || fuzzCase.file.count % 8 == 4 {
            wholeOptions.bootstrap = BootstrapOptions(level: 0.8, replicates: 4, seed: 1)
            splitOptions.bootstrap = wholeOptions.bootstrap
        }
        let whole = outcome(of: path, wholeOptions, checksRendering: true)
        let split = outcome(of: path, splitOptions, checksRendering: false)
        guard whole == split else { fatalError("a model output read in three parts differs:\n\(whole)\nversus\n\(split)") }
    }

    /// Reads the file with bootstrap intervals keyed by row offsets (the reader then parses line
    /// by line), in one pass and in three parts of small chunks: the same intervals, and beside
    /// them the report of a plain read.
    private static func checkBootstrap(_ fuzzCase: FuzzCase, _ path: String, against whole: Outcome) {
        var wholeOptions = fuzzCase.options(readSize: 1 << 16)
        wholeOptions.bootstrap = BootstrapOptions(level: 0.9, replicates: 5, seed: UInt64(fuzzCase.file.count))
        var splitOptions = fuzzCase.options(readSize: fuzzCase.smallChunkSize, threads: 3)
        splitOptions.bootstrap = wholeOptions.bootstrap
        let withIntervals = outcome(of: path, wholeOptions, checksRendering: true)
        let split = outcome(of: path, splitOptions, checksRendering: false)
        guard withIntervals == split else { fatalError("intervals read in three parts differ:\n\(withIntervals)\nversus\n\(split)") }
        switch (whole, withIntervals) {
        case (.failure(let plain), .failure(let bootstrapped)):
            guard plain == bootstrapped else { fatalError("the bootstrap changed the error: \(plain) versus \(bootstrapped)") }
        case (.report(let plain), .report(var bootstrapped)):
            bootstrapped.removeIntervals()
            guard bootstrapped == plain else { fatalError("the bootstrap changed the report:\n\(plain)\nversus\n\(bootstrapped)") }
        default:
            fatalError("the bootstrap changed the outcome:\n\(whole)\nversus\n\(withIntervals)")
        }
    }

    /// Compares a file (single- or multi-label) with itself, the candidate read in three parts:
    /// each file's report is the plain one, no row is discordant, every replicate's difference
    /// is 0 (no interval only when no replicate drew a row).
    private static func checkComparison(_ fuzzCase: FuzzCase, _ path: String, against whole: Outcome) {
        guard case .report(let plain) = whole else { return }
        var options = fuzzCase.options(readSize: fuzzCase.smallChunkSize, threads: 3)
        options.bootstrap = BootstrapOptions(level: 0.9, replicates: 5, seed: UInt64(fuzzCase.file.count))
        var reports: [Report] = []
        let comparison: ModelComparison
        do {
            comparison = try Evaluator(options).compare(baseline: path, candidates: [path], metric: .accuracy) {
                reports.append($0)
            }.comparisons[0]
        } catch {
            fatalError("a file that evaluates cannot be compared with itself: \(error)")
        }
        guard reports == [plain, plain] else { fatalError("compare read another report:\n\(plain)\nversus\n\(reports)") }
        let zero = Interval(low: 0, high: 0)
        guard comparison.mcnemar.b == 0, comparison.mcnemar.c == 0, comparison.pairedRows == plain.rows,
            comparison.difference == 0, comparison.differenceCI == zero || comparison.differenceCI == nil
        else { fatalError("a file compared with itself differs from itself: \(comparison)") }
    }

    /// Reads the file through a pipe in blocks on three threads: the outcome of the file, its
    /// name aside (wherever a message names it).
    private static func checkPiped(_ fuzzCase: FuzzCase, _ path: String, against whole: Outcome) {
        guard fuzzCase.file.count <= PipedBytes.capacity else { return }
        let piped = PipedBytes(fuzzCase.file)
        let streamed: Outcome
        switch outcome(of: piped.path, fuzzCase.options(readSize: fuzzCase.smallChunkSize, threads: 3), checksRendering: false) {
        case .report(var report):
            report.file = path
            streamed = .report(report)
        case .failure(let message):
            // The message may name the file more than once (a refusal's hint to convert it).
            streamed = .failure(message: message.replacingOccurrences(of: piped.path, with: path))
        }
        guard streamed == whole else { fatalError("read through a pipe, the outcome differs:\n\(whole)\nversus\n\(streamed)") }
    }

    /// Evaluates `path` with `options`; with `checksRendering`, also reads the report's JSON back
    /// and renders its text, Markdown, CSV and HTML.
    private static func outcome(of path: String, _ options: EvaluationOptions, checksRendering: Bool) -> Outcome {
        let report: Report
        do {
            report = try Evaluator(options).evaluate(file: path)
        } catch {
            return failure(error.description, file: path)
        }
        if checksRendering {
            checkRoundTrip(report.json(), of: report)
            checkTerminalSafe(TextReportRenderer(digits: 4, showsConfusionMatrix: true).render(report), "text")
            checkTerminalSafe(
                TextReportRenderer(digits: 2, showsConfusionMatrix: true, maximumLabelWidth: 3).render(report), "narrow text")
            checkTerminalSafe(MarkdownReportRenderer().render(report), "Markdown")
            checkTerminalSafe(
                CSVReportRenderer(escapesControlCharacters: true).render([report], withFileColumn: true), "CSV for a terminal")
            _ = CSVReportRenderer(guardsFormulas: false).render([report], withFileColumn: false)
            checkHTMLSafe(HTMLReportRenderer().render(report))
        }
        return .report(report)
    }

    /// Stops when text meant for a terminal holds a control, bidi or zero-width character other
    /// than its line breaks.
    private static func checkTerminalSafe(_ text: String, _ kind: String) {
        if let raw = text.unicodeScalars.first(where: { $0 != "\n" && TerminalText.mustEscape($0) }) {
            fatalError("\(kind) output holds U+\(String(raw.value, radix: 16)) raw:\n\(text)")
        }
    }

    /// Stops when an HTML page holds a raw control character or markup the file's text made:
    /// the page's own script must be its only one, no label may start an element, and no tag
    /// may hold a handler or a `javascript:` URL outside its quoted values (a label is text, or
    /// a quoted value, wherever it stands: `onerror=` as a label's text is harmless).
    private static func checkHTMLSafe(_ page: String) {
        checkTerminalSafe(page, "HTML")
        let bytes = Array(page.utf8)
        if occurrences(of: "<script", in: bytes) != 1 { fatalError("HTML output holds a script of the file's:\n\(page)") }
        let tags = tagsWithoutQuotedValues(bytes)
        for forbidden in ["<iframe", "<img", "<object", "<a ", "javascript:", "onerror="] where occurrences(of: forbidden, in: tags) > 0 {
            fatalError("HTML output holds \(forbidden) raw:\n\(page)")
        }
    }

    /// The page's tags, from `<` to `>`, each on a line, with their quoted attribute values left
    /// out: all of a page that markup is made of.
    private static func tagsWithoutQuotedValues(_ page: [UInt8]) -> [UInt8] {
        var tags: [UInt8] = []
        var inTag = false
        var quote: UInt8?
        for byte in page {
            if !inTag {
                guard byte == UInt8(ascii: "<") else { continue }
                inTag = true
                tags.append(byte)
            } else if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else {
                tags.append(byte)
                guard byte == UInt8(ascii: ">") else { continue }
                inTag = false
                tags.append(UInt8(ascii: "\n"))
            }
        }
        return tags
    }

    /// How many times `needle` occurs in `haystack` (memchr(3) for its first byte, memcmp(3) for
    /// the rest): Foundation's `contains` and `components(separatedBy:)` went through NSString
    /// and were half the harness's time.
    private static func occurrences(of needle: String, in haystack: [UInt8]) -> Int {
        let pattern = Array(needle.utf8)
        return haystack.withUnsafeBytes { text in
            pattern.withUnsafeBytes { pattern in
                guard let start = text.baseAddress, text.count >= pattern.count else { return 0 }
                let last = start + (text.count - pattern.count)
                var found = 0
                var position = start
                while position <= last,
                    let match = memchr(position, Int32(pattern[0]), position.distance(to: last) + 1)
                {
                    let candidate = UnsafeRawPointer(match)
                    if memcmp(candidate, pattern.baseAddress!, pattern.count) == 0 {
                        found += 1
                        position = candidate + pattern.count
                    } else {
                        position = candidate + 1
                    }
                }
                return found
            }
        }
    }

    private static func failure(_ message: String, file: String) -> Outcome {
        guard message.hasPrefix(file + ":") else { fatalError("an error message does not start with the file: \(message)") }
        checkTerminalSafe(message, "an error message")
        return .failure(message: message)
    }

    private static func checkRoundTrip(_ json: String, of report: Report) {
        let decoded: Report
        do {
            decoded = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        } catch {
            fatalError("the JSON report does not read back: \(error)\n\(json)")
        }
        guard decoded == report else { fatalError("the JSON report reads back different:\n\(json)") }
    }
}

extension Report {
    /// The report without its bootstrap intervals: what a read without `--ci` gives.
    fileprivate mutating func removeIntervals() {
        for index in classes.indices { classes[index].ci = nil }
        averages.micro.ci = nil
        averages.macro.ci = nil
        averages.weighted.ci = nil
        averages.samples?.ci = nil
        averages.binary?.ci = nil
        accuracyCI = nil
        statistics?.ci = nil
        statistics?.jaccard?.ci = nil
        topKAccuracy?.ci = nil
        logLossCI = nil
        switch ranking {
        case .binary(let rocAUC, let averagePrecision, _)?:
            ranking = .binary(rocAUC: rocAUC, averagePrecision: averagePrecision)
        case .averaged(var rocAUC, var averagePrecision)?:
            rocAUC.ci = nil
            averagePrecision.ci = nil
            ranking = .averaged(rocAUC: rocAUC, averagePrecision: averagePrecision)
        case nil:
            break
        }
        bootstrap = nil
    }
}

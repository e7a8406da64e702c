import PredEval

/// One fuzz input read as a predeval run: the first two bytes pick the options and the chunk size
/// of the second read, and the rest is the file.
///
/// First byte, bit by bit: 0 multi-label; 1 no header; 2 skip bad rows; 3–4 the delimiter
/// (`,` `;` tab `|`); 5–6 the zero-division mode; 7 `--labels a,b,c`. Second byte: bits 0–6 the
/// small chunk size less 4; bit 7 lenient quotes.
struct FuzzCase {
    /// The bytes of the file.
    let file: UnsafeRawBufferPointer
    let options: UInt8
    let lenientQuotes: Bool
    /// The chunk size of the second read, 4 to 131 bytes: small enough to cut rows and fields.
    let smallChunkSize: Int

    private static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
    private static let zeroDivisionModes: [ZeroDivision] = [.warn, .zero, .one, .nan]

    /// Splits an input into options and file; an input shorter than two bytes is all file with
    /// the default options.
    init(_ input: UnsafeRawBufferPointer) {
        if input.count >= 2 {
            options = input[0]
            smallChunkSize = 4 + Int(input[1] & 0x7F)
            lenientQuotes = input[1] & 0x80 != 0
            file = UnsafeRawBufferPointer(rebasing: input[2...])
        } else {
            options = 0
            smallChunkSize = 4
            lenientQuotes = false
            file = input
        }
    }

    /// This case's options, reading `readSize` bytes at a time, in as many parts as `threads`
    /// (however small the file).
    func options(readSize: Int, threads: Int = 1) -> EvaluationOptions {
        let delimiter = Self.delimiters[Int(options >> 3) & 3]
        var evaluation = EvaluationOptions()
        evaluation.hasHeader = options & 2 == 0
        evaluation.delimiter = delimiter
        if options & 1 != 0 { evaluation.mode = .multiLabel(separator: delimiter == UInt8(ascii: "|") ? ";" : "|") }
        evaluation.skipBadRows = options & 4 != 0
        evaluation.lenientQuotes = lenientQuotes
        evaluation.readSize = readSize
        evaluation.labels = options & 0x80 != 0 ? ["a", "b", "c"] : nil
        evaluation.zeroDivision = Self.zeroDivisionModes[Int(options >> 5) & 3]
        evaluation.threads = threads
        evaluation.minimumPartBytes = 1
        return evaluation
    }

    /// This case's options read as a model's output, one of four ways picked by the file's length:
    /// score columns 2–3 as the classes `a` and `b` (single-label: argmax and top-1; multi-label:
    /// cut at 0.5), a binary score in column 2 with positive label `a`, indicator columns 1–2
    /// against 2–3 (multi-label), or list cells (multi-label). Scores also draw curves of 2–4
    /// points, and one file in four of them has no memory for exact score histograms.
    func modelOutputOptions(readSize: Int, threads: Int = 1) -> EvaluationOptions {
        var evaluation = options(readSize: readSize, threads: threads)
        let separator = evaluation.delimiter == UInt8(ascii: "|") ? ";" : "|"
        switch file.count % 4 {
        case 0:
            evaluation.scores = .range(2...3)
            evaluation.scoreLabels = ["a", "b"]
            if evaluation.isMultiLabelMode { evaluation.threshold = .all(0.5) } else { evaluation.topK = 1 }
        case 1 where !evaluation.isMultiLabelMode:
            evaluation.score = .position(2)
            evaluation.positive = "a"
            evaluation.threshold = .all(0.5)
        case 1, 2:
            evaluation.mode = .multiLabel(separator: separator)
            evaluation.actualColumns = .range(1...2)
            evaluation.predictedColumns = .range(2...3)
        default:
            evaluation.mode = .multiLabel(separator: separator)
            evaluation.labelFormat = .list
        }
        if evaluation.scores != nil || evaluation.score != nil {
            evaluation.curvePoints = 2 + file.count % 3
            if file.count % 16 < 4 { evaluation.maximumScoreMemory = 0 }
        }
        return evaluation
    }

    /// The column of actual labels under these options: found by name, or column 1 without a header.
    var actualColumn: ColumnSelector {
        options & 2 == 0 ? .firstNamed(EvaluationOptions.defaultActualNames) : .position(1)
    }
}

extension EvaluationOptions {
    /// Whether the options read label sets.
    fileprivate var isMultiLabelMode: Bool {
        if case .multiLabel = mode { return true }
        return false
    }
}

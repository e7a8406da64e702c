import CSVStream
import Evaluation
import PredEvalCLI

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

    /// The evaluation of `path` with this case's options, reading `chunkSize` bytes at a time,
    /// in as many parts as `threads` (however small the file).
    func evaluation(of path: String, chunkSize: Int, threads: Int = 1) -> FileEvaluation {
        let multiLabel = options & 1 != 0
        let hasHeader = options & 2 == 0
        let delimiter = Self.delimiters[Int(options >> 3) & 3]
        let columns =
            hasHeader
            ? [
                RequestedColumn(.firstNamed(["actual", "y_true"]), option: "--actual"),
                RequestedColumn(.firstNamed(["predicted", "y_pred"]), option: "--predicted"),
            ]
            : [RequestedColumn(.position(1), option: "--actual"), RequestedColumn(.position(2), option: "--predicted")]
        let reader = CSVReaderConfiguration(
            dialect: CSVDialect(delimiter: delimiter), hasHeader: hasHeader, columns: columns,
            skipBadRows: options & 4 != 0, lenientQuotes: lenientQuotes, chunkSize: chunkSize)
        return FileEvaluation(
            file: path, reader: reader,
            multiLabelSeparator: multiLabel ? (delimiter == UInt8(ascii: "|") ? ";" : "|") : nil,
            listedLabels: options & 0x80 != 0 ? ["a", "b", "c"] : nil,
            zeroDivision: Self.zeroDivisionModes[Int(options >> 5) & 3], threads: threads, minimumPartBytes: 1)
    }
}

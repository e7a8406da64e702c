import PredEvalCSV

/// An evaluation's mergeable state: what counting one file (or one part of a dataset) gathered —
/// its labels by their bytes, every count the report is made of, its slices, its bootstrap
/// replicates and score histograms — with the options and columns it was counted under. The
/// states of any split of the rows merge (`Evaluator.merge(states:)`) into the report of one
/// pass over them all. Its size grows with labels, slices and distinct scores, never with rows.
///
/// `serialized` writes it as docs/state-format.md describes: magic bytes, the format version,
/// the body's length, a CBOR body, and the body's CRC-32.
public struct EvaluationState: Sendable {
    /// The format version this build writes, and the only one it reads.
    public static let formatVersion = 1

    /// The file counted, as the evaluation named it (`-` for standard input).
    public let file: String
    /// The options counting ran under.
    let options: EvaluationOptions
    /// Where the columns were: the header, the columns' positions, the delimiter.
    let layout: RowLayout
    /// Rows read and skipped.
    let summary: CSVReadSummary
    /// The counts.
    let tally: Tally

    /// The counts of either mode.
    enum Tally: Codable, Sendable {
        case singleLabel(SavedTally<SingleLabelRows>)
        case multiLabel(SavedTally<MultiLabelRows>)
    }

    /// A state of `file`'s rows.
    init(file: String, options: EvaluationOptions, layout: RowLayout, summary: CSVReadSummary, tally: Tally) {
        self.file = file
        self.options = options
        self.layout = layout
        self.summary = summary
        self.tally = tally
    }

    /// Rows read (skipped ones included).
    public var rowsRead: Int { summary.rowsRead }

    /// The state as a state file's bytes.
    public var serialized: [UInt8] {
        // Every value a state holds encodes: only a bug makes this fail.
        let body = try! StateEncoder.encode(Body(file: file, options: options, layout: layout, summary: summary, tally: tally)).encoded
        var bytes = Self.magic
        Self.appendBigEndian(UInt64(Self.formatVersion), byteCount: 4, to: &bytes)
        Self.appendBigEndian(UInt64(body.count), byteCount: 8, to: &bytes)
        bytes += body
        Self.appendBigEndian(UInt64(CRC32.checksum(body)), byteCount: 4, to: &bytes)
        return bytes
    }

    /// The state a state file's bytes hold.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes.
    ///   - path: the state file's path, for errors.
    /// - Throws: `EvaluationError` (`badState`) naming `path` and why: not a state, another
    ///   format version, truncated, a checksum that does not match, or a body that is no state's.
    public init(serialized bytes: [UInt8], path: String) throws(EvaluationError) {
        func failure(_ problem: EvaluationError.StateProblem) -> EvaluationError {
            EvaluationError(file: path, reason: .badState(problem))
        }
        let head = Self.magic.count + 12
        guard bytes.starts(with: Self.magic) else { throw failure(.notAState) }
        guard bytes.count >= head else { throw failure(.truncated(expected: head + 4, found: bytes.count)) }
        let version = Self.bigEndian(bytes, at: Self.magic.count, byteCount: 4)
        guard version == Self.formatVersion else { throw failure(.unsupportedVersion(Int(version))) }
        let bodyLength = Self.bigEndian(bytes, at: Self.magic.count + 4, byteCount: 8)
        let available = UInt64(bytes.count - head)
        guard bodyLength <= available, available - bodyLength >= 4 else {
            throw failure(.truncated(expected: bodyLength > UInt64(Int.max - head - 4) ? Int.max : head + Int(bodyLength) + 4, found: bytes.count))
        }
        let bodyEnd = head + Int(bodyLength)
        guard bytes.count == bodyEnd + 4 else { throw failure(.corrupt("\(bytes.count - bodyEnd - 4) bytes follow the checksum")) }
        let body = Array(bytes[head..<bodyEnd])
        guard CRC32.checksum(body) == UInt32(Self.bigEndian(bytes, at: bodyEnd, byteCount: 4)) else { throw failure(.checksumMismatch) }
        let decoded: Body
        do {
            decoded = try StateDecoder.decode(Body.self, from: try StateValue.decode(body))
        } catch let error as StateValueError {
            throw failure(.corrupt("the body is not CBOR as states write it (\(error))"))
        } catch let DecodingError.keyNotFound(key, context) {
            throw failure(.corrupt("no \(Self.path(context.codingPath + [key]))"))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context),
            let DecodingError.valueNotFound(_, context)
        {
            throw failure(.corrupt("\(Self.path(context.codingPath)): \(context.debugDescription)"))
        } catch {
            throw failure(.corrupt("\(error)"))
        }
        let countsAreMultiLabel = if case .multiLabel = decoded.tally { true } else { false }
        guard countsAreMultiLabel == decoded.options.isMultiLabel else { throw failure(.corrupt("the counts are not of the options' mode")) }
        self.init(file: decoded.file, options: decoded.options, layout: decoded.layout, summary: decoded.summary, tally: decoded.tally)
    }

    // MARK: Private

    /// What the CBOR body holds.
    private struct Body: Codable {
        var file: String
        var options: EvaluationOptions
        var layout: RowLayout
        var summary: CSVReadSummary
        var tally: Tally
    }

    /// The bytes a state file begins with.
    private static let magic = Array("PREDEVAL-STATE\n".utf8)

    private static func appendBigEndian(_ value: UInt64, byteCount: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (byteCount - 1) * 8, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, byteCount: Int) -> UInt64 {
        bytes[offset..<offset + byteCount].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// A coding path as `tally.singleLabel.counts.pairs`.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "the body" : codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

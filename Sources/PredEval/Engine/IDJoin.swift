import PredEvalCSV

/// The join of one prediction file to a truth table by id, as its rows stream past: which truth
/// row each prediction matches, which predictions have no truth (extra), and an id repeated in
/// the prediction file (a failure).
struct IDJoin: Sendable {
    /// The truth rows predictions are matched to.
    let truth: TruthTable
    /// The prediction file as the caller named it.
    let predictionFile: String
    /// For each truth row, the line of the prediction that matched it (0: none yet).
    private var matchedLine: [Int]
    /// Ids of predictions without truth, and the line each was on.
    private var extras = LabelInterner()
    private var extraLines: [Int] = []
    /// Predictions matched so far.
    private(set) var matched = 0
    /// Set when an id appears twice in the prediction file; counting stops there.
    private(set) var failure: EvaluationError?

    /// A join of `predictionFile` to `truth`, nothing matched yet.
    init(truth: TruthTable, predictionFile: String) {
        self.truth = truth
        self.predictionFile = predictionFile
        matchedLine = Array(repeating: 0, count: truth.count)
    }

    /// The truth row the prediction with id `id` on `line` matches, or nil if it has none (an
    /// extra prediction) or its id was seen before (then `failure` is set).
    @inline(__always)
    mutating func match(_ id: UnsafeRawBufferPointer, line: Int) -> Int? {
        guard truth.idsAreNumbers else { return match(spelled: id, line: line) }
        guard let canonical = NumericID.canonical(id) else {
            failure = EvaluationError(
                file: predictionFile, line: line, reason: .idNotANumber(String(decoding: id, as: UTF8.self), in: .predictions))
            return nil
        }
        return canonical.withUnsafeBytes { match(spelled: $0, line: line) }
    }

    /// The truth row of the prediction whose id is spelled `id` as the truth table spells ids.
    @inline(__always)
    private mutating func match(spelled id: UnsafeRawBufferPointer, line: Int) -> Int? {
        if let truthID = truth.ids.id(of: id) {
            let row = Int(truthID)
            guard matchedLine[row] == 0 else {
                repeatedID(id, line: line, firstLine: matchedLine[row])
                return nil
            }
            matchedLine[row] = line
            matched += 1
            return row
        }
        let extra = extras.intern(id)
        if Int(extra) < extraLines.count {
            repeatedID(id, line: line, firstLine: extraLines[Int(extra)])
        } else {
            extraLines.append(line)
        }
        return nil
    }

    /// Predictions whose id the truth file lacks.
    var extraCount: Int { extraLines.count }

    /// The audit of the join once the prediction file has been read.
    var audit: JoinAudit {
        let limit = JoinAudit.listedIDLimit
        let missingRows = matchedLine.indices.lazy.filter { matchedLine[$0] == 0 }
        return JoinAudit(
            matched: matched, missing: truth.count - matched, extra: extraCount,
            missingIDs: missingRows.prefix(limit).map { truth.ids.label(Int32($0)) },
            extraIDs: (0..<min(limit, extras.count)).map { extras.label(Int32($0)) },
            truthSkippedRows: truth.summary.rowsSkipped)
    }

    private mutating func repeatedID(_ id: UnsafeRawBufferPointer, line: Int, firstLine: Int) {
        failure = EvaluationError(
            file: predictionFile, line: line,
            reason: .repeatedID(String(decoding: id, as: UTF8.self), firstLine: firstLine, in: .predictions))
    }
}

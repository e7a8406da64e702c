/// The counted single-label rows of a file in file order, as `compare` pairs them with another
/// file's: each row's bootstrap key (its id's hash, else its byte offset), its line, its two
/// label ids, and with score columns what its scores added. 24 bytes a row (33 with scores).
struct RowLog: Sendable {
    /// The predicted id of a row held back until the negative label of a binary score is known.
    static let unsettled: Int32 = -1

    /// Each row's key, as the bootstrap weighs it (design §6).
    private(set) var keys: [UInt64] = []
    /// Each row's first line.
    private(set) var lines: [Int] = []
    /// Each row's actual label id.
    private(set) var actual: [Int32] = []
    /// Each row's predicted label id (`unsettled` until `settle`).
    private(set) var predicted: [Int32] = []
    /// With score columns: whether each row was a top-k hit.
    private(set) var topKHits: [Bool] = []
    /// With score columns: each row's log-loss term (NaN where none was summed).
    private(set) var logLosses: [Double] = []

    /// Rows logged.
    var count: Int { keys.count }

    /// Logs a counted row, with what its scores added if it has any.
    mutating func append(key: UInt64, line: Int, actual actualID: Int32, predicted predictedID: Int32, score: ScoreTally.RowScore?) {
        keys.append(key)
        lines.append(line)
        actual.append(actualID)
        predicted.append(predictedID)
        if let score {
            topKHits.append(score.isHit)
            logLosses.append(score.loss ?? .nan)
        }
    }

    /// What row `row`'s scores added (the file has score columns).
    func score(ofRow row: Int) -> ScoreTally.RowScore {
        ScoreTally.RowScore(isHit: topKHits[row], loss: logLosses[row].isNaN ? nil : logLosses[row])
    }

    /// Adds the rows of `other`, a log of later rows, its ids mapped by `idMap`.
    mutating func merge(_ other: RowLog, idMap: [Int32]) {
        keys += other.keys
        lines += other.lines
        topKHits += other.topKHits
        logLosses += other.logLosses
        actual += other.actual.map { idMap[Int($0)] }
        predicted += other.predicted.map { $0 == Self.unsettled ? $0 : idMap[Int($0)] }
    }

    /// The log with label `i` as `idMap[i]`.
    func relabeled(_ idMap: [Int32]) -> RowLog {
        var relabeled = self
        relabeled.actual = actual.map { idMap[Int($0)] }
        relabeled.predicted = predicted.map { $0 == Self.unsettled ? $0 : idMap[Int($0)] }
        return relabeled
    }

    /// Gives the rows held back their predicted label, the negative one.
    mutating func settle(negative: Int32) {
        for index in predicted.indices where predicted[index] == Self.unsettled { predicted[index] = negative }
    }
}

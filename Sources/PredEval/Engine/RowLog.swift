/// The counted single-label rows of a file in file order, as `compare` pairs them with another
/// file's: each row's bootstrap key (its id's hash, else its byte offset), its line, and its two
/// label ids. 24 bytes a row.
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

    /// Rows logged.
    var count: Int { keys.count }

    /// Logs a counted row.
    mutating func append(key: UInt64, line: Int, actual actualID: Int32, predicted predictedID: Int32) {
        keys.append(key)
        lines.append(line)
        actual.append(actualID)
        predicted.append(predictedID)
    }

    /// Adds the rows of `other`, a log of later rows, its ids mapped by `idMap`.
    mutating func merge(_ other: RowLog, idMap: [Int32]) {
        keys += other.keys
        lines += other.lines
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

/// Counts kept apart for each slice of a file: the rows that share a value of the group column
/// (`groupBy`). Memory is one set of counts per distinct value, so there may be at most
/// `maximumGroupValues` values: a column of ids is no column to slice by.
struct SlicedCounts<Counts: Sendable & Codable>: Sendable, Codable {

    /// The group values, as ids in order of first sight; slice `i` holds value `i`'s rows.
    private(set) var groups = LabelInterner()
    /// Each slice's counts.
    private(set) var slices: [Counts] = []
    /// What a new slice's counts start as.
    private let empty: Counts
    /// Set when a value beyond `limit` turned up; no slice is made for it.
    private(set) var isFull = false
    /// The most slices: `maximumGroupValues`, or `maximumGroupValuesWithIntervals` when each
    /// slice keeps bootstrap counts.
    let limit: Int

    /// No slices yet; each new one starts as `empty`. With `groups`, the group values are known
    /// in advance (a truth file's) and slices are found by `slice(ofGroupID:)`.
    init(empty: Counts, groups: LabelInterner? = nil, limit: Int = maximumGroupValues) {
        self.empty = empty
        self.groups = groups ?? LabelInterner()
        self.limit = limit
        if self.groups.count > limit { isFull = true }
    }

    /// The slice of the group value `value`, created empty when it is new; nil (and `isFull` set)
    /// when it would be one slice too many.
    @inline(__always)
    mutating func slice(of value: UnsafeRawBufferPointer) -> Int? {
        let id = groups.intern(value)
        guard Int(id) < limit else {
            isFull = true
            return nil
        }
        return slice(ofGroupID: id)
    }

    /// The slice of the group value whose id is `id` among the known `groups`.
    @inline(__always)
    mutating func slice(ofGroupID id: Int32) -> Int {
        let index = Int(id)
        while slices.count <= index { slices.append(empty) }
        return index
    }

    /// Updates slice `index`'s counts.
    @inline(__always)
    mutating func update(_ index: Int, _ body: (inout Counts) -> Void) {
        body(&slices[index])
    }

    /// Changes every slice's counts with `body`.
    mutating func updateAll(_ body: (inout Counts) -> Void) {
        for index in slices.indices { body(&slices[index]) }
    }

    /// Adds `other`'s slices, merging each into the slice of the same value with `merge`.
    mutating func absorb(_ other: SlicedCounts, merge: (inout Counts, Counts) -> Void) {
        let groupMap = groups.absorb(other.groups)
        isFull = isFull || other.isFull || groups.count > limit
        guard !isFull else { return }
        for (otherIndex, counts) in other.slices.enumerated() {
            let index = Int(groupMap[otherIndex])
            while slices.count <= index { slices.append(empty) }
            merge(&slices[index], counts)
        }
    }
}

/// The most distinct values a group column may have.
let maximumGroupValues = 10_000
/// The most distinct values a group column may have when every slice gets bootstrap intervals
/// (each slice keeps its replicates' counts).
let maximumGroupValuesWithIntervals = 100

extension EvaluationError {
    /// The failure of a group column in `file` with more than `maximumGroupValues` values.
    static func tooManyGroupValues(in file: String, column: ColumnSelector, limit: Int = maximumGroupValues) -> EvaluationError {
        EvaluationError(
            file: file,
            reason: limit == maximumGroupValues ? .tooManyGroupValues(column, limit: limit) : .tooManySlicesForIntervals(column, limit: limit))
    }
}

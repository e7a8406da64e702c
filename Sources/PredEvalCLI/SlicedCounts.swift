import Evaluation

/// Counts kept apart for each slice of a file: the rows that share a value of the group column
/// (`--group-by`). Memory is one set of counts per distinct value.
struct SlicedCounts<Counts: Sendable>: Sendable {
    /// The group values, as ids in order of first sight; slice `i` holds value `i`'s rows.
    private(set) var groups = LabelInterner()
    /// Each slice's counts.
    private(set) var slices: [Counts] = []
    /// What a new slice's counts start as.
    private let empty: Counts

    /// No slices yet; each new one starts as `empty`. With `groups`, the group values are known
    /// in advance (a truth file's) and slices are found by `slice(ofGroupID:)`.
    init(empty: Counts, groups: LabelInterner? = nil) {
        self.empty = empty
        self.groups = groups ?? LabelInterner()
    }

    /// The slice of the group value `value`, created empty when it is new.
    @inline(__always)
    mutating func slice(of value: UnsafeRawBufferPointer) -> Int {
        slice(ofGroupID: groups.intern(value))
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

    /// Adds `other`'s slices, merging each into the slice of the same value with `merge`.
    mutating func absorb(_ other: SlicedCounts, merge: (inout Counts, Counts) -> Void) {
        let groupMap = groups.absorb(other.groups)
        for (otherIndex, counts) in other.slices.enumerated() {
            let index = Int(groupMap[otherIndex])
            while slices.count <= index { slices.append(empty) }
            merge(&slices[index], counts)
        }
    }
}

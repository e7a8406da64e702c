/// Remembers, for the label-set cells seen so far, the ids their labels were given, so that a
/// cell seen again (`tag0|tag5` on row after row) is looked up once, whole, instead of split
/// and each of its labels looked up.
///
/// An interner never changes an id it gave, so a cell's ids stay right for as long as the
/// interner that gave them is the one counting (a tally whose interner is replaced starts a new
/// cache). The cache holds at most `cellLimit` cells of at most `longestCell` bytes and
/// `idLimit` ids in all; it looks cells up by the same keyed hash as the interner, and stops
/// looking when most cells are new (a column of distinct sets), so that it never costs more than
/// a lookup per cell.
public struct LabelSetCache: Sendable {
    /// The cells remembered, each given an id.
    private var cells = LabelInterner()
    /// `ends[cell]` is where the ids of cell `cell` end in `ids` (they start where `cell - 1`'s end).
    private var ends: [Int] = []
    /// Every remembered cell's ids, back to back, in cell order.
    private var ids: [Int32] = []
    /// Every remembered cell's set of ids, by cell.
    private var bits: [LabelIDBits] = []
    private var lookups = 0
    private var hits = 0
    /// Whether cells are still looked up (false once most were new).
    public private(set) var isActive = true

    /// The most cells remembered.
    public static let cellLimit = 4096
    /// The longest cell remembered, in bytes.
    public static let longestCell = 256
    /// The most ids remembered, all cells together.
    public static let idLimit = 1 << 16

    /// An empty cache.
    public init() {}

    /// Appends the ids of `cell`'s labels to `target` if the cell is remembered.
    ///
    /// - Parameters:
    ///   - cell: the cell's bytes.
    ///   - target: where its ids go, in the order its labels stand.
    /// - Returns: whether the cell was remembered (if not, `target` is unchanged).
    @inline(__always)
    public mutating func appendIDs(of cell: UnsafeRawBufferPointer, to target: inout [Int32]) -> Bool {
        guard isActive else { return false }
        lookups += 1
        guard let cell = cells.id(of: cell) else { return false }
        hits += 1
        // One at a time: a cell holds a few, and `append(contentsOf:)` costs more than that.
        for position in idRange(of: cell) { target.append(ids[position]) }
        return true
    }

    /// The label sets of `first` and `second` as bits, when both cells are remembered (a set
    /// holding an id too large for a word says so: `LabelIDBits.holdsLargeID`); nil, with no
    /// lookup counted, when either is not.
    ///
    /// - Parameters:
    ///   - first: a cell's bytes.
    ///   - second: another cell's bytes.
    /// - Returns: the two cells' sets, in that order, or nil.
    @inline(__always)
    public mutating func bits(of first: UnsafeRawBufferPointer, and second: UnsafeRawBufferPointer) -> (LabelIDBits, LabelIDBits)? {
        guard isActive, let firstCell = cells.id(of: first), let secondCell = cells.id(of: second) else { return nil }
        lookups += 2
        hits += 2
        return (bits[Int(firstCell)], bits[Int(secondCell)])
    }

    /// Where the ids of remembered cell `cell` are in `ids`.
    private func idRange(of cell: Int32) -> Range<Int> {
        let index = Int(cell)
        return (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Remembers `cell`'s ids, looked up because `appendIDs(of:to:)` did not have them, while
    /// there is room; stops looking cells up when most of the cells looked up were new.
    ///
    /// - Parameters:
    ///   - cell: the cell's bytes.
    ///   - cellIDs: the ids of its labels, in the order they stand.
    public mutating func remember(_ cell: UnsafeRawBufferPointer, ids cellIDs: ArraySlice<Int32>) {
        guard isActive else { return }
        if cells.count < Self.cellLimit && cell.count <= Self.longestCell && ids.count + cellIDs.count <= Self.idLimit {
            _ = cells.intern(cell)
            ids.append(contentsOf: cellIDs)
            ends.append(ids.count)
            bits.append(LabelIDBits(cellIDs))
        } else if lookups >= Self.cellLimit * 4 && hits * 2 < lookups {
            isActive = false
        }
    }
}

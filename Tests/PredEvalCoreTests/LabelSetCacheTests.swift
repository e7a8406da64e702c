import PredEvalCore
import Testing

@Suite("Label-set cell cache")
struct LabelSetCacheTests {
    @Test("a cell remembered gives back its ids, repeats and order kept; another cell is not found")
    func remembersCells() {
        var cache = LabelSetCache()
        var ids: [Int32] = [7]
        #expect(!cache.appendIDs(of: "a|b|a", to: &ids) && ids == [7])
        cache.remember("a|b|a", ids: [0, 1, 0])
        cache.remember("", ids: [])
        #expect(cache.appendIDs(of: "a|b|a", to: &ids) && ids == [7, 0, 1, 0])
        #expect(cache.appendIDs(of: "", to: &ids) && ids == [7, 0, 1, 0])
        #expect(!cache.appendIDs(of: "a|b", to: &ids) && ids == [7, 0, 1, 0])
    }

    @Test("two remembered cells give their sets as bits, a large id marked; one not remembered gives neither")
    func givesTwoCellsAsBits() {
        var cache = LabelSetCache()
        cache.remember("a|b|a", ids: [0, 1, 0])
        cache.remember("c", ids: [2])
        cache.remember("", ids: [])
        cache.remember("d|e", ids: [3, 70])
        let (first, second) = cache.bits(of: "c", and: "a|b|a")!
        #expect(first == LabelIDBits([2]) && second == LabelIDBits([0, 1]))
        let (empty, large) = cache.bits(of: "", and: "d|e")!
        #expect(empty.word == 0 && large.holdsLargeID)
        #expect(cache.bits(of: "a|b|a", and: "x") == nil && cache.bits(of: "x", and: "c") == nil)
    }

    @Test("a cell longer than the limit is not remembered")
    func longCells() {
        var cache = LabelSetCache()
        let long = String(repeating: "x", count: LabelSetCache.longestCell + 1)
        cache.remember(long, ids: [0])
        var ids: [Int32] = []
        #expect(!cache.appendIDs(of: long, to: &ids) && ids.isEmpty)
    }

    @Test("full, and most cells new, it stops looking; the cells it holds stay right until then")
    func stopsWhenMostCellsAreNew() {
        var cache = LabelSetCache()
        var ids: [Int32] = []
        for cell in 0..<LabelSetCache.cellLimit {
            cache.remember("c\(cell)", ids: [Int32(cell)])
        }
        #expect(cache.appendIDs(of: "c17", to: &ids) && ids == [17])
        var cell = LabelSetCache.cellLimit
        while cache.isActive && cell < 10 * LabelSetCache.cellLimit {
            #expect(!cache.appendIDs(of: "c\(cell)", to: &ids))
            cache.remember("c\(cell)", ids: [Int32(cell)])
            cell += 1
        }
        #expect(!cache.isActive)
        #expect(!cache.appendIDs(of: "c17", to: &ids) && ids == [17])
    }
}

extension LabelSetCache {
    /// `appendIDs(of:to:)` for a cell given as text.
    fileprivate mutating func appendIDs(of cell: String, to ids: inout [Int32]) -> Bool {
        Array(cell.utf8).withUnsafeBytes { appendIDs(of: $0, to: &ids) }
    }

    /// `bits(of:and:)` for cells given as text.
    fileprivate mutating func bits(of first: String, and second: String) -> (LabelIDBits, LabelIDBits)? {
        Array(first.utf8).withUnsafeBytes { first in Array(second.utf8).withUnsafeBytes { bits(of: first, and: $0) } }
    }

    /// `remember(_:ids:)` for a cell given as text.
    fileprivate mutating func remember(_ cell: String, ids: [Int32]) {
        Array(cell.utf8).withUnsafeBytes { remember($0, ids: ids[...]) }
    }
}

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

    @Test("two remembered cells are lent in place, as they would be appended; one not remembered lends neither")
    func lendsTwoCells() {
        var cache = LabelSetCache()
        cache.remember("a|b|a", ids: [0, 1, 0])
        cache.remember("c", ids: [2])
        cache.remember("", ids: [])
        var lent: [[Int32]] = []
        #expect(cache.withIDs(of: "c", and: "a|b|a") { lent = [Array($0), Array($1)]; return true })
        #expect(lent == [[2], [0, 1, 0]])
        #expect(cache.withIDs(of: "", and: "c") { lent = [Array($0), Array($1)]; return true })
        #expect(lent == [[], [2]])
        #expect(!cache.withIDs(of: "a|b|a", and: "c") { _, _ in false })
        #expect(!cache.withIDs(of: "a|b|a", and: "d") { _, _ in Issue.record("called for a cell not remembered"); return true })
        #expect(!cache.withIDs(of: "d", and: "c") { _, _ in Issue.record("called for a cell not remembered"); return true })
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

    /// `withIDs(of:and:_:)` for cells given as text.
    fileprivate mutating func withIDs(
        of first: String, and second: String, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> Bool
    ) -> Bool {
        Array(first.utf8).withUnsafeBytes { first in Array(second.utf8).withUnsafeBytes { withIDs(of: first, and: $0, body) } }
    }

    /// `remember(_:ids:)` for a cell given as text.
    fileprivate mutating func remember(_ cell: String, ids: [Int32]) {
        Array(cell.utf8).withUnsafeBytes { remember($0, ids: ids[...]) }
    }
}

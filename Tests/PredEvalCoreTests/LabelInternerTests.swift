import PredEvalCore
import Testing

@Suite("Label interning")
struct LabelInternerTests {
    @Test("gives dense ids in order of first sight, the same id to the same bytes")
    func denseIDs() {
        var interner = LabelInterner()
        #expect(interner.ids(["cat", "dog", "cat", "", "dog", "bird"]) == [0, 1, 0, 2, 1, 3])
        #expect(interner.count == 4)
        #expect(interner.label(0) == "cat" && interner.label(2) == "" && interner.label(3) == "bird")
    }

    @Test("labels are bytes: invalid UTF-8 stays distinct, shows as U+FFFD")
    func rawBytes() {
        var interner = LabelInterner()
        let first = [UInt8]([0x61, 0xFF]).withUnsafeBytes { interner.intern($0) }
        let second = [UInt8]([0x61, 0xFE]).withUnsafeBytes { interner.intern($0) }
        #expect(first != second)
        #expect(interner.label(first) == "a\u{FFFD}")
        #expect([UInt8]([0x61, 0xFF]).withUnsafeBytes { interner.id(of: $0) } == first)
        #expect([UInt8]([0x62]).withUnsafeBytes { interner.id(of: $0) } == nil)
    }

    @Test("stays right through many rehashes: 100,000 distinct labels of every length")
    func manyLabels() {
        var interner = LabelInterner()
        let labels = (0..<100_000).map { "label-\($0)-" + String(repeating: "x", count: $0 % 23) }
        #expect(interner.ids(labels) == (0..<100_000).map(Int32.init))
        #expect(interner.ids(labels.reversed()) == (0..<100_000).reversed().map(Int32.init))
        #expect(interner.label(54_321) == labels[54_321])
    }

    @Test("every byte of a long label reaches its hash: 4,096 labels alike but in their last three bytes do not collide")
    func longLabelTails() {
        var interner = LabelInterner()
        let letters = Array("ghijklmnopqrstuv")
        let labels = (0..<4_096).map { index in
            "0123456789abcdef" + String([letters[index >> 8], letters[index >> 4 & 15], letters[index & 15]])
        }
        #expect(interner.ids(labels) == (0..<4_096).map(Int32.init))
        let costs = labels.map { Array($0.utf8).withUnsafeBytes { interner.lookupCost(of: $0) } }
        #expect(Double(costs.reduce(0, +)) / Double(costs.count) < 3)
        #expect(interner.ids(labels.reversed()) == (0..<4_096).reversed().map(Int32.init))
    }

    @Test("absorbing another interner maps its ids onto ours")
    func absorb() {
        var left = LabelInterner()
        _ = left.ids(["a", "b"])
        var right = LabelInterner()
        _ = right.ids(["c", "a"])
        #expect(left.absorb(right) == [2, 0])
        #expect(left.count == 3 && left.label(2) == "c")
    }
}

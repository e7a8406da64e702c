import PredEvalCore
import Testing

@Suite("Splitting label sets")
struct LabelSetSplitterTests {
    private func split(_ cell: String, on separator: String = "|") -> [String] {
        let splitter = LabelSetSplitter(separator: separator)!
        var labels: [String] = []
        Array(cell.utf8).withUnsafeBytes { bytes in
            splitter.forEachLabel(in: bytes) { labels.append(String(decoding: $0, as: UTF8.self)) }
        }
        return labels
    }

    @Test("splits, trims spaces and tabs, drops empty labels; an empty cell is the empty set")
    func splitting() {
        #expect(split("rock|pop") == ["rock", "pop"])
        #expect(split(" rock |\tpop\t| | ") == ["rock", "pop"])
        #expect(split("") == [] && split("|||") == [] && split("   ") == [])
        #expect(split("a b|c") == ["a b", "c"])
        #expect(split("pop|pop") == ["pop", "pop"])  // repeats are removed when counting, not here
    }

    @Test("separators of several bytes, and non-ASCII ones")
    func longSeparators() {
        #expect(split("a, b,c", on: ", ") == ["a", "b,c"])
        #expect(split("x→y→→z", on: "→") == ["x", "y", "z"])
        #expect(split("a::", on: "::") == ["a"])
        // As Python's str.split: a separator's first byte alone, or at the very end, is text;
        // overlapping candidates are taken left to right.
        #expect(split("a:b::c:", on: "::") == ["a:b", "c:"])
        #expect(split("a:::b", on: "::") == ["a", ":b"])
        #expect(split("→", on: "→→") == ["→"])
        #expect(LabelSetSplitter(separator: "") == nil)
    }
}

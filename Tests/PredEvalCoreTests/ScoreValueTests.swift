import PredEvalCore
import Testing

@Suite("Score cells as numbers, exact sums, column sets")
struct ScoreValueTests {
    private func value(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { DecimalText.value($0) }
    }

    @Test("decimal text reads as Double(String) does, on the fast path and off it")
    func decimalTextIsCorrectlyRounded() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "1", "0.5", "-0.0", "+3", ".5", "5.", "1e5", "1E-5", "2.5e+3", " 0.25 ", "0.1", "0.30000000000000004",
            "123456789012345678901234567890", "0.000000000000000000000000001", "1e22", "1e23", "9007199254740993",
            "4.9406564584124654e-324", "1.7976931348623157e308", "0.1000000000000000055511151231257827"]
        for _ in 0..<20_000 {
            let double = Double.random(in: -1e6...1e6, using: &generator) * (Bool.random(using: &generator) ? 1 : 1e-9)
            texts += ["\(double)", String(Int.random(in: 0..<1_000_000, using: &generator)) + "." + String(Int.random(in: 0..<1_000_000_000, using: &generator))]
        }
        // printf's %f (d.dddddd, read 8 bytes at once), every leading digit, random decimals.
        for _ in 0..<20_000 {
            let decimals = String(Int.random(in: 0..<1_000_000, using: &generator))
            texts.append("\(Int.random(in: 0...9, using: &generator))." + String(repeating: "0", count: 6 - decimals.count) + decimals)
        }
        texts += ["0.000000", "9.999999", "1.000000", "0.5000000", "0.50000", "a.000000", "0.00000a", "0,000000", "0.0000.0"]
        for text in texts {
            let expected = Double(text.trimmingSpaces)
            #expect(value(text) == expected, "\(text)")
        }
    }

    @Test("what is no finite decimal is nil", arguments: ["", " ", "nan", "NaN", "inf", "-inf", "infinity", "0x1p3", "1e", "1e+", "--1", "1.2.3", "1,5", "e5", ".", "+", "1e400", "1 2", "١"])
    func notNumbers(_ text: String) {
        #expect(value(text) == nil)
    }

    @Test("an exact sum is the same bits in any order and any split")
    func exactSumIsOrderFree() {
        var generator = SystemRandomNumberGenerator()
        let terms = (0..<5_000).map { _ in -Double.random(in: 1e-17...1, using: &generator).squareRoot().squareRoot() * -37 }
        var forward = ExactSum()
        for term in terms { forward.add(term) }
        var backward = ExactSum()
        for term in terms.reversed() { backward.add(term) }
        var left = ExactSum()
        var right = ExactSum()
        for (index, term) in terms.shuffled(using: &generator).enumerated() {
            if index % 3 == 0 { left.add(term) } else { right.add(term) }
        }
        left.merge(right)
        #expect(forward == backward)
        #expect(forward == left)
        let naive = terms.reduce(0, +)
        #expect(abs(forward.value - naive) <= 1e-12 * naive)
        var tiny = ExactSum()
        for _ in 0..<1_000 { tiny.add(Double.ulpOfOne) }
        #expect(tiny.value == 1_000 * Double.ulpOfOne)
    }

    @Test("globs match whole names; a class is the name less the glob's literal ends")
    func globs() {
        let prefix = ColumnSetSelector.glob("p_*")
        #expect(prefix.matches("p_cat") && prefix.matches("p_") && !prefix.matches("xp_cat") && !prefix.matches("P_cat"))
        #expect(prefix.className(ofColumnNamed: "p_cat") == "cat")
        let suffix = ColumnSetSelector.glob("*_prob")
        #expect(suffix.matches("dog_prob") && !suffix.matches("dog_prob2"))
        #expect(suffix.className(ofColumnNamed: "dog_prob") == "dog")
        let both = ColumnSetSelector.glob("score[*]")
        #expect(both.matches("score[a]") && !both.matches("score[a]x") && both.className(ofColumnNamed: "score[a b]") == "a b")
        #expect(ColumnSetSelector.glob("*a*a*a*a*b").matches(String(repeating: "a", count: 5_000)) == false)
        #expect(ColumnSetSelector.list([.name("x")]).className(ofColumnNamed: "x") == "x")
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

import Foundation
import PredEvalCore
import Testing

@Suite("Text for people: fixed decimals and the one escaper")
struct RenderingTextTests {
    @Test("scores with N decimals are printf's %.Nf: the exact binary value, ties to even")
    func fixedDecimals() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.615, 0.6666666666666666, 0.48888888888888893, 1, 0.99995,
            0.999999999, 9.5, 1e-300, 5e-324, 0.1, 123456.78125, 1e22, 1.7976931348623157e308, -0.00001, 0x1p64,
        ]
        for _ in 0..<3_000 {
            values.append(Double.random(in: 0...1, using: &generator))
            values.append(Double(Int.random(in: 0...1_000, using: &generator)) / 1_000 + 0.0005)
            values.append(Double.random(in: -1e6...1e6, using: &generator))
        }
        for value in values {
            for digits in [0, 1, 2, 4, 6, 17] {
                let renderer = SummaryTables(digits: digits)
                #expect(renderer.score(value) == String(format: "%.\(digits)f", value), "\(value), \(digits) digits")
            }
        }
        #expect(SummaryTables(digits: 4).score(nil) == "nan")
    }

    @Test("labels, header cells and ids are escaped alike: line breaks, tabs, controls")
    func oneEscaper() {
        #expect(TerminalText.escaped("line\nbreak\r\ttab") == "line\\nbreak\\r\\ttab")
        #expect(TerminalText.escaped("\u{1B}[31mred\u{0}") == "\\u{1b}[31mred\\u{0}")
        #expect(TerminalText.escaped("日本 café 🐱") == "日本 café 🐱")
        #expect(TerminalText.escaped(String(repeating: "é", count: 41), cutAfter: 40) == String(repeating: "é", count: 40) + "...")
        #expect(TerminalText.escaped("a\nb", cutAfter: 40) == "a\\nb")
    }
}

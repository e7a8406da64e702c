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
            0.999999999, 9.5, 1e-300, 0x1p-1074, 0.1, 123456.78125, 1e22, 1.7976931348623157e308, -0.00001, 0x1p64,
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
        #expect(TerminalText.escaped("line\nbreak\r\ttab") == "line\\u{a}break\\u{d}\\u{9}tab")
        #expect(TerminalText.escaped("\u{1B}[31mred\u{0}") == "\\u{1b}[31mred\\u{0}")
        #expect(TerminalText.escaped("日本 café 🐱 ‏") == "日本 café 🐱 ‏")
        #expect(TerminalText.escaped(String(repeating: "é", count: 41), cutAfter: 40) == String(repeating: "é", count: 40) + "...")
        #expect(TerminalText.escaped("a\nb", cutAfter: 40) == "a\\u{a}b")
        // Bidi controls and zero-width characters, which make different labels look alike.
        #expect(TerminalText.escaped("a\u{202E}b\u{2066}c\u{200B}d\u{FEFF}e\u{2060}") == "a\\u{202e}b\\u{2066}c\\u{200b}d\\u{feff}e\\u{2060}")
        #expect(TerminalText.escaped("\u{7F}\u{85}\u{9B}") == "\\u{7f}\\u{85}\\u{9b}")
    }

    @Test("table cells cut at a width with …; messages quote at most 200 bytes")
    func widths() {
        #expect(TerminalText.cell("short", maximumWidth: 60) == "short")
        #expect(TerminalText.cell(String(repeating: "x", count: 61), maximumWidth: 60) == String(repeating: "x", count: 59) + "…")
        #expect(TerminalText.cell(String(repeating: "x", count: 60), maximumWidth: 60) == String(repeating: "x", count: 60))
        // Wide characters take two columns; an escape counts as what it shows.
        #expect(TerminalText.cell("日本語テキスト", maximumWidth: 6) == "日本…")
        #expect(TerminalText.cell("a\u{1B}bcdefghijkl", maximumWidth: 8) == "a\\u{1b}…")
        #expect(TerminalText.cell(String(repeating: "y", count: 1 << 20), maximumWidth: nil).count == 1 << 20)
        #expect(TerminalText.quoted(String(repeating: "z", count: 200)) == String(repeating: "z", count: 200))
        #expect(TerminalText.quoted(String(repeating: "z", count: 201)) == String(repeating: "z", count: 200) + "…")
        #expect(TerminalText.quoted(String(repeating: "é", count: 150)) == String(repeating: "é", count: 100) + "…")
    }

    @Test("CSV cells a spreadsheet would run start with '; numbers and --csv-raw stay exact")
    func formulaCells() {
        for formula in ["=HYPERLINK(\"http://x\")", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVReportRenderer.startsFormula(formula), "\(formula)")
        }
        for plain in ["-1", "+5", "-0.25", "1e3", "cat", "", "a=b"] { #expect(!CSVReportRenderer.startsFormula(plain), "\(plain)") }
    }
}

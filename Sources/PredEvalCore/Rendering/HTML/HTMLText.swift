/// Text placed in an HTML page: escaped so that no label, file name or group value can open a
/// tag, close an attribute or hide itself.
enum HTMLText {
    /// `text` as HTML text or as a quoted attribute's value: the terminal escaper's output
    /// (control, bidi and zero-width characters as `\u{…}`), with `&`, `<`, `>`, `"` and `'` as
    /// character references.
    ///
    /// - Parameter text: text from a file or the command line.
    /// - Returns: the markup.
    static func escaped(_ text: String) -> String {
        let shown = TerminalText.escaped(text)
        guard shown.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return shown
        }
        var markup = ""
        markup.reserveCapacity(shown.utf8.count + 16)
        for character in shown {
            switch character {
            case "&": markup += "&amp;"
            case "<": markup += "&lt;"
            case ">": markup += "&gt;"
            case "\"": markup += "&quot;"
            case "'": markup += "&#39;"
            default: markup.append(character)
            }
        }
        return markup
    }

    /// `text` escaped, cut after `limit` characters with `…` (for axis labels; titles keep it whole).
    ///
    /// - Parameters:
    ///   - text: a label.
    ///   - limit: the most characters kept.
    /// - Returns: the markup.
    static func escaped(_ text: String, cutAfter limit: Int) -> String {
        let shown = TerminalText.escaped(text)
        guard shown.count > limit else { return escaped(shown) }
        return escaped(String(shown.prefix(limit - 1))) + "…"
    }

    /// A coordinate or length for SVG: at most two decimals, no exponent.
    ///
    /// - Parameter value: a finite number.
    /// - Returns: its text.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return FixedPointText.format(rounded, digits: 2)
    }

    /// A share as a percentage with one decimal: `12.5%`.
    ///
    /// - Parameter share: a share in [0, 1].
    /// - Returns: its text.
    static func percent(_ share: Double) -> String {
        FixedPointText.format(share * 100, digits: 1) + "%"
    }
}

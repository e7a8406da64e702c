/// Text from a file as a terminal, a table cell or a message line may show it: the one escaper
/// for everything predeval prints for people to read.
public enum TerminalText {
    /// `text` with line breaks and tabs as `\n`, `\r`, `\t` and every other control character
    /// as `\u{…}` (hex), so that a label cannot break a line or drive the terminal.
    ///
    /// - Parameter text: text from a file or the command line.
    /// - Returns: the text as it may be shown.
    public static func escaped(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    shown += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
        }
        return shown
    }

    /// `text` escaped as `escaped(_:)` does, cut after `limit` Unicode scalars with `...`.
    ///
    /// - Parameters:
    ///   - text: text from a file.
    ///   - limit: the most Unicode scalars kept.
    /// - Returns: the text as it may be shown.
    public static func escaped(_ text: String, cutAfter limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return escaped(text) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars.prefix(limit))
        return escaped(String(kept)) + "..."
    }
}

/// Text from a file or a command line as a terminal, a table cell or a message line may show it:
/// the one escaper for everything predeval prints for people to read.
public enum TerminalText {
    /// The most bytes of a label, id or cell a message quotes.
    public static let quotedByteLimit = 200

    /// `text` with every character that could break a line, drive the terminal or hide itself
    /// written as `\u{…}` (hex): C0 and C1 controls and DEL, the bidi controls U+202A–202E and
    /// U+2066–2069, and the zero-width U+200B–200D, U+2060 and U+FEFF. A byte of a file name that
    /// is not UTF-8 (see `FileName`) is written `\x{…}`.
    ///
    /// - Parameter text: text from a file or the command line.
    /// - Returns: the text as it may be shown.
    public static func escaped(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        var shown = ""
        for scalar in text.unicodeScalars { append(scalar, to: &shown) }
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
        var shown = ""
        for (index, scalar) in scalars.enumerated() {
            if index == limit { return shown + "..." }
            append(scalar, to: &shown)
        }
        return shown
    }

    /// `text` escaped as one table cell of at most `maximumWidth` terminal columns: a longer one
    /// is cut and ends in `…`.
    ///
    /// - Parameters:
    ///   - text: a label or group value.
    ///   - maximumWidth: the most columns (at least 1); nil keeps the text whole.
    /// - Returns: the cell.
    public static func cell(_ text: String, maximumWidth: Int?) -> String {
        guard let maximumWidth else { return escaped(text) }
        if isPrintableASCII(text) {
            return text.utf8.count <= maximumWidth ? text : String(text.prefix(maximumWidth - 1)) + "…"
        }
        var pieces: [(text: String, width: Int)] = []
        var width = 0
        for scalar in text.unicodeScalars {
            var piece = ""
            append(scalar, to: &piece)
            let pieceWidth = displayWidth(piece)
            if width + pieceWidth > maximumWidth {
                // Too wide: what fits in one column less, then the ellipsis.
                var kept = ""
                var keptWidth = 0
                for piece in pieces {
                    if keptWidth + piece.width > maximumWidth - 1 { break }
                    kept += piece.text
                    keptWidth += piece.width
                }
                return kept + "…"
            }
            pieces.append((piece, pieceWidth))
            width += pieceWidth
        }
        return pieces.map(\.text).joined()
    }

    /// `text` escaped, as a message quotes it: at most `quotedByteLimit` bytes of it, then `…`.
    ///
    /// - Parameter text: a label, id or cell.
    /// - Returns: the text as a message may hold it.
    public static func quoted(_ text: String) -> String {
        var shown = ""
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            if bytes > quotedByteLimit { return shown + "…" }
            append(scalar, to: &shown)
        }
        return shown
    }

    /// How many terminal columns `text` takes: one per Unicode scalar, two for wide characters
    /// such as CJK, none for combining marks.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            // Below U+0300 (the first combining mark) every scalar that reaches a table takes one column.
            if scalar.value < 0x300 { return total + 1 }
            return total + (isWide(scalar) ? 2 : (scalar.properties.generalCategory == .nonspacingMark ? 0 : 1))
        }
    }

    // MARK: Private

    /// Whether every byte of `text` is printable ASCII (space to `~`): such text is shown as it is.
    private static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func append(_ scalar: Unicode.Scalar, to shown: inout String) {
        if let byte = FileName.byte(standingFor: scalar) {
            // A byte of a file name that is not UTF-8.
            shown += "\\x{\(String(byte, radix: 16))}"
        } else if mustEscape(scalar) {
            shown += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            shown.unicodeScalars.append(scalar)
        }
    }

    /// Whether `scalar` is one that `escaped(_:)` writes as `\u{…}`: a control, bidi or
    /// zero-width character.
    ///
    /// - Parameter scalar: a Unicode scalar.
    /// - Returns: true when it may not reach a terminal as it is.
    public static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true  // zero-width space, joiners, word joiner, BOM
        default: return false
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

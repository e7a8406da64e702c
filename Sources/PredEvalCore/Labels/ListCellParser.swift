/// Reads a multi-label cell written as a Python or JSON list — `['rock', 'pop']`, `["rock","pop"]`,
/// `[]`, as pandas and `json.dumps` write them — into its labels. Quoted items keep their bytes
/// exactly, escapes decoded (`\\`, `\'`, `\"`, `\n`, `\t`, `\r`, `\xHH`, `\uHHHH` with surrogate
/// pairs, `\UHHHHHHHH`); unquoted items (`[1, 2]`) are trimmed of spaces. An empty cell is the
/// empty set.
public struct ListCellParser: Sendable {
    /// Why a cell is no list.
    public enum Problem: Error, Sendable, Equatable {
        /// The cell does not start with `[` (after spaces).
        case notAList
        /// A quoted item is never closed.
        case unterminatedString
        /// A backslash escape that is not one of those read.
        case badEscape
        /// Something other than `,` or `]` follows an item, or the list is never closed.
        case unexpectedText
    }

    /// Bytes of items whose escapes were decoded.
    private var decoded: [UInt8] = []

    /// A parser.
    public init() {}

    /// Calls `body` with each item of `cell`, in order, repeats included.
    ///
    /// - Parameters:
    ///   - cell: the cell's bytes.
    ///   - body: called with each item's bytes (valid only during the call).
    /// - Throws: `Problem` when the cell is not a list; `body` may have seen earlier items.
    public mutating func forEachLabel(
        in cell: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(Problem) {
        var index = skipSpaces(cell, from: 0)
        guard index < cell.count else { return }  // an empty cell: the empty set
        guard cell[index] == UInt8(ascii: "[") else { throw .notAList }
        index = skipSpaces(cell, from: index + 1)
        if index < cell.count && cell[index] == UInt8(ascii: "]") {
            guard skipSpaces(cell, from: index + 1) == cell.count else { throw .unexpectedText }
            return
        }
        while true {
            guard index < cell.count else { throw .unexpectedText }
            let quote = cell[index]
            if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
                index = try quotedItem(cell, from: index + 1, quote: quote, body)
            } else {
                var end = index
                while end < cell.count && cell[end] != UInt8(ascii: ",") && cell[end] != UInt8(ascii: "]") { end += 1 }
                var last = end
                while last > index && Self.isSpace(cell[last - 1]) { last -= 1 }
                guard last > index else { throw .unexpectedText }
                body(UnsafeRawBufferPointer(rebasing: cell[index..<last]))
                index = end
            }
            index = skipSpaces(cell, from: index)
            guard index < cell.count else { throw .unexpectedText }
            if cell[index] == UInt8(ascii: "]") {
                guard skipSpaces(cell, from: index + 1) == cell.count else { throw .unexpectedText }
                return
            }
            guard cell[index] == UInt8(ascii: ",") else { throw .unexpectedText }
            index = skipSpaces(cell, from: index + 1)
        }
    }

    // MARK: Private

    /// Reads a quoted item whose text starts at `start`, hands it to `body`, and returns the
    /// index past its closing quote.
    private mutating func quotedItem(
        _ cell: UnsafeRawBufferPointer, from start: Int, quote: UInt8, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(Problem) -> Int {
        var index = start
        while index < cell.count && cell[index] != quote && cell[index] != UInt8(ascii: "\\") { index += 1 }
        guard index < cell.count else { throw .unterminatedString }
        if cell[index] == quote {
            // No escape: the item's bytes as they are.
            body(UnsafeRawBufferPointer(rebasing: cell[start..<index]))
            return index + 1
        }
        decoded.removeAll(keepingCapacity: true)
        decoded.append(contentsOf: cell[start..<index])
        while index < cell.count {
            let byte = cell[index]
            if byte == quote {
                decoded.withUnsafeBytes { body($0) }
                return index + 1
            }
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            guard index + 1 < cell.count else { throw .unterminatedString }
            index = try escape(cell, at: index + 1)
        }
        throw .unterminatedString
    }

    /// Decodes the escape whose letter is at `index` into `decoded`; returns the index past it.
    private mutating func escape(_ cell: UnsafeRawBufferPointer, at index: Int) throws(Problem) -> Int {
        let letter = cell[index]
        switch letter {
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "/"):
            decoded.append(letter)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "x"):
            guard let value = Self.hex(cell, from: index + 1, digits: 2) else { throw .badEscape }
            appendScalar(value)
            return index + 3
        case UInt8(ascii: "u"):
            guard var value = Self.hex(cell, from: index + 1, digits: 4) else { throw .badEscape }
            var next = index + 5
            // A UTF-16 surrogate pair, as JSON writes a character beyond U+FFFF.
            if (0xD800..<0xDC00).contains(value), next + 1 < cell.count, cell[next] == UInt8(ascii: "\\"),
                cell[next + 1] == UInt8(ascii: "u"), let low = Self.hex(cell, from: next + 2, digits: 4),
                (0xDC00..<0xE000).contains(low)
            {
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            }
            appendScalar(value)
            return next
        case UInt8(ascii: "U"):
            guard let value = Self.hex(cell, from: index + 1, digits: 8) else { throw .badEscape }
            appendScalar(value)
            return index + 9
        default:
            throw .badEscape
        }
        return index + 1
    }

    /// Appends the UTF-8 bytes of the scalar `value` (U+FFFD for a lone surrogate or beyond U+10FFFF).
    private mutating func appendScalar(_ value: UInt32) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        decoded.append(contentsOf: String(Character(scalar)).utf8)
    }

    private static func hex(_ cell: UnsafeRawBufferPointer, from start: Int, digits: Int) -> UInt32? {
        guard start + digits <= cell.count else { return nil }
        var value: UInt32 = 0
        for byte in cell[start..<(start + digits)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func skipSpaces(_ cell: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < cell.count && Self.isSpace(cell[index]) { index += 1 }
        return index
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

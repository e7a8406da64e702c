/// How the fields of a delimited text file are separated and quoted.
public struct CSVDialect: Sendable, Equatable {
    /// The byte between fields: `,` by default.
    public var delimiter: UInt8
    /// The byte that encloses a field holding delimiters, quotes or line breaks: `"` by default.
    public var quote: UInt8

    /// A dialect with the given delimiter and quote bytes.
    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }

    /// The delimiter byte a command-line spelling stands for: one ASCII character, or `tab` / `\t`.
    ///
    /// Returns `nil` for anything else, and for bytes that cannot separate fields (a quote, a line
    /// break, or a non-ASCII character).
    public static func delimiter(named spelling: String) -> UInt8? {
        if spelling == "tab" || spelling == "\\t" || spelling == "\t" { return UInt8(ascii: "\t") }
        let bytes = Array(spelling.utf8)
        guard bytes.count == 1, let byte = bytes.first, byte < 0x80 else { return nil }
        let forbidden: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        return forbidden.contains(byte) ? nil : byte
    }

    /// The delimiter a file's name implies: tab for `.tsv` and `.tab`, a comma otherwise.
    public static func defaultDelimiter(forPath path: String) -> UInt8 {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }
}

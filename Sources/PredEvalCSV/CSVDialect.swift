/// How the fields of a delimited text file are separated and quoted.
public struct CSVDialect: Sendable, Equatable {
    /// The byte between fields: `,` by default.
    public var delimiter: UInt8
    /// The byte that encloses a field holding delimiters, quotes or line breaks: `"` by default.
    public var quote: UInt8
    /// Whether the reader picks the delimiter from the input's first lines (among `,` `;` tab
    /// `|`) instead of using `delimiter`; the one picked is in the read's `RowLayout`.
    public var sniffsDelimiter = false

    /// A dialect with the given delimiter and quote bytes.
    ///
    /// - Parameters:
    ///   - delimiter: the byte between fields.
    ///   - quote: the byte that encloses a field.
    public init(delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\"")) {
        self.delimiter = delimiter
        self.quote = quote
    }

    /// The delimiter a file's name implies: tab for `.tsv` and `.tab`, a comma otherwise.
    ///
    /// - Parameter path: the file's path.
    /// - Returns: the delimiter byte.
    public static func defaultDelimiter(forPath path: String) -> UInt8 {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }
}

/// Splits a multi-label cell such as `rock | pop` into its labels: on a separator, each label
/// trimmed of surrounding spaces and tabs, empty ones dropped (so an empty cell is the empty set).
public struct LabelSetSplitter: Sendable {
    /// The separator's bytes (never empty).
    public let separator: [UInt8]

    /// A splitter on `separator`; nil if the separator is empty.
    public init?(separator: String) {
        guard !separator.isEmpty else { return nil }
        self.separator = Array(separator.utf8)
    }

    /// Calls `body` with each label of `cell`, in order, repeats included.
    @inline(__always)
    public func forEachLabel(in cell: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        var index = 0
        let count = cell.count
        let first = separator[0]
        while index < count {
            if cell[index] == first && matchesSeparator(in: cell, at: index) {
                emitTrimmed(cell, start..<index, body)
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        emitTrimmed(cell, start..<count, body)
    }

    @inline(__always)
    private func matchesSeparator(in cell: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index + separator.count <= cell.count else { return false }
        for offset in 1..<separator.count where cell[index + offset] != separator[offset] { return false }
        return true
    }

    @inline(__always)
    private func emitTrimmed(
        _ cell: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && Self.isBlank(cell[lower]) { lower += 1 }
        while upper > lower && Self.isBlank(cell[upper - 1]) { upper -= 1 }
        if lower < upper { body(UnsafeRawBufferPointer(rebasing: cell[lower..<upper])) }
    }

    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

/// Splits a multi-label cell such as `rock | pop` into its labels: on a separator, each label
/// trimmed of surrounding spaces and tabs, empty ones dropped (so an empty cell is the empty set).
public struct LabelSetSplitter: Sendable {
    /// The separator's bytes (never empty).
    public let separator: [UInt8]
    /// The separator's first byte.
    @usableFromInline let firstByte: UInt8

    /// A splitter on `separator`; nil if the separator is empty.
    ///
    /// - Parameter separator: what separates labels in a cell.
    public init?(separator: String) {
        guard !separator.isEmpty else { return nil }
        self.separator = Array(separator.utf8)
        firstByte = self.separator[0]
    }

    /// Calls `body` with each label of `cell`, in order, repeats included. (Inlinable, so that the
    /// caller's loop and `body` compile into one.)
    ///
    /// - Parameters:
    ///   - cell: the cell's bytes.
    ///   - body: called with each label's bytes (valid only during the call).
    @inlinable @inline(__always)
    public func forEachLabel(in cell: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        guard let base = cell.baseAddress, cell.count > 0 else { return }
        let end = base + cell.count
        var start = base
        var position = base
        // Cells are short: a byte loop beats a call to memchr.
        while position < end {
            if position.load(as: UInt8.self) == firstByte && matchesSeparator(at: position, before: end) {
                emitTrimmed(from: start, to: position, body)
                position += separator.count
                start = position
            } else {
                position += 1
            }
        }
        emitTrimmed(from: start, to: end, body)
    }

    /// Whether the separator starts at `position` (whose first byte is known to match).
    @inlinable @inline(__always)
    func matchesSeparator(at position: UnsafeRawPointer, before end: UnsafeRawPointer) -> Bool {
        let length = separator.count
        if length == 1 { return true }
        guard end - position >= length else { return false }
        for offset in 1..<length where position.load(fromByteOffset: offset, as: UInt8.self) != separator[offset] {
            return false
        }
        return true
    }

    @inlinable @inline(__always)
    func emitTrimmed(
        from start: UnsafeRawPointer, to end: UnsafeRawPointer, _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        var lower = start
        var upper = end
        while lower < upper && Self.isBlank(lower.load(as: UInt8.self)) { lower += 1 }
        while upper > lower && Self.isBlank((upper - 1).load(as: UInt8.self)) { upper -= 1 }
        if lower < upper { body(UnsafeRawBufferPointer(start: lower, count: upper - lower)) }
    }

    @inlinable @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

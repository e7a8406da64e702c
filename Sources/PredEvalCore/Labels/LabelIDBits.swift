/// A set of label ids as the bits of one word: id `i` below `bitCount` is bit `i`; a set holding
/// any larger id has the last bit set too (`holdsLargeID`), and then says nothing of that id.
///
/// A row whose two sets are such words is counted with a few bit operations instead of a pass
/// over its ids (`MultiLabelCounts.add(actual:predicted:)`), which is what the label-set cell
/// cache hands over for the cells it remembers.
public struct LabelIDBits: Hashable, Sendable {
    /// The bits: id `i` is `1 << i`; the last bit marks a set holding an id of `bitCount` or more.
    public let word: UInt64

    /// How many ids a word can hold: ids 0 to 62.
    public static let bitCount = 63
    private static let largeIDBit: UInt64 = 1 << 63

    /// The set of `ids`; a repeat is the same bit.
    ///
    /// - Parameter ids: label ids, none negative.
    public init(_ ids: some Sequence<Int32>) {
        var word: UInt64 = 0
        for id in ids {
            precondition(id >= 0, "label ids are not negative")
            word |= id < Self.bitCount ? 1 << UInt64(id) : Self.largeIDBit
        }
        self.word = word
    }

    /// The set of the ids of `range` that a word can hold (larger ones are left out, not marked).
    ///
    /// - Parameter range: label ids, none negative.
    public init(idsOf range: Range<Int32>) {
        let lower = UInt64(min(max(range.lowerBound, 0), Int32(Self.bitCount)))
        let upper = UInt64(min(max(range.upperBound, 0), Int32(Self.bitCount)))
        word = upper > lower ? (1 << upper) - (1 << lower) : 0
    }

    /// Whether the set holds an id of `bitCount` or more.
    @inline(__always)
    public var holdsLargeID: Bool { word & Self.largeIDBit != 0 }

    /// Whether either set holds an id of `other`, or an id too large to tell.
    ///
    /// - Parameters:
    ///   - first: a set.
    ///   - second: another set.
    ///   - other: the ids to look for.
    /// - Returns: false when both sets hold only ids below `bitCount`, none of them in `other`.
    @inline(__always)
    public static func eitherHoldsLargeID(_ first: LabelIDBits, _ second: LabelIDBits, orAnyOf other: LabelIDBits) -> Bool {
        (first.word | second.word) & (other.word | largeIDBit) != 0
    }
}

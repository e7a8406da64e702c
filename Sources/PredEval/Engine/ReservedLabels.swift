/// The labels an interner holds before any row: the listed labels, so that "listed" is "id
/// below the list's length", then the missing values, so that "missing" is "id in one range" —
/// one subtraction and one comparison per cell.
struct ReservedLabels: Sendable {
    /// The ids of the listed labels, in the list's order.
    let listed: [Int32]
    /// The ids of the missing values (those that are not listed labels).
    let missing: Range<Int32>

    /// Interns the listed labels, then the missing values, into `interner`; an interner that
    /// already holds them (a truth table's, reserved alike) keeps their ids.
    init(into interner: inout LabelInterner, options: EvaluationOptions) {
        listed = (options.labels ?? []).map { interner.intern($0) }
        let listedLabels = Set(options.labels ?? [])
        var missingIDs: [Int32] = []
        for value in options.missingValues where !listedLabels.contains(value) {
            let id = interner.intern(value)
            if !missingIDs.contains(id) { missingIDs.append(id) }
        }
        let lowest = missingIDs.min() ?? Int32(interner.count)
        precondition(
            missingIDs.max().map { Int($0 - lowest) + 1 == missingIDs.count } ?? true,
            "missing values are interned together, right after the listed labels")
        missing = lowest..<(lowest + Int32(missingIDs.count))
    }

    /// Whether label `id` is a missing value.
    @inline(__always)
    func isMissing(_ id: Int32) -> Bool {
        UInt32(bitPattern: id &- missing.lowerBound) < UInt32(truncatingIfNeeded: missing.count)
    }
}

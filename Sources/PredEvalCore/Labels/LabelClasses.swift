/// What a label counts as: its bytes renamed by a label map, then — when labels are numbers —
/// the number they spell.
public struct LabelRules: Sendable, Equatable {
    /// Text or numbers (or `auto`: numbers when every label is one).
    public var type: LabelType
    /// Labels renamed before counting (`LABEL_0` → `0`), from → to.
    public var map: [String: String]

    /// Rules that rename by `map` and compare as `type` says.
    ///
    /// - Parameters:
    ///   - type: text, numbers, or `auto`.
    ///   - map: labels renamed before counting.
    public init(type: LabelType = .auto, map: [String: String] = [:]) {
        self.type = type
        self.map = map
    }

    /// The name `label` counts under: its rename, or its own bytes.
    ///
    /// - Parameter label: a label's bytes, as the file spells it.
    /// - Returns: the bytes it counts as.
    public func renamed(_ label: some Collection<UInt8>) -> [UInt8] {
        guard !map.isEmpty, let target = map[String(decoding: label, as: UTF8.self)] else { return Array(label) }
        return Array(target.utf8)
    }

    /// The class key of `label` after renaming: its value when `asNumbers` and it spells one,
    /// else its bytes.
    ///
    /// - Parameters:
    ///   - label: a label's bytes, as the file spells it.
    ///   - asNumbers: whether labels compare as numbers.
    /// - Returns: the key that labels of one class share.
    public func key(of label: some Collection<UInt8>, asNumbers: Bool) -> LabelClassKey {
        let name = renamed(label)
        if asNumbers, let value = NumericLabel.value(name) { return .number(value == 0 ? 0 : value) }
        return .text(name)
    }
}

/// What the labels of one class share: the number they spell, or their bytes.
public enum LabelClassKey: Hashable, Sendable {
    /// A number (`-0` is `0`).
    case number(Double)
    /// Bytes.
    case text([UInt8])

    /// The bytes of the label a report shows for this class (text keeps its bytes, valid
    /// UTF-8 or not).
    public var bytes: [UInt8] {
        switch self {
        case .number(let value): Array(NumericLabel.text(of: value).utf8)
        case .text(let bytes): bytes
        }
    }
}

/// The classes that labels, as a file spells them, are counted and reported as: each distinct
/// label renamed by the label map, made one class per number when labels are numbers, and the
/// missing values set apart. Counting keeps the file's spellings; this maps them to classes once,
/// when the report is built, so that it costs nothing per row.
public struct LabelClasses: Sendable {
    /// The classes' labels, as the report shows them.
    public let interner: LabelInterner
    /// For each id of the spelled labels, its class's id (`none` for a missing value that makes
    /// no class).
    public let classOf: [Int32]
    /// The id missing predictions count as: a class no report shows (its predictions are no
    /// class's false positives), past every class's id.
    public let none: Int32
    /// Whether the labels are numbers (and sort by value).
    public let areNumbers: Bool
    /// The first label that is no number (missing values aside), if any.
    public let firstNonNumber: String?
    /// Whether two differently spelled labels became one class.
    public let mergesLabels: Bool
    private let rules: LabelRules

    /// The classes of the labels `spelled` holds.
    ///
    /// - Parameters:
    ///   - spelled: the labels as the file spells them.
    ///   - missing: the ids of the missing values among them.
    ///   - missingAreClasses: whether missing values are classes of their own (else `none`).
    ///   - rules: renames and the label type.
    public init(_ spelled: LabelInterner, missing: Range<Int32>, missingAreClasses: Bool, rules: LabelRules) {
        self.rules = rules
        let ids = (0..<Int32(spelled.count))
        let nonNumber = ids.first { id in
            !missing.contains(id) && NumericLabel.value(rules.renamed(spelled.bytes(of: id))) == nil
        }
        firstNonNumber = nonNumber.map { String(decoding: rules.renamed(spelled.bytes(of: $0)), as: UTF8.self) }
        areNumbers = rules.type == .number || (rules.type == .auto && nonNumber == nil)
        var classes = LabelInterner()
        var classOfKey: [LabelClassKey: Int32] = [:]
        var classOf: [Int32] = []
        var missingIDs: [Int] = []
        var merges = false
        for id in ids {
            if missing.contains(id) && !missingAreClasses {
                classOf.append(-1)
                missingIDs.append(Int(id))
                continue
            }
            let key = rules.key(of: spelled.bytes(of: id), asNumbers: areNumbers)
            if let known = classOfKey[key] {
                classOf.append(known)
                merges = true
            } else {
                var bytes = key.bytes
                let classID = bytes.withUnsafeMutableBytes { classes.intern(UnsafeRawBufferPointer($0)) }
                classOfKey[key] = classID
                classOf.append(classID)
            }
        }
        interner = classes
        none = Int32(classes.count)
        for index in missingIDs { classOf[index] = none }
        self.classOf = classOf
        mergesLabels = merges
    }

    /// The id of the class `label` (spelled as a file or an option spells it) counts as, if any.
    ///
    /// - Parameter label: a label.
    /// - Returns: its class's id, or nil when no counted label is of that class.
    public func id(of label: String) -> Int32? {
        var bytes = rules.key(of: label.utf8, asNumbers: areNumbers).bytes
        return bytes.withUnsafeMutableBytes { interner.id(of: UnsafeRawBufferPointer($0)) }
    }
}

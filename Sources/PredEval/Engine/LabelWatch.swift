/// Labels as they are first seen while counting, each looked at once: with `--label-type number`
/// a label that is no number fails on its line; in multi-label counting the spellings of one
/// class (`1` and `1.0`, labels a label map joins) are counted under one id, so that a row's set
/// holds each class once.
struct LabelWatch: Sendable {
    /// Labels with ids below this have been looked at.
    private(set) var known: Int32 = 0
    /// Whether some label is counted under the id of another spelling (then `countedID` maps).
    private(set) var merges = false
    /// For each label looked at, the id it is counted under: the first spelling of its class.
    private var counted: [Int32] = []
    private var firstOfClass: [LabelClassKey: Int32] = [:]
    /// Whether a label that is no number was seen (missing values aside): then `auto` compares
    /// the labels that come after as text.
    private(set) var sawText = false
    private let rules: LabelRules
    private let reserved: ReservedLabels
    private let joinsSpellings: Bool
    private let file: String

    /// A watch over the labels of `file` under `options`; `joinsSpellings` for multi-label counts.
    init(file: String, options: EvaluationOptions, reserved: ReservedLabels, joinsSpellings: Bool) {
        rules = LabelRules(type: options.labelType, map: options.labelMap)
        self.reserved = reserved
        self.joinsSpellings = joinsSpellings
        self.file = file
    }

    /// Whether counting must look at new labels at all: to check numbers, or to join spellings.
    var isNeeded: Bool {
        rules.type == .number || (joinsSpellings && (rules.type == .auto || !rules.map.isEmpty))
    }

    /// The id label `id` is counted under.
    @inline(__always)
    func countedID(_ id: Int32) -> Int32 {
        merges ? counted[Int(id)] : id
    }

    /// Takes what a state says of the rows it counted: whether a label that is no number was
    /// seen (all that `absorb` and `finish` read).
    mutating func restore(sawText: Bool) {
        self.sawText = sawText
    }

    /// Adds what the watch over other rows of the file saw (labels are counted as they were).
    mutating func absorb(_ other: LabelWatch) {
        sawText = sawText || other.sawText
    }

    /// Fails when the labels of the whole file, `interner` (multi-label, `auto`), hold two
    /// spellings of one number and a label that is no number: whether the spellings are one
    /// label depends on which the file shows first, so neither answer is given. The rule looks
    /// at the whole file, not at the order of its rows, so that a read in parts decides as one
    /// read does; the error names no line.
    func finish(_ interner: LabelInterner) throws(EvaluationError) {
        guard joinsSpellings, rules.type == .auto, sawText else { return }
        var firstText: String?
        var spellings: (first: String, second: String)?
        var firstOfNumber: [Double: [UInt8]] = [:]
        for id in 0..<Int32(interner.count) where !reserved.isMissing(id) {
            let name = rules.renamed(interner.bytes(of: id))
            guard let value = NumericLabel.value(name) else {
                if firstText == nil { firstText = interner.label(id) }
                continue
            }
            guard spellings == nil else { continue }
            let number = value == 0 ? 0 : value
            if let first = firstOfNumber[number] {
                if first != name { spellings = (String(decoding: first, as: UTF8.self), interner.label(id)) }
            } else {
                firstOfNumber[number] = name
            }
        }
        guard let (first, second) = spellings, let text = firstText else { return }
        throw EvaluationError(file: file, reason: .numberSpellingsWithText(first: first, second: second, text: text))
    }

    /// Looks at every label of `interner` not looked at yet; `line` is the row that brought them.
    ///
    /// - Throws: `EvaluationError` for a label that is no number under `--label-type number`.
    mutating func learn(_ interner: LabelInterner, line: Int?) throws(EvaluationError) {
        while known < Int32(interner.count) {
            let id = known
            known += 1
            counted.append(id)
            guard !reserved.isMissing(id) else { continue }
            let bytes = interner.bytes(of: id)
            let isNumber = NumericLabel.value(rules.renamed(bytes)) != nil
            if !isNumber {
                if rules.type == .number {
                    throw EvaluationError(file: file, line: line, reason: .labelNotANumber(interner.label(id)))
                }
                sawText = true
            }
            guard joinsSpellings else { continue }
            let asNumbers = rules.type == .number || (rules.type == .auto && !sawText)
            let key = rules.key(of: bytes, asNumbers: asNumbers)
            if let first = firstOfClass[key] {
                counted[Int(id)] = first
                merges = true
            } else {
                firstOfClass[key] = id
            }
        }
    }
}

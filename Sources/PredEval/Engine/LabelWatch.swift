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
    /// Two spellings of one number counted as one (multi-label, `auto`), for the error should a
    /// label that is no number be seen too.
    private var numberSpellings: (first: String, second: String)?
    /// The first label that is no number (missing values aside).
    private var firstText: String?
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

    /// Adds what the watch over other rows of the file saw (labels are counted as they were).
    mutating func absorb(_ other: LabelWatch) {
        if numberSpellings == nil { numberSpellings = other.numberSpellings }
        if firstText == nil { firstText = other.firstText }
    }

    /// Fails when two spellings of one number were counted as one label and a label that is no
    /// number makes the labels text after all (multi-label, `auto`).
    func finish(line: Int? = nil) throws(EvaluationError) {
        guard let (first, second) = numberSpellings, let text = firstText else { return }
        throw EvaluationError(
            file: file, line: line, reason: .numberSpellingsWithText(first: first, second: second, text: text))
    }

    /// Looks at every label of `interner` not looked at yet; `line` is the row that brought them.
    ///
    /// - Throws: `EvaluationError` for a label that is no number under `--label-type number`, or
    ///   (multi-label, `auto`) a label that is no number after two spellings of one number.
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
                if firstText == nil { firstText = interner.label(id) }
                try finish(line: line)
            }
            guard joinsSpellings else { continue }
            let asNumbers = rules.type == .number || (rules.type == .auto && firstText == nil)
            let key = rules.key(of: bytes, asNumbers: asNumbers)
            if let first = firstOfClass[key] {
                counted[Int(id)] = first
                merges = true
                if case .number = key, rules.renamed(bytes) != rules.renamed(interner.bytes(of: first)),
                    rules.type == .auto, numberSpellings == nil
                {
                    numberSpellings = (interner.label(first), interner.label(id))
                    try finish(line: line)
                }
            } else {
                firstOfClass[key] = id
            }
        }
    }
}

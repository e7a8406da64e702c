import PredEvalCSV

/// Labels interned and rows counted from batches of rows: one per thread reading a part of a file,
/// merged afterwards in file order.
///
/// Where each value is in a batch, a `RowDecoding` tells: the actual label(s) (with a join, the
/// id), the predicted label(s), the group (slicing without a join; with a join the group comes
/// from the truth file), the binary score, and the score and indicator columns.
protocol RowTally: Sendable {
    /// What rows are counted into.
    associatedtype Counts: RowCounts
    /// The labels' ids.
    var interner: LabelInterner { get }
    /// Every counted row (with a join: the matched ones).
    var counts: Counts { get }
    /// When slicing: the rows of each slice.
    var slices: SlicedCounts<Counts>? { get }
    /// The join, if rows are matched to a truth file by id.
    var join: IDJoin? { get }
    /// The ids of the listed labels, which are interned first, so that "listed" is "id below
    /// the list's length" in every tally.
    var listedIDs: [Int32] { get }
    /// Counts every row of `batch` (with slices, until there are too many); throws at the first
    /// cell that cannot be read (a score, an indicator, a list) or a join failure.
    mutating func count(_ batch: borrowing RowBatch) throws(EvaluationError)
    /// Adds the labels and counts of `other`, a tally of later rows (never joined).
    mutating func absorb(_ other: Self)
    /// The thresholds scores were cut at, for the reports to name.
    var thresholds: [LabelThreshold]? { get }
    /// The labels reserved before any row: listed ones and missing values.
    var reserved: ReservedLabels { get }
    /// Rows skipped for a missing actual label or prediction (`skip`), by side.
    var missingSkips: MissingSkips { get }
    /// What counting gathered, as a state file holds it.
    var saved: SavedTally<Counts> { get }
    /// Takes `saved` (a state's) as what counting gathered; the tally is otherwise as made, for
    /// the same options and columns.
    mutating func restore(_ saved: SavedTally<Counts>)
    /// Settles, once every row is counted, what only the whole file tells: the negative label of
    /// a binary score.
    mutating func finish(file: String) throws(EvaluationError)
}

/// What a tally gathered from its rows, apart from how it reads them: what a state file holds,
/// and what merging states adds.
struct SavedTally<Counts: RowCounts>: Codable, Sendable {
    /// The labels, by their bytes, in id order.
    var interner: LabelInterner
    /// Every counted row.
    var counts: Counts
    /// When slicing: each slice's rows.
    var slices: SlicedCounts<Counts>?
    /// Rows skipped for a missing value.
    var missingSkips: MissingSkips
    /// Whether some label that is no number was seen (multi-label spellings, `LabelWatch`).
    var sawText: Bool
}

/// Counts that tell how many rows they hold and become a report.
protocol RowCounts: Sendable, Codable {
    /// Rows counted.
    var rows: Int { get }
    /// The report on these counts, whose ids `interner` names.
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report
    /// These counts with label `i` counted as `idMap[i]`.
    func relabeled(_ idMap: [Int32]) -> Self
}

extension MultiLabelCounts: RowCounts {
    func report(by builder: ReportBuilder, interner: LabelInterner) -> Report {
        builder.report(self, interner: interner)
    }
}

/// Rows skipped because a value was missing and the option for that side said `skip`.
struct MissingSkips: Codable, Sendable, Equatable {
    /// Rows whose actual label was missing.
    var actual = 0
    /// Rows whose prediction was missing.
    var predicted = 0

    /// Both together.
    var total: Int { actual + predicted }

    /// Adds the skips of other rows.
    mutating func add(_ other: MissingSkips) {
        actual += other.actual
        predicted += other.predicted
    }
}

/// What a row with a missing value does, as the options say.
enum MissingScreening {
    /// It counts (as it is, or — a missing prediction under `wrong` — as wrong).
    case count
    /// It is skipped.
    case skip
    /// The evaluation fails.
    case fail(EvaluationError)
}

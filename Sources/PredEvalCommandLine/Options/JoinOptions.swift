public import ArgumentParser
import PredEval

/// How rows are matched by id: `--truth`, `--id`, `--truth-id`, `--on-missing`, `--id-type`.
public struct JoinOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A file of actual labels to join the prediction files to by id (then --actual names its label column, --predicted the prediction files').", valueName: "file"))
    var truth: String?

    @Option(help: ArgumentHelp("The id column of the prediction files (and of the truth file, unless --truth-id names it).", valueName: "column"))
    var id: ColumnSelector?

    @Option(help: ArgumentHelp("The id column of the truth file, when it differs from --id.", valueName: "column"))
    var truthId: ColumnSelector?

    @Option(help: ArgumentHelp("Truth ids with no prediction: error (exit 2) or ignore (score the matched rows).", valueName: "mode"))
    var onMissing: MissingPredictions?

    @Option(help: ArgumentHelp("With --truth: compare ids as text (byte-exact) or as numbers (007, 7 and 7.0 one id).", valueName: "type"))
    var idType: IDType?

    /// Every option at its default.
    public init() {}

    /// The options that apply only beside another: whether each is given, and whether the one
    /// it needs is.
    var needs: [OptionNeed] {
        [
            OptionNeed(given: onMissing != nil, option: "--on-missing", needed: "--truth", neededGiven: truth != nil),
            OptionNeed(given: idType != nil, option: "--id-type", needed: "--truth", neededGiven: truth != nil),
        ]
    }
}

/// An option that does something only beside another.
struct OptionNeed {
    /// Whether the option is given.
    let given: Bool
    /// Its flag.
    let option: String
    /// The flag it needs.
    let needed: String
    /// Whether that is given.
    let neededGiven: Bool

    /// Refuses the option given without the one it needs.
    ///
    /// - Throws: `ValidationError` naming both.
    func check() throws {
        guard given && !neededGiven else { return }
        throw ValidationError("\(option) applies only with \(needed): give \(needed) too, or leave \(option) out.")
    }
}

public import ArgumentParser

/// The `predeval` command: its subcommands, `evaluate` the default.
public struct PredevalCommand: ParsableCommand {
    /// Name, abstract, subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "predeval",
        abstract: "Score machine-learning predictions stored in CSV files, as scikit-learn would.",
        discussion: """
            predeval reads a CSV of actual and predicted labels in one streaming pass and reports, \
            per class and overall, precision, recall and F1 (micro, macro, weighted, and samples \
            for multi-label), accuracy and the confusion matrix; 'predeval compare' compares models \
            scored on the same rows.

            Exit status: 0 report written; 1 a --fail-under quality gate failed (the report is still written); \
            2 bad usage or bad input, with a message naming the file and line; 130 or 143 after \
            SIGINT or SIGTERM. predeval never dies by a signal: a full disk is status 2 \
            with a message, a closed output pipe a quiet 0.
            """,
        version: "0.1.0",
        subcommands: [EvaluateCommand.self, CompareCommand.self, MergeCommand.self],
        defaultSubcommand: EvaluateCommand.self)

    /// The command with nothing set (subcommands do the work).
    public init() {}
}

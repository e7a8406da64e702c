// The engine's API speaks in the core's types (Report, ZeroDivision, ColumnSelector, the
// renderers), so a user who imports PredEval has them all.
@_exported public import PredEvalCore

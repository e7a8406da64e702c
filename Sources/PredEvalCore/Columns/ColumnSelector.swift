/// Which column of a file a value comes from.
public enum ColumnSelector: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The column at this 1-based position.
    case position(Int)
    /// The column whose header cell is exactly this name.
    case name(String)
    /// The first of these names (compared case-insensitively, surrounding spaces ignored) that a
    /// header cell carries: how a default column is found.
    case firstNamed([String])

    /// How the selector reads in a message.
    public var description: String {
        switch self {
        case .position(let position): return "column \(position)"
        case .name(let name): return "column '\(name)'"
        case .firstNamed(let names): return "a column named \(names.joined(separator: ", "))"
        }
    }
}

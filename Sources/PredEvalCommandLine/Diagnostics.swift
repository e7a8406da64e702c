import Foundation

/// A failure of the command line itself (the report cannot be written, a ranking or gate metric
/// the report lacks), reported as `predeval: error: MESSAGE` with exit status 2.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// The message, starting with the file (and line) it concerns.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Messages to standard error, in the `predeval: KIND: message` form.
enum Diagnostics {
    /// Writes `predeval: warning: message`.
    static func warn(_ message: String) {
        writeError("predeval: warning: \(message)\n")
    }

    /// Writes `predeval: error: message`.
    static func error(_ message: String) {
        writeError("predeval: error: \(message)\n")
    }

    /// Writes text to standard error as it is.
    static func writeError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}

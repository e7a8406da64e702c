#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// Writes text to standard error as it is (all of it, through interrupted and short writes;
    /// an error that persists drops the rest).
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

import PredEval

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// State files (`--emit-state`, `predeval merge`): read whole, and never written to a terminal.
enum StateFiles {
    /// The state in the file at `path` (`-`: standard input).
    ///
    /// - Throws: `EvaluationError` naming the file: it cannot be read, or holds no state this
    ///   build reads.
    static func read(_ path: String) throws(EvaluationError) -> EvaluationState {
        let descriptor = path == "-" ? STDIN_FILENO : open(FileName.systemBytes(path), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw EvaluationError(file: path, reason: .cannotOpen(String(cString: strerror(errno)))) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            throw EvaluationError(file: path, reason: .isDirectory)
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw EvaluationError(file: path, reason: .readFailed(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return try EvaluationState(serialized: bytes, path: path)
    }

    /// Refuses to write a state's binary bytes to a terminal.
    ///
    /// - Throws: `CommandFailure` when the output is standard output and that is a terminal.
    static func refuseTerminal(_ destination: ReportOutput) throws {
        if destination.path == nil && isatty(STDOUT_FILENO) == 1 {
            throw CommandFailure("--emit-state -: standard output is a terminal; a state is binary (redirect it, or name a file)")
        }
    }
}

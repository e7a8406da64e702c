#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

import PredEval

/// Where a rendered report goes: standard output, or the file `--output` names, written
/// atomically: into a temporary file beside it, flushed to disk, then renamed over it. On any
/// failure, or a signal, the old file is left whole and the temporary file removed.
struct ReportOutput {
    /// The file to write, or nil for standard output.
    let path: String?

    /// Output to `path`; `-` (as `--emit-state -` writes) and nil are standard output.
    init(path: String?) {
        self.path = path == "-" ? nil : path
    }

    /// Writes the whole report.
    ///
    /// - Parameter text: the report.
    /// - Throws: `CommandFailure` naming the target and the system's reason.
    func write(_ text: String) throws {
        try write(bytes: Array(text.utf8))
    }

    /// Writes every byte of `bytes` (a state file, say).
    ///
    /// - Parameter bytes: what to write.
    /// - Throws: `CommandFailure` naming the target and the system's reason.
    func write(bytes: [UInt8]) throws {
        guard let path else {
            do {
                try Self.writeAll(bytes, to: STDOUT_FILENO, naming: "standard output")
            } catch let failure as ClosedPipe {
                // The reader has gone (`predeval … | head`): nothing is lost that it wanted.
                _ = failure
            }
            return
        }
        try writeAtomically(bytes, to: path)
    }

    /// Refuses an output that is the same file as one of `inputs` (by device and inode), before
    /// anything is read.
    ///
    /// - Parameter inputs: the files to be read.
    /// - Throws: `CommandFailure` naming both.
    func checkNotAmong(_ inputs: [String]) throws {
        guard let path, let output = Self.identity(of: path) else { return }
        for input in inputs where input != "-" {
            if let identity = Self.identity(of: input), identity == output {
                throw CommandFailure(
                    "\(TerminalText.escaped(path)): --output is the input file \(TerminalText.escaped(input)); "
                        + "refusing to overwrite it (write the report elsewhere)")
            }
        }
    }

    // MARK: Private

    private func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = FileName.systemBytes("\(directory.isEmpty ? "/" : directory)/.\(name).predeval-XXXXXX")
        // No signal between making the temporary file and recording it for the handler to remove.
        let descriptor = PendingOutput.withSignalsHeld { () -> Int32 in
            let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if made >= 0 { PendingOutput.set(template) }
            return made
        }
        guard descriptor >= 0 else { throw Self.failure(path, errno) }
        let target = FileName.systemBytes(path)
        var renamed = false
        defer {
            if !renamed { unlink(template) }
            PendingOutput.clear()
        }
        do {
            // The report gets the mode a new file would: what the umask leaves of 0666, or the
            // mode of the file it replaces.
            var status = stat()
            let mode: mode_t = stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o666 & ~Self.umaskValue
            if fchmod(descriptor, mode) != 0 { throw Self.failure(path, errno) }
            try Self.writeAll(bytes, to: descriptor, naming: path)
            if fsync(descriptor) != 0 { throw Self.failure(path, errno) }
        } catch {
            close(descriptor)
            throw error
        }
        if close(descriptor) != 0 { throw Self.failure(path, errno) }
        PendingOutput.commit()
        guard rename(template, target) == 0 else { throw Self.failure(path, errno) }
        renamed = true
    }

    private static var umaskValue: mode_t {
        let current = umask(0o022)
        umask(current)
        return current
    }

    /// Writes every byte of `text`, retrying short writes and interruptions.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, naming target: String) throws {
        var bytes = bytes
        try bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { throw ClosedPipe() }
                    throw failure(target, errno)
                }
                offset += written
            }
        }
    }

    private static func failure(_ target: String, _ code: Int32) -> CommandFailure {
        CommandFailure("\(TerminalText.escaped(target)): cannot write the report: \(String(cString: strerror(code)))")
    }

    /// The device and inode of the file at `path`, if there is one.
    private static func identity(of path: String) -> [UInt64]? {
        var status = stat()
        guard stat(FileName.systemBytes(path), &status) == 0 else { return nil }
        return [UInt64(status.st_dev), UInt64(status.st_ino)]
    }
}

/// Standard output is a pipe whose reader has closed it.
private struct ClosedPipe: Error {}

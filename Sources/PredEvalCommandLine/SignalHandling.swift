#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the process meets signals: a closed pipe is a write error, met quietly (SIGPIPE
/// ignored), a file-size limit is one too (SIGXFSZ ignored: write(2) then fails with EFBIG), and
/// SIGINT or SIGTERM end the process with status 130 or 143 after removing the temporary file of a
/// report being written, so that no partial report is left behind.
public enum SignalHandling {
    /// Installs the handlers; call once, first.
    public static func install() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        PendingOutput.prepare()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = endOnSignal
        sigemptyset(&action.sa_mask)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signalNumber in [SIGINT, SIGTERM] {
            sigaction(signalNumber, &action, nil)
            sigaddset(&unblocked, signalNumber)
        }
        // A parent may have left them blocked (a test runner's threads do): they must arrive.
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    }
}

/// The signal handler: async-signal-safe calls only (unlink, _exit). Once the report is being
/// renamed into place the run is as good as done: the signal is let go, and the run ends as it
/// would have (0, or 1 for a failed gate), so that 130 and 143 always mean the old report.
private func endOnSignal(_ signalNumber: Int32) {
    if PendingOutput.isCommitting { return }
    PendingOutput.removeFromSignalHandler()
    _exit(128 + signalNumber)
}

/// The temporary file of the report being written, if any, as a C string in memory that is
/// allocated before any signal can come: what the handler removes.
enum PendingOutput {
    private static let capacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    /// Allocates the path's memory (outside any handler).
    static func prepare() {
        if path == nil {
            path = .allocate(capacity: capacity)
            path!.initialize(repeating: 0, count: capacity)
        }
    }

    /// Records the file whose NUL-terminated name is `file` as the one to remove on a signal.
    static func set(_ file: [CChar]) {
        guard let path else { return }
        let bytes = Array(file.prefix { $0 != 0 }.prefix(capacity - 1)).map { UInt8(bitPattern: $0) }
        // The first byte goes in last: a handler that runs meanwhile sees no path, never half of one.
        path[0] = 0
        for index in bytes.indices.dropFirst() { path[index] = CChar(bitPattern: bytes[index]) }
        path[bytes.count] = 0
        if let first = bytes.first { path[0] = CChar(bitPattern: first) }
    }

    /// Runs `body` with SIGINT and SIGTERM held back until it returns.
    static func withSignalsHeld<Result>(_ body: () -> Result) -> Result {
        var held = sigset_t()
        sigemptyset(&held)
        sigaddset(&held, SIGINT)
        sigaddset(&held, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return body()
    }

    /// No temporary file is pending any more.
    static func clear() {
        path?[0] = 0
    }

    /// Whether the report is being (or has been) renamed into place: signals no longer end the run.
    nonisolated(unsafe) private(set) static var isCommitting = false

    /// Marks the report as going into place, just before it is renamed over the old one (a
    /// failed rename still ends the run with an error, the old report whole).
    static func commit() {
        isCommitting = true
    }

    /// Removes the pending temporary file; called only from the signal handler.
    static func removeFromSignalHandler() {
        if let path, path[0] != 0 { unlink(path) }
    }
}

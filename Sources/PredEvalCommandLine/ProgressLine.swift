import PredEval
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A progress line on standard error for large files — percent read, rows per second, time left —
/// redrawn in place at most five times a second and erased when the file is done. Shown only when
/// standard error is a terminal; batches from several threads may report at once.
final class ProgressLine: EvaluationProgress {
    /// Files smaller than this are read too quickly to need a progress line.
    static let minimumFileBytes = 32 << 20

    private struct State {
        var file = ""
        var totalBytes = 0
        var bytesRead = 0
        var rows = 0
        var started = ContinuousClock.now
        var lastDrawn: ContinuousClock.Instant?
        var isShowing = false
    }

    private let state = Mutex(State())

    private init() {}

    /// A progress line if standard error is a terminal, else nil.
    static func forTerminal() -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
    }

    /// Starts following `file` if it is a regular file large enough to need it; returns whether
    /// it does.
    func start(file: String) -> Bool {
        var status = stat()
        guard FileName.systemBytes(file).withUnsafeBufferPointer({ stat($0.baseAddress!, &status) }) == 0,
            (status.st_mode & S_IFMT) == S_IFREG, status.st_size >= Self.minimumFileBytes
        else { return false }
        let size = Int(status.st_size)
        state.withLock { $0 = State(file: file, totalBytes: size) }
        return true
    }

    /// Counts a batch of rows as read, and redraws the line if it is due.
    func advance(byteCount: Int, rowCount: Int) {
        let line: String? = state.withLock { state in
            state.bytesRead += byteCount
            state.rows += rowCount
            let now = ContinuousClock.now
            if let last = state.lastDrawn, now - last < .milliseconds(200) { return nil }
            state.lastDrawn = now
            state.isShowing = true
            return Self.text(state, now: now)
        }
        if let line { Diagnostics.writeError("\r" + line + "\u{1B}[K") }
    }

    /// Erases the line, if it was drawn.
    func finish() {
        let wasShowing = state.withLock { state in
            defer { state.isShowing = false }
            return state.isShowing
        }
        if wasShowing { Diagnostics.writeError("\r\u{1B}[K") }
    }

    private static func text(_ state: State, now: ContinuousClock.Instant) -> String {
        let duration = now - state.started
        let elapsed = max(Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18, 0.001)
        let fraction = min(Double(state.bytesRead) / Double(max(state.totalBytes, 1)), 1)
        let left = fraction > 0 ? elapsed / fraction - elapsed : 0
        let percent = String(Int((fraction * 100).rounded()))
        let centiMillions = Int((Double(state.rows) / elapsed / 1e4).rounded())  // rows per second, in 10^4
        let rate = "\(centiMillions / 100).\(centiMillions % 100 < 10 ? "0" : "")\(centiMillions % 100)"
        let figures = String(repeating: " ", count: max(0, 3 - percent.count)) + percent
            + "%, \(rate) M rows/s, \(Int(left.rounded())) s left"
        return "predeval: \(TerminalText.escaped(state.file)): \(figures)"
    }
}

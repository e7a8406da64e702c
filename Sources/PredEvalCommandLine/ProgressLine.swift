import Foundation
import PredEval
import Synchronization

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
        var started = Date()
        var lastDrawn = Date.distantPast
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
            let now = Date()
            guard now.timeIntervalSince(state.lastDrawn) >= 0.2 else { return nil }
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

    private static func text(_ state: State, now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(state.started), 0.001)
        let fraction = min(Double(state.bytesRead) / Double(max(state.totalBytes, 1)), 1)
        let left = fraction > 0 ? elapsed / fraction - elapsed : 0
        let rowsPerSecond = Double(state.rows) / elapsed
        let figures = String(format: "%3.0f%%, %.2f M rows/s, %.0f s left", fraction * 100, rowsPerSecond / 1e6, left)
        return "predeval: \(TerminalText.escaped(state.file)): \(figures)"
    }
}

/// Follows the reading of large files: what the command line draws its progress line from.
/// Batches read on several threads may report at once, so an implementation must be safe to
/// call from any thread.
public protocol EvaluationProgress: Sendable {
    /// Reading of `file` starts.
    ///
    /// - Parameter file: the path as given.
    /// - Returns: whether to follow this file (`advance` and `finish` are called only then).
    func start(file: String) -> Bool
    /// A batch of rows was read.
    ///
    /// - Parameters:
    ///   - byteCount: the input bytes read since the previous batch.
    ///   - rowCount: the rows the batch holds.
    func advance(byteCount: Int, rowCount: Int)
    /// Reading of the file has ended, however it ended.
    func finish()
}

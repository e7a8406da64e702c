#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Bytes waiting in a pipe, read back by the real reader through `/proc/self/fd/N` as standard
/// input is read: on the decoding thread, in blocks cut at rows.
struct PipedBytes: ~Copyable {
    /// The path that opens the pipe's reading end.
    let path: String
    private let readingEnd: Int32

    /// The most bytes a pipe takes before a write waits (Linux's default capacity is 64 KiB).
    static let capacity = 1 << 15

    /// A pipe holding `bytes` (at most `capacity`) and then its end.
    init(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= Self.capacity, "more bytes than a pipe holds unread")
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { fatalError("predeval-fuzz: pipe: \(String(cString: strerror(errno)))") }
        var written = 0
        while written < bytes.count {
            let count = write(ends[1], bytes.baseAddress! + written, bytes.count - written)
            guard count > 0 else { fatalError("predeval-fuzz: write: \(String(cString: strerror(errno)))") }
            written += count
        }
        close(ends[1])
        readingEnd = ends[0]
        path = "/proc/self/fd/\(ends[0])"
    }

    deinit { close(readingEnd) }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A file without a name in any directory, rewritten for every input and read back by the real
/// reader through `/proc/self/fd/N`, so the whole path from open(2) on is exercised.
struct ScratchFile: ~Copyable {
    /// The path that opens this file.
    let path: String
    private let descriptor: Int32

    /// Creates the file in the temporary directory and unlinks it at once.
    init() {
        var template = Array("\(Self.temporaryDirectory)/predeval-fuzz-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard created >= 0 else { fatalError("predeval-fuzz: cannot create a scratch file: \(Self.systemMessage())") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = created
        path = "/proc/self/fd/\(created)"
    }

    deinit { close(descriptor) }

    /// Makes `bytes` the whole content of the file.
    func replaceContents(with bytes: UnsafeRawBufferPointer) {
        guard ftruncate(descriptor, 0) == 0 else { fatalError("predeval-fuzz: ftruncate: \(Self.systemMessage())") }
        var written = 0
        while written < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(written))
            guard count > 0 else { fatalError("predeval-fuzz: pwrite: \(Self.systemMessage())") }
            written += count
        }
    }

    private static var temporaryDirectory: String {
        if let directory = getenv("TMPDIR") { return String(cString: directory) }
        return "/tmp"
    }

    private static func systemMessage() -> String { String(cString: strerror(errno)) }
}

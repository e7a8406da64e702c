#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

import PredEvalCore

/// A file or standard input, read with read(2) into the caller's buffer.
struct ByteSource: ~Copyable {
    /// The name used in messages: the path as given, `-` for standard input.
    let displayName: String
    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// A regular file's size and modification time when it was opened (nil for anything else).
    private let openedState: [Int]?

    /// Opens `path` for reading; `-` is standard input.
    init(path: String) throws(CSVReadError) {
        displayName = path
        if path == "-" {
            descriptor = STDIN_FILENO
            closesDescriptor = false
            openedState = Self.state(of: STDIN_FILENO)
            return
        }
        let opened = FileName.systemBytes(path).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        guard opened >= 0 else {
            throw CSVReadError(file: path, reason: .cannotOpen(Self.systemMessage(errno)))
        }
        var status = stat()
        if fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(opened)
            throw CSVReadError(file: path, reason: .isDirectory)
        }
        descriptor = opened
        closesDescriptor = true
        openedState = Self.state(of: opened)
    }

    /// Throws when the regular file being read is no longer as it was when it was opened: its size
    /// or modification time moved (it was truncated, appended to or rewritten meanwhile), so the
    /// rows read are not the rows it holds.
    func checkUnchanged() throws(CSVReadError) {
        guard let openedState, Self.state(of: descriptor) != openedState else { return }
        throw CSVReadError(file: displayName, reason: .changedWhileRead)
    }

    /// Size and modification time of a regular file; nil for anything else.
    private static func state(of descriptor: Int32) -> [Int]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// Fills as much of `buffer` as one read gives; 0 means the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError) -> Int {
        while true {
            let count = readDescriptor(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CSVReadError(file: displayName, reason: .readFailed(Self.systemMessage(errno)))
        }
    }

    /// Moves to byte `offset` of a file, where the next read starts.
    func seek(to offset: Int) throws(CSVReadError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw CSVReadError(file: displayName, reason: .readFailed(Self.systemMessage(errno)))
        }
    }

    /// The size of the regular file at `path` in bytes; nil for anything else (a FIFO, a device,
    /// a directory), which is looked at without being opened: opening a FIFO would take its data.
    static func regularFileSize(atPath path: String) -> Int? {
        var status = stat()
        guard FileName.systemBytes(path).withUnsafeBufferPointer({ stat($0.baseAddress!, &status) }) == 0,
            (status.st_mode & S_IFMT) == S_IFREG
        else { return nil }
        return Int(status.st_size)
    }

    /// Reads up to `count` bytes at byte `offset` without moving the read position; fewer at the
    /// end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(CSVReadError) -> Int {
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CSVReadError(file: displayName, reason: .readFailed(Self.systemMessage(errno)))
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// read(2), named apart from `ByteSource.read(into:)`.
private func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

import PredEvalCore

/// A file or standard input, read with read(2) into the caller's buffer: a plain regular file
/// directly, anything else (standard input, a pipe, a compressed or UTF-16 file) through a
/// `DecodedStream`, which reads and decodes it on a thread of its own. Or a block of a stream
/// held in memory.
struct ByteSource: ~Copyable {
    /// The name used in messages: the path as given, `-` for standard input.
    let displayName: String
    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// A regular file's size and modification time when it was opened (nil for anything else).
    private let openedState: [Int]?
    /// Where the bytes come from when not read from the descriptor here.
    private let text: (any TextStream)?

    /// Opens `path` for reading; `-` is standard input.
    ///
    /// - Parameters:
    ///   - path: the file, or `-`.
    ///   - cutsAtRows: whether a stream's blocks end at rows (for `CSVStreamPlan`).
    ///   - quote: the quote byte, which the cutting needs.
    ///   - blockBytes: the size of a stream's blocks.
    init(
        path: String, cutsAtRows: Bool = false, quote: UInt8 = UInt8(ascii: "\""),
        blockBytes: Int = DecodedStream.defaultBlockBytes
    ) throws(CSVReadError) {
        displayName = path
        let opened: Int32
        if path == "-" {
            opened = STDIN_FILENO
        } else {
            opened = FileName.systemBytes(path).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
            guard opened >= 0 else {
                throw CSVReadError(file: path, reason: .cannotOpen(Self.systemMessage(errno)))
            }
            var status = stat()
            if fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw CSVReadError(file: path, reason: .isDirectory)
            }
        }
        let state = Self.state(of: opened)
        descriptor = opened
        openedState = state
        if path != "-" && state != nil && Self.encoding(of: opened) == nil {
            closesDescriptor = true
            text = nil
        } else {
            // The stream reads the descriptor from here on, and closes it (not standard input).
            closesDescriptor = false
            text = DecodedStream(
                descriptor: opened, held: [], closesDescriptor: path != "-", openedState: state, cutsAtRows: cutsAtRows,
                quote: quote, blockBytes: blockBytes)
        }
    }

    /// A block of a decoded stream, read as a whole input; the stream's first block when
    /// `streamStart` (the stream's first bytes, which its start is looked at in) is given.
    init(block: DecodedStream.Block, displayName: String, streamStart: [UInt8]? = nil) {
        self.displayName = displayName
        descriptor = -1
        closesDescriptor = false
        openedState = nil
        text = BlockText(block, streamStart: streamStart)
    }

    /// The rest of `stream`, read as an input.
    init(stream: DecodedStream, displayName: String) {
        self.displayName = displayName
        descriptor = -1
        closesDescriptor = false
        openedState = nil
        text = stream
    }

    /// Whether the bytes are lent from memory (`lentBytes(upTo:)`) rather than read.
    var lendsBytes: Bool { text is BlockText }

    /// The next at most `limit` bytes of a block in memory, lent until the source goes (empty at
    /// its end); nil for any other source, which is read.
    func lentBytes(upTo limit: Int) -> UnsafeRawBufferPointer? {
        (text as? BlockText)?.take(upTo: limit)
    }

    /// The stream the input is read through; nil for a plain regular file or a block.
    var stream: DecodedStream? { text as? DecodedStream }

    /// The encoding a regular file's first bytes show, read without moving its position.
    private static func encoding(of descriptor: Int32) -> InputEncoding? {
        var start = [UInt8](repeating: 0, count: InputEncoding.magicLength)
        let count = start.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return start.withUnsafeBytes { InputEncoding.detected(in: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    /// Whether the regular file at `path` starts as gzip, zstd or UTF-16 (false when it cannot be
    /// read: the reader reports why).
    static func isEncodedFile(atPath path: String) -> Bool {
        let opened = FileName.systemBytes(path).withUnsafeBufferPointer { open($0.baseAddress!, O_RDONLY | O_CLOEXEC) }
        guard opened >= 0 else { return false }
        defer { close(opened) }
        return encoding(of: opened) != nil
    }

    /// Throws when the regular file being read is no longer as it was when it was opened: its size
    /// or modification time moved (it was truncated, appended to or rewritten meanwhile), so the
    /// rows read are not the rows it holds.
    func checkUnchanged() throws(CSVReadError) {
        // A stream checks the file itself, when its thread reaches the end.
        guard text == nil, let openedState, Self.state(of: descriptor) != openedState else { return }
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
        stream?.finish()
    }

    /// Fills as much of `buffer` as one read gives; 0 means the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError) -> Int {
        if let text {
            do throws(CSVReadError.Reason) { return try text.read(into: buffer) } catch {
                throw CSVReadError(file: displayName, reason: error)
            }
        }
        while true {
            let count = readDescriptor(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw CSVReadError(file: displayName, reason: .readFailed(Self.systemMessage(errno)))
        }
    }

    /// Copies the input's first bytes (up to `sample.count`) into `sample` without taking them;
    /// call before any read.
    func start(into sample: UnsafeMutableRawBufferPointer) throws(CSVReadError) -> Int {
        guard let text else { return try read(into: sample, at: 0) }
        do throws(CSVReadError.Reason) { return try text.start(into: sample) } catch {
            throw CSVReadError(file: displayName, reason: error)
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

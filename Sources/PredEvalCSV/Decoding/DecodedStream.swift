internal import Dispatch
internal import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An input read, and decoded where it is compressed or UTF-16, on a thread of its own, handed
/// over as blocks of UTF-8 text while the reader parses the blocks before.
///
/// What it decodes is told by the first bytes: gzip, zstd (either possibly holding UTF-16), UTF-16
/// with a byte-order mark, or plain text (standard input and pipes come through here too, so that
/// reading overlaps parsing). With `cutsAtRows`, each block but the last ends where a row ends —
/// after a line feed outside quotes, the quotes before it being even in number, which in strict
/// CSV is exactly "outside a quoted field" — so that blocks can be parsed on several threads
/// (`CSVStreamPlan`). A block that cannot be cut within 16 times the block size (a quoted
/// field of many lines, or bad quotes) is handed over with `endsAtRow` false; cutting stops there.
final class DecodedStream: TextStream, @unchecked Sendable {
    /// A block of decoded text.
    final class Block: @unchecked Sendable {
        /// The bytes; not written once handed over.
        let bytes: UnsafeRawBufferPointer
        /// The offset of the block's first byte in the decoded input.
        let offset: Int
        /// Whether this is the input's last block.
        let isLast: Bool
        /// Whether the block ends where a row ends (always true for the last).
        let endsAtRow: Bool
        private let storage: UnsafeMutableRawBufferPointer
        private let pool: BlockPool

        init(
            _ storage: UnsafeMutableRawBufferPointer, count: Int, offset: Int, isLast: Bool, endsAtRow: Bool, pool: BlockPool
        ) {
            bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[..<count])
            self.storage = storage
            self.pool = pool
            self.offset = offset
            self.isLast = isLast
            self.endsAtRow = endsAtRow || isLast
        }

        deinit { pool.giveBack(storage) }
    }

    /// Block storage of the usual size, kept for the next blocks: memory the system need not map
    /// and fault in again for every block.
    final class BlockPool: @unchecked Sendable {
        /// The size of the storage kept.
        let size: Int
        private let kept = Mutex<[Storage]>([])
        /// The most storage kept.
        private static let limit = 8

        /// Storage passed between the threads, owned by one at a time.
        private struct Storage: @unchecked Sendable {
            let buffer: UnsafeMutableRawBufferPointer
        }

        init(size: Int) {
            self.size = size
        }

        /// Storage of `count` bytes: kept storage when `count` is the usual size.
        func take(_ count: Int) -> UnsafeMutableRawBufferPointer {
            if count == size, let storage = kept.withLock({ $0.popLast() }) { return storage.buffer }
            return .allocate(byteCount: count, alignment: 16)
        }

        /// Keeps `storage` for reuse, or frees it.
        func giveBack(_ storage: UnsafeMutableRawBufferPointer) {
            let keeps = storage.count == size && kept.withLock { list in
                guard list.count < Self.limit else { return false }
                list.append(Storage(buffer: storage))
                return true
            }
            if !keeps { storage.deallocate() }
        }

        deinit { kept.withLock { $0.forEach { $0.buffer.deallocate() } } }
    }

    /// The size a block is filled to before it is cut, unless told otherwise.
    static let defaultBlockBytes = 1 << 20
    /// Blocks decoded ahead of the reader at most.
    private static let queueCapacity = 3

    /// The encoding found at the start (nil: plain text); known once the first block is in.
    var encoding: InputEncoding? { state.withLock { $0.encoding } }

    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let held: [UInt8]
    private let cutsAtRows: Bool
    private let quote: UInt8
    /// The size a block is filled to before it is cut.
    private let blockBytes: Int
    /// Where blocks' storage comes from and goes back to.
    private let pool: BlockPool
    /// The regular file's size and modification time when opened (nil for other input).
    private let openedState: [Int]?
    private let state = Mutex(Shared())
    /// The reading thread, until `finish()` waits for it or lets it go.
    private let thread = Mutex<pthread_t?>(nil)
    private let filled = DispatchSemaphore(value: 0)
    /// Room in the queue. Made at 0 and signalled up to its capacity: libdispatch traps when a
    /// semaphore goes away below the value it was made with, as this one may at a cancel.
    private let free = DispatchSemaphore(value: 0)
    /// The block being read by `read(into:)` (the reader's side only) and the position in it.
    private var current: Block?
    private var position = 0
    /// Blocks given back by the reader, handed out again first (the reader's side only).
    private var returned: [Block] = []
    /// What stopped the decoding, once the reader has met it (the reader's side only).
    private var failure: CSVReadError.Reason?
    /// Whether the reader has taken the last block from the queue (the reader's side only).
    private var sawLast = false

    private struct Shared {
        var queue: [Result<Block, CSVReadError.Reason>] = []
        var cancelled = false
        var encoding: InputEncoding?
    }

    /// Starts reading `descriptor` on a thread of its own, `held` (bytes already read from it)
    /// first; closes the descriptor at the end when `closesDescriptor`.
    ///
    /// - Parameters:
    ///   - descriptor: the input, read from its current position.
    ///   - held: bytes read from it already.
    ///   - closesDescriptor: whether the stream owns the descriptor.
    ///   - openedState: a regular file's size and modification time, checked at the end.
    ///   - cutsAtRows: whether blocks end at rows (for parallel parsing).
    ///   - quote: the quote byte, for cutting.
    ///   - blockBytes: the size a block is filled to (at least 16).
    init(
        descriptor: Int32, held: [UInt8], closesDescriptor: Bool, openedState: [Int]?, cutsAtRows: Bool, quote: UInt8,
        blockBytes: Int = DecodedStream.defaultBlockBytes
    ) {
        self.blockBytes = max(blockBytes, 16)
        pool = BlockPool(size: self.blockBytes)
        for _ in 0..<Self.queueCapacity { free.signal() }
        self.descriptor = descriptor
        self.held = held
        self.closesDescriptor = closesDescriptor
        self.openedState = openedState
        self.cutsAtRows = cutsAtRows
        self.quote = quote
        var created = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(&created, nil, { context in
            Unmanaged<DecodedStream>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if started == 0 {
            thread.withLock { $0 = created }
        } else {
            Unmanaged<DecodedStream>.fromOpaque(context).release()
            state.withLock { $0.queue.append(.failure(.readFailed("cannot start the reading thread: \(String(cString: strerror(started)))"))) }
            filled.signal()
        }
    }

    /// Tells the thread to stop (it does at its next block) and to drop what it holds.
    private func cancel() {
        state.withLock { $0.cancelled = true }
        free.signal()
    }

    /// Stops the thread (see `cancel()`) and, where it cannot be waiting for input that may never
    /// come — a regular file's, or an input read to its end or to its failure — waits for it to
    /// end, so that nothing it holds outlives the read; a pipe's thread is let go to end alone.
    /// Call on the reader's side, once the stream is no longer read.
    func finish() {
        cancel()
        guard let running = thread.withLock({ $0.take() }) else { return }
        if openedState != nil || sawLast || failure != nil {
            pthread_join(running, nil)
        } else {
            pthread_detach(running)
        }
    }

    // MARK: The reader's side

    /// The next block, nil after the last; throws what stopped the decoding, in its place (and
    /// at every call after).
    func next() throws(CSVReadError.Reason) -> Block? {
        if let block = returned.popLast() { return block }
        if let failure { throw failure }
        if sawLast { return nil }
        filled.wait()
        let item = state.withLock { $0.queue.removeFirst() }
        free.signal()
        switch item {
        case .success(let block):
            if block.isLast { sawLast = true }
            return block
        case .failure(let reason):
            failure = reason
            throw reason
        }
    }

    /// Hands `block` out again at the next `next()` or `read(into:)`.
    func giveBack(_ block: Block) {
        returned.append(block)
    }

    /// Copies the next bytes into `buffer`; 0 at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        while current == nil || position == current!.bytes.count {
            guard let block = try next() else { return 0 }
            current = block
            position = 0
        }
        let block = current!
        let count = min(buffer.count, block.bytes.count - position)
        buffer.baseAddress!.copyMemory(from: block.bytes.baseAddress! + position, byteCount: count)
        position += count
        return count
    }

    /// Copies the input's first bytes into `sample` without taking them; call before any read.
    /// A failure met there is thrown after the blocks before it are read.
    func start(into sample: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        var count = 0
        var blocks: [Block] = []
        while count < sample.count, let block = try? next() {
            blocks.append(block)
            let taken = min(sample.count - count, block.bytes.count)
            if taken > 0 { (sample.baseAddress! + count).copyMemory(from: block.bytes.baseAddress!, byteCount: taken) }
            count += taken
        }
        for block in blocks.reversed() { giveBack(block) }
        return count
    }

    // MARK: The thread's side

    private func run() {
        defer { if closesDescriptor { close(descriptor) } }
        var offset = 0
        var pending = pool.take(blockBytes)
        var count = 0
        var cutting = cutsAtRows
        do {
            let producer = try pipeline()
            while true {
                let read = try producer.produce(into: UnsafeMutableRawBufferPointer(rebasing: pending[count...]))
                count += read
                if read == 0 {
                    try checkUnchanged()
                    _ = hand(Block(pending, count: count, offset: offset, isLast: true, endsAtRow: true, pool: pool))
                    return
                }
                guard count == pending.count else { continue }
                var cut = count
                if cutting {
                    if let rowEnd = lastRowEnd(UnsafeRawBufferPointer(rebasing: pending[..<count])) {
                        cut = rowEnd
                    } else if pending.count < 16 * blockBytes {
                        let grown = pool.take(2 * pending.count)
                        grown.baseAddress!.copyMemory(from: pending.baseAddress!, byteCount: count)
                        pool.giveBack(pending)
                        pending = grown
                        continue
                    } else {
                        cutting = false
                    }
                }
                let carried = count - cut
                // A grown block may carry more than a block: room for it, and for more input.
                let next = pool.take(max(blockBytes, 2 * carried))
                if carried > 0 { next.baseAddress!.copyMemory(from: pending.baseAddress! + cut, byteCount: carried) }
                let endsAtRow = cutting
                guard hand(Block(pending, count: cut, offset: offset, isLast: false, endsAtRow: endsAtRow, pool: pool)) else {
                    pool.giveBack(next)
                    return
                }
                offset += cut
                pending = next
                count = carried
            }
        } catch {
            // What was decoded before the failure is read first, as a sequential read would.
            if hand(Block(pending, count: count, offset: offset, isLast: false, endsAtRow: false, pool: pool)) { _ = hand(failure: error) }
        }
    }

    /// The stages the input goes through, by its first bytes (and a decompressed input's).
    private func pipeline() throws(CSVReadError.Reason) -> any ByteProducer {
        let raw = DescriptorProducer(descriptor: descriptor, held: held)
        let first = try raw.hold(atLeast: InputEncoding.magicLength)
        let encoding = first.withUnsafeBytes { InputEncoding.detected(in: $0) }
        var text: any ByteProducer = raw
        switch encoding {
        case .gzip: text = try GzipInflater(raw)
        case .zstd: text = try ZstdDecompressor(raw)
        case .utf16, nil: break
        }
        state.withLock { $0.encoding = encoding }
        guard encoding == .gzip || encoding == .zstd else {
            return encoding == .utf16 ? try UTF16Transcoder(raw) : raw
        }
        // A decompressed input may be UTF-16 in turn.
        var start: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 12, alignment: 16)
        defer { chunk.deallocate() }
        while start.count < InputEncoding.magicLength {
            let read = try text.produce(into: chunk)
            if read == 0 { break }
            start += chunk[..<read]
        }
        text = PrefixedProducer(start, then: text)
        return start.withUnsafeBytes { InputEncoding.detected(in: $0) } == .utf16 ? try UTF16Transcoder(text) : text
    }

    /// The offset just past the last line feed of `bytes` before which the quotes are even in
    /// number; nil when there is none.
    private func lastRowEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard var lineFeed = lastLineFeed(bytes, before: bytes.count) else { return nil }
        var odd = quotes(UnsafeRawBufferPointer(rebasing: bytes[..<lineFeed])) % 2 == 1
        while odd {
            guard let earlier = lastLineFeed(bytes, before: lineFeed) else { return nil }
            if quotes(UnsafeRawBufferPointer(rebasing: bytes[earlier..<lineFeed])) % 2 == 1 { odd = false }
            lineFeed = earlier
        }
        return lineFeed + 1
    }

    /// The offset of the last line feed in `bytes` before `end`.
    private func lastLineFeed(_ bytes: UnsafeRawBufferPointer, before end: Int) -> Int? {
        var index = end - 1
        while index >= 0 {
            if bytes[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    /// How many quote bytes `bytes` holds.
    private func quotes(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard var at = bytes.baseAddress else { return 0 }
        let end = at + bytes.count
        var found = 0
        while at < end, let next = memchr(at, Int32(quote), end - at) {
            found += 1
            at = UnsafeRawPointer(next) + 1
        }
        return found
    }

    private func checkUnchanged() throws(CSVReadError.Reason) {
        guard let openedState else { return }
        var status = stat()
        guard fstat(descriptor, &status) == 0,
            [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)] == openedState
        else { throw .changedWhileRead }
    }

    /// Queues `block` for the reader, waiting for room; false when the reader has gone.
    private func hand(_ block: Block) -> Bool {
        enqueue(.success(block))
    }

    private func hand(failure: CSVReadError.Reason) -> Bool {
        enqueue(.failure(failure))
    }

    private func enqueue(_ item: Result<Block, CSVReadError.Reason>) -> Bool {
        free.wait()
        let queued = state.withLock { shared in
            guard !shared.cancelled else { return false }
            shared.queue.append(item)
            return true
        }
        if queued { filled.signal() }
        return queued
    }
}

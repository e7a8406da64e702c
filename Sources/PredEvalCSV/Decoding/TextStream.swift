/// Text a reader takes from memory rather than from a descriptor: a `DecodedStream`, or one
/// block of it (`BlockText`).
protocol TextStream: AnyObject {
    /// Copies the next bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int
    /// Copies the first bytes into `sample` without taking them; called before any read.
    func start(into sample: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int
}

/// One block of a decoded stream, read as a whole input (a part of `CSVStreamPlan`).
final class BlockText: TextStream {
    private let block: DecodedStream.Block
    private var position = 0
    /// The stream's first bytes, which the first block's start stands for (they may run past it).
    private let streamStart: [UInt8]?

    /// `block`, which is the stream's first when `streamStart` (the stream's first bytes) is given.
    init(_ block: DecodedStream.Block, streamStart: [UInt8]? = nil) {
        self.block = block
        self.streamStart = streamStart
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        let count = min(buffer.count, block.bytes.count - position)
        if count > 0 { buffer.baseAddress!.copyMemory(from: block.bytes.baseAddress! + position, byteCount: count) }
        position += count
        return count
    }

    /// The next at most `limit` bytes, lent (empty at the end).
    func take(upTo limit: Int) -> UnsafeRawBufferPointer {
        let count = min(limit, block.bytes.count - position)
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: block.bytes[position..<(position + count)])
    }

    /// The stream's first bytes for its first block (so that a part sees the start a sequential
    /// read sees), else the block's.
    func start(into sample: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        guard let streamStart else {
            let count = min(sample.count, block.bytes.count)
            if count > 0 { sample.baseAddress!.copyMemory(from: block.bytes.baseAddress!, byteCount: count) }
            return count
        }
        let count = min(sample.count, streamStart.count)
        streamStart.withUnsafeBytes { if count > 0 { sample.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) } }
        return count
    }
}

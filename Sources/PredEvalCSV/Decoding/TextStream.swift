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

    init(_ block: DecodedStream.Block) {
        self.block = block
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        let count = min(buffer.count, block.bytes.count - position)
        if count > 0 { buffer.baseAddress!.copyMemory(from: block.bytes.baseAddress! + position, byteCount: count) }
        position += count
        return count
    }

    func start(into sample: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        let count = min(sample.count, block.bytes.count)
        if count > 0 { sample.baseAddress!.copyMemory(from: block.bytes.baseAddress!, byteCount: count) }
        return count
    }
}

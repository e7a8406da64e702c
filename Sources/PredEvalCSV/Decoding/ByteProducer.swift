#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One stage of the decoding thread (`DecodedStream`): the raw input, a decompressor or a
/// transcoder, each pulling from the stage before it.
protocol ByteProducer: AnyObject {
    /// Fills the start of `buffer` with the next bytes of the stream; returns how many, 0 only at
    /// its end.
    func produce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int
}

/// The raw bytes of a descriptor, after `held` bytes already read from it (to look at them).
final class DescriptorProducer: ByteProducer {
    private let descriptor: Int32
    private var held: [UInt8]

    /// Reads `descriptor` (which the caller keeps open meanwhile), `held` first.
    init(descriptor: Int32, held: [UInt8] = []) {
        self.descriptor = descriptor
        self.held = held
    }

    func produce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        if !held.isEmpty {
            let count = min(held.count, buffer.count)
            held.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            held.removeFirst(count)
            return count
        }
        return try readOnce(into: buffer)
    }

    /// Reads until `held` holds `count` bytes or the input ends, and returns them.
    func hold(atLeast count: Int) throws(CSVReadError.Reason) -> [UInt8] {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { chunk.deallocate() }
        while held.count < count {
            let read = try readOnce(into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<(count - held.count)]))
            if read == 0 { break }
            held += chunk[..<read]
        }
        return held
    }

    private func readOnce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .readFailed(String(cString: strerror(errno)))
        }
    }
}

/// The bytes of `first` (already produced by `upstream`, to look at them), then the rest of
/// `upstream`.
final class PrefixedProducer: ByteProducer {
    private let upstream: any ByteProducer
    private var first: [UInt8]

    init(_ first: [UInt8], then upstream: any ByteProducer) {
        self.first = first
        self.upstream = upstream
    }

    func produce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        guard !first.isEmpty else { return try upstream.produce(into: buffer) }
        let count = min(first.count, buffer.count)
        first.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
        first.removeFirst(count)
        return count
    }
}

/// The input a decoder reads: a buffer refilled from the stage before it.
struct ProducerInput: ~Copyable {
    private let upstream: any ByteProducer
    private let storage: UnsafeMutableRawBufferPointer
    /// The bytes read and not yet taken.
    private(set) var available: UnsafeRawBufferPointer
    /// Whether the stage before has ended.
    private(set) var ended = false
    /// The bytes taken so far, for messages.
    private(set) var taken = 0

    init(_ upstream: any ByteProducer, capacity: Int = 1 << 17) {
        self.upstream = upstream
        storage = .allocate(byteCount: capacity, alignment: 16)
        available = UnsafeRawBufferPointer(start: storage.baseAddress, count: 0)
    }

    deinit { storage.deallocate() }

    /// Refills when nothing is available; returns false at the end of the input.
    mutating func refillIfEmpty() throws(CSVReadError.Reason) -> Bool {
        guard available.isEmpty else { return true }
        guard !ended else { return false }
        let count = try upstream.produce(into: storage)
        if count == 0 {
            ended = true
            return false
        }
        available = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[..<count])
        return true
    }

    /// Moves the available bytes' start past the first `count` (bytes a decoder consumed).
    mutating func take(_ count: Int) {
        available = UnsafeRawBufferPointer(rebasing: available[count...])
        taken += count
    }

    /// Keeps the available bytes and reads more after them (a decoder that needs a whole
    /// character or header); returns false at the end of the input.
    mutating func readMore() throws(CSVReadError.Reason) -> Bool {
        guard !ended else { return false }
        let kept = available.count
        if kept > 0 { storage.baseAddress!.copyMemory(from: available.baseAddress!, byteCount: kept) }
        let count = try upstream.produce(into: UnsafeMutableRawBufferPointer(rebasing: storage[kept...]))
        if count == 0 { ended = true }
        available = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(storage)[..<(kept + count)])
        return count > 0
    }
}

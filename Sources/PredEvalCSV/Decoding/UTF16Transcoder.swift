#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// UTF-16 text with a byte-order mark (Excel's "Unicode Text", PowerShell's files) transcoded to
/// UTF-8 with iconv, which reads the mark for the byte order and drops it.
final class UTF16Transcoder: ByteProducer {
    private var input: ProducerInput
    private let converter: iconv_t

    /// Transcodes what `upstream` produces, which starts with a UTF-16 byte-order mark.
    init(_ upstream: any ByteProducer) throws(CSVReadError.Reason) {
        input = ProducerInput(upstream)
        let opened = iconv_open("UTF-8", "UTF-16")
        guard let opened, opened != iconv_t(bitPattern: -1) else {
            throw .undecodable(.utf16, "iconv cannot convert UTF-16 to UTF-8 here: \(String(cString: strerror(errno)))")
        }
        converter = opened
    }

    deinit { iconv_close(converter) }

    /// Transcoded bytes that did not fit the caller's buffer, handed out first.
    private var spill: [UInt8] = []
    /// The least room iconv is given: one UTF-8 character (at most 4 bytes) must fit, or it makes
    /// no progress at all.
    private static let minimumRoom = 16

    func produce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        if !spill.isEmpty {
            let count = min(spill.count, buffer.count)
            spill.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            spill.removeFirst(count)
            return count
        }
        guard buffer.count < Self.minimumRoom else { return try transcode(into: buffer) }
        let room = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.minimumRoom, alignment: 16)
        defer { room.deallocate() }
        let made = try transcode(into: room)
        let count = min(made, buffer.count)
        if count > 0 { buffer.baseAddress!.copyMemory(from: room.baseAddress!, byteCount: count) }
        spill = Array(room[count..<made])
        return count
    }

    /// Transcodes into `buffer` (at least `minimumRoom` bytes); 0 at the end.
    private func transcode(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        while true {
            let more = try input.refillIfEmpty()
            if !more { return 0 }
            let available = input.available
            var source: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
                mutating: available.baseAddress!.assumingMemoryBound(to: CChar.self))
            var sourceLeft = available.count
            var target: UnsafeMutablePointer<CChar>? = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
            var targetLeft = buffer.count
            let result = iconv(converter, &source, &sourceLeft, &target, &targetLeft)
            let failure = result == -1 ? errno : 0
            input.take(available.count - sourceLeft)
            let produced = buffer.count - targetLeft
            switch failure {
            case 0, E2BIG:
                break
            case EINVAL:
                // A character cut at the end of what was read: read on after it.
                if produced > 0 { return produced }
                guard try input.readMore() else {
                    throw .undecodable(.utf16, "the text ends inside a character (at byte \(input.taken))")
                }
                continue
            default:
                // What came before the bad bytes first; iconv meets them again at the next call.
                if produced > 0 { return produced }
                throw .undecodable(.utf16, "the bytes at \(input.taken) are no UTF-16 character (a lone surrogate?)")
            }
            if produced > 0 { return produced }
        }
    }
}

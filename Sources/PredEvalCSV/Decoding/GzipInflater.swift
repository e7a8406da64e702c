internal import CZlib

/// gzip input inflated with zlib: every member of a multi-member file (`cat a.gz b.gz`, pigz,
/// bgzip) in turn, zero bytes after the last ignored (as gzip(1) does), anything else after a
/// member read as the next member (so that garbage is an error).
final class GzipInflater: ByteProducer {
    private var input: ProducerInput
    private let stream: UnsafeMutablePointer<z_stream>
    /// Whether the member being read has ended (and the next has not begun).
    private var betweenMembers = false
    /// The members ended so far.
    private var membersEnded = 0
    /// Whether the member being read has given bytes yet.
    private var memberProduced = false

    /// Inflates what `upstream` produces.
    init(_ upstream: any ByteProducer) throws(CSVReadError.Reason) {
        input = ProducerInput(upstream)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: a gzip wrapper, the largest window.
        guard predeval_inflate_init(stream, 15 + 16) == Z_OK else {
            stream.deallocate()
            throw .undecodable(.gzip, "zlib could not start (out of memory)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func produce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        while true {
            let more = try input.refillIfEmpty()
            if betweenMembers {
                input.take(input.available.prefix { $0 == 0 }.count)
                if input.available.isEmpty {
                    if more { continue }
                    return 0
                }
                inflateReset(stream)
                betweenMembers = false
                memberProduced = false
            }
            let available = input.available
            let room = min(buffer.count, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: available.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(available.count)
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            stream.pointee.avail_out = UInt32(room)
            let status = inflate(stream, Z_NO_FLUSH)
            input.take(available.count - Int(stream.pointee.avail_in))
            let produced = room - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END:
                betweenMembers = true
                membersEnded += 1
            default: throw .undecodable(.gzip, reason(status))
            }
            if produced > 0 {
                memberProduced = true
                return produced
            }
            // Input ended inside a member, with nothing more to give.
            if !more && !betweenMembers { throw .truncated(.gzip) }
        }
    }

    /// zlib's words for a failed inflate, with how far into the compressed input it came.
    private func reason(_ status: Int32) -> String {
        if membersEnded > 0 && !memberProduced && status == Z_DATA_ERROR {
            return "the bytes after the gzip data (at compressed byte \(input.taken)) are no gzip data"
        }
        let message = stream.pointee.msg.map { String(cString: $0) } ?? (status == Z_MEM_ERROR ? "out of memory" : "error \(status)")
        return "\(message) (after \(input.taken) compressed bytes)"
    }
}

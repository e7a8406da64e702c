internal import CZstd

/// zstd input decompressed with libzstd: every frame in turn (skippable frames skipped), frames
/// needing a window of up to libzstd's default limit (128 MiB).
final class ZstdDecompressor: ByteProducer {
    private var input: ProducerInput
    private let stream: OpaquePointer
    /// libzstd's last answer to some input or output: 0 when a frame has just ended (the input
    /// may end there).
    private var frameLeft = 0

    /// Decompresses what `upstream` produces.
    init(_ upstream: any ByteProducer) throws(CSVReadError.Reason) {
        input = ProducerInput(upstream)
        guard let created = ZSTD_createDStream() else { throw .undecodable(.zstd, "libzstd could not start (out of memory)") }
        stream = created
        ZSTD_initDStream(stream)
    }

    deinit { ZSTD_freeDStream(stream) }

    func produce(into buffer: UnsafeMutableRawBufferPointer) throws(CSVReadError.Reason) -> Int {
        while true {
            let more = try input.refillIfEmpty()
            let available = input.available
            var source = ZSTD_inBuffer(src: available.baseAddress, size: available.count, pos: 0)
            var target = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
            let result = ZSTD_decompressStream(stream, &target, &source)
            input.take(source.pos)
            if ZSTD_isError(result) != 0 {
                throw .undecodable(.zstd, String(cString: ZSTD_getErrorName(result)))
            }
            // With nothing given and nothing made, libzstd answers the next frame's header size.
            if source.pos > 0 || target.pos > 0 { frameLeft = result }
            if target.pos > 0 { return target.pos }
            if !more {
                // Nothing left to read, nothing more to flush.
                if frameLeft != 0 { throw .truncated(.zstd) }
                return 0
            }
        }
    }
}

import PredEvalCore

internal import Dispatch
internal import Synchronization

/// An input that is read as a stream — standard input, a pipe, a gzip, zstd or UTF-16 file —
/// parsed in blocks on several threads while its own thread reads (and decodes) the blocks
/// ahead, with results identical to one sequential read.
///
/// The stream's blocks end where rows end (`DecodedStream`); each is parsed by its own libcsv
/// parser into its own partial result, and the partials are merged in input order as they
/// complete, so memory holds a few blocks and partials, never the input. A block that could not
/// be cut at a row (a quoted field of many lines), or the bytes before a decoding failure, and
/// everything after, are read by one parser in order, as a sequential read would.
public struct CSVStreamPlan: ~Copyable {
    private let source: ByteSource
    private let stream: DecodedStream
    private let configuration: CSVReaderConfiguration
    private let parts: Int

    /// The size of a block, unless told otherwise: 1 MiB.
    public static let defaultBlockBytes = DecodedStream.defaultBlockBytes

    /// A plan to read `path` in blocks of about `blockBytes` on `parts` threads.
    ///
    /// Nil when the input is a plain regular file (`CSVReadPlan` splits those), `parts` is 1,
    /// quotes are read leniently (a stray quote makes counting quotes no guide to where rows end),
    /// or the input cannot be opened (the sequential read then reports why).
    ///
    /// - Parameters:
    ///   - path: the file, or `-` for standard input.
    ///   - configuration: how to read it.
    ///   - parts: the most blocks parsed at a time.
    ///   - blockBytes: the size a block is filled to before it is cut at a row's end.
    public init?(path: String, configuration: CSVReaderConfiguration, parts: Int, blockBytes: Int = defaultBlockBytes) {
        guard parts > 1, !configuration.lenientQuotes,
            let source = try? ByteSource(
                path: path, cutsAtRows: true, quote: configuration.dialect.quote, blockBytes: blockBytes),
            let stream = source.stream
        else { return nil }
        self.stream = stream
        self.source = source
        self.configuration = configuration
        self.parts = parts
    }

    /// Reads the whole input: each block's rows are counted by `consume` into a partial result
    /// that `makePartial` starts (once the layout is known), and the partials are merged with
    /// `merge` in input order.
    ///
    /// - Parameters:
    ///   - onLayout: called once with the layout, before any partial is made.
    ///   - makePartial: makes an empty partial result.
    ///   - consume: counts a batch (lent for the call only) into a partial result.
    ///   - merge: adds a later partial result into the merged one.
    /// - Returns: the merged result, and the summary of the whole read.
    /// - Throws: the first error in input order — a `CSVReadError`, or what `onLayout` or
    ///   `consume` threw — with its line as in a sequential read (a `LineNumbered` error's).
    public consuming func read<Partial: Sendable>(
        onLayout: (RowLayout) throws -> Void,
        makePartial: @escaping @Sendable () -> Partial,
        consume: @escaping @Sendable (inout Partial, borrowing RowBatch) throws -> Void,
        merge: @escaping (inout Partial, consuming Partial) -> Void
    ) throws -> (Partial, CSVReadSummary) {
        let file = source.displayName
        func failure(_ reason: CSVReadError.Reason) -> CSVReadError { CSVReadError(file: file, reason: reason) }
        // The first block tells the layout; without one there (an error, a header longer than a
        // block, a block not cut at a row), the whole input is read in order.
        // The input's start as a sequential read looks at it (it may span blocks).
        let start = UnsafeMutableRawBufferPointer.allocate(byteCount: FileStart.sampleLimit, alignment: 16)
        defer { start.deallocate() }
        let streamStart: [UInt8]
        do throws(CSVReadError.Reason) { streamStart = Array(start[..<(try stream.start(into: start))]) } catch {
            throw failure(error)
        }
        let first: DecodedStream.Block?
        do throws(CSVReadError.Reason) { first = try stream.next() } catch { throw failure(error) }
        guard let first, first.endsAtRow,
            let layout = try? CSVRowReader(
                source: ByteSource(block: first, displayName: file, streamStart: streamStart), configuration: configuration,
                startOffset: 0, layout: nil
            ).readLayout(limit: first.bytes.count)
        else {
            if let first { stream.giveBack(first) }
            return try readInOrder(onLayout: onLayout, makePartial: makePartial, consume: consume)
        }
        try onLayout(layout)
        var later = configuration
        later.dialect.delimiter = layout.delimiter
        later.dialect.sniffsDelimiter = false
        let blockReading = BlockReading(
            file: file, first: configuration, later: later, layout: layout, streamStart: streamStart, makePartial: makePartial,
            consume: consume)
        var merged = OrderedMerge<Partial>(layout: layout, merge: merge)
        let running = DispatchGroup()
        // Made at 0 and signalled up: libdispatch traps when a semaphore goes away below the value
        // it was made with.
        let slots = DispatchSemaphore(value: 0)
        for _ in 0..<parts { slots.signal() }
        let finished = Mutex<[Int: (Partial, SegmentOutcome)]>([:])
        var block: DecodedStream.Block? = first
        var index = 0
        defer { running.wait() }
        func takeFinished() -> [Int: (Partial, SegmentOutcome)] {
            finished.withLock { results in
                defer { results.removeAll() }
                return results
            }
        }
        while let current = block {
            guard current.endsAtRow else {
                // From here on the input is read in order, after every block before is merged.
                running.wait()
                try merged.add(takeFinished())
                stream.giveBack(current)
                var partial = makePartial()
                let reader = try CSVRowReader(
                    source: ByteSource(stream: stream, displayName: file), configuration: later, startOffset: current.offset,
                    layout: layout)
                let outcome = reader.readSegment(endingAt: nil) { try consume(&partial, $0) }
                try merged.add([index: (partial, outcome)])
                return try merged.finish(file: file)
            }
            slots.wait()
            try merged.add(takeFinished())
            let blockIndex = index
            running.enter()
            DispatchQueue.global().async {
                let result = blockReading.read(current, index: blockIndex)
                finished.withLock { $0[blockIndex] = result }
                slots.signal()
                running.leave()
            }
            index += 1
            if current.isLast { break }
            do throws(CSVReadError.Reason) { block = try stream.next() } catch {
                running.wait()
                try merged.add(takeFinished())
                throw merged.placed(failure(error))
            }
        }
        running.wait()
        try merged.add(takeFinished())
        return try merged.finish(file: file)
    }

    /// Reads the whole stream in order with one parser (`first`, which holds the start, given
    /// back to the stream).
    private func readInOrder<Partial>(
        onLayout: (RowLayout) throws -> Void, makePartial: () -> Partial,
        consume: (inout Partial, borrowing RowBatch) throws -> Void
    ) throws -> (Partial, CSVReadSummary) {
        var partial: Partial?
        let reader = try CSVRowReader(
            source: ByteSource(stream: stream, displayName: source.displayName), configuration: configuration,
            startOffset: 0, layout: nil)
        let summary = try reader.read(
            onLayout: { layout in
                try onLayout(layout)
                partial = makePartial()
            },
            { batch in try consume(&partial!, batch) })
        return (partial!, summary)
    }
}

/// How each block of a stream is read: its own parser, from the block's offset.
private struct BlockReading<Partial: Sendable>: Sendable {
    let file: String
    /// The configuration of the first block, which holds the header.
    let first: CSVReaderConfiguration
    /// The configuration of the others: the first block's delimiter.
    let later: CSVReaderConfiguration
    let layout: RowLayout
    /// The stream's first bytes, which the first block's reader looks at.
    let streamStart: [UInt8]
    let makePartial: @Sendable () -> Partial
    let consume: @Sendable (inout Partial, borrowing RowBatch) throws -> Void

    func read(_ block: DecodedStream.Block, index: Int) -> (Partial, SegmentOutcome) {
        var partial = makePartial()
        let outcome: SegmentOutcome
        do {
            let reader = try CSVRowReader(
                source: ByteSource(block: block, displayName: file, streamStart: index == 0 ? streamStart : nil),
                configuration: index == 0 ? first : later,
                startOffset: block.offset, layout: index == 0 ? nil : layout)
            outcome = reader.readSegment(endingAt: block.isLast ? nil : block.offset + block.bytes.count) {
                try consume(&partial, $0)
            }
        } catch {
            outcome = SegmentOutcome(rowsRead: 0, rowsSkipped: 0, firstSkippedLines: [], lineCount: 0, ranToEnd: true, failure: error)
        }
        return (partial, outcome)
    }
}

/// Partial results merged in input order as they come in (in any order), with the row counts
/// and line numbers of the blocks before each.
private struct OrderedMerge<Partial> {
    private var merged: Partial?
    private var waiting: [Int: (Partial, SegmentOutcome)] = [:]
    private var next = 0
    private var summary: CSVReadSummary
    private var lineOffset = 0
    private let merge: (inout Partial, consuming Partial) -> Void

    init(layout: RowLayout, merge: @escaping (inout Partial, consuming Partial) -> Void) {
        self.merge = merge
        summary = CSVReadSummary(
            header: layout.header, columnIndices: layout.columnIndices, columnSets: layout.columnSets, rowsRead: 0,
            rowsSkipped: 0, firstSkippedLines: [])
    }

    /// Takes finished blocks' results and merges those whose turn has come; throws the first
    /// failure in input order.
    mutating func add(_ results: [Int: (Partial, SegmentOutcome)]) throws {
        waiting.merge(results) { first, _ in first }
        while let (partial, outcome) = waiting.removeValue(forKey: next) {
            next += 1
            try add(partial, outcome)
        }
    }

    /// `error` with its line moved past the blocks merged so far.
    func placed(_ error: CSVReadError) -> CSVReadError {
        CSVReadError(file: error.file, line: error.line.map { $0 + lineOffset } ?? lineOffset + 1, reason: error.reason)
    }

    /// The merged result of every block.
    func finish(file: String) throws -> (Partial, CSVReadSummary) {
        guard let merged, summary.rowsRead > 0 else { throw CSVReadError(file: file, reason: .noDataRows) }
        return (merged, summary)
    }

    private mutating func add(_ partial: Partial, _ outcome: SegmentOutcome) throws {
        if let failure = outcome.failure {
            throw (failure as? any LineNumbered)?.movedDown(by: lineOffset) ?? failure
        }
        if merged == nil { merged = partial } else { merge(&merged!, partial) }
        summary.rowsRead += outcome.rowsRead
        summary.rowsSkipped += outcome.rowsSkipped
        summary.firstSkippedLines += outcome.firstSkippedLines.prefix(5 - summary.firstSkippedLines.count).map { $0 + lineOffset }
        lineOffset += outcome.lineCount
    }
}

import PredEvalCore

internal import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file cut at line breaks into segments that are read at the same time, each by its own
/// libcsv parser on its own thread, with results identical to one sequential read.
///
/// A cut may fall inside a quoted field that holds a line break. The reader of the segment
/// before it then is not at the start of a row when it reaches the cut; it reads on to the end of
/// the file instead, as a sequential read would, and the segments after the cut are discarded.
public struct CSVReadPlan: Sendable {
    /// The file to read.
    public let path: String
    /// How to read it.
    public let configuration: CSVReaderConfiguration
    /// The byte offset at which each segment starts; the first is 0.
    public let segmentStarts: [Int]
    /// Where the columns are, from the header (or the first row).
    public let layout: RowLayout
    /// The file's size when the plan was made: a file that changes meanwhile is an error.
    let fileSize: Int

    /// How far past a planned cut a line break is looked for before that cut is dropped.
    private static let lineBreakSearchLimit = 1 << 20

    /// A plan to read `path` in at most `parts` segments of at least `minimumSegmentBytes` each.
    ///
    /// Nil when the input is not worth or not able to be split: standard input or another
    /// non-regular file, a compressed or UTF-16 file (`CSVStreamPlan` reads those), a file too small for two segments, no line break near the cuts, or a
    /// header that cannot be read (the sequential read then reports why).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - configuration: how to read it.
    ///   - parts: the most segments (threads).
    ///   - minimumSegmentBytes: the fewest bytes a segment may have.
    public init?(path: String, configuration: CSVReaderConfiguration, parts: Int, minimumSegmentBytes: Int = 8 << 20) {
        guard path != "-", parts > 1, let size = ByteSource.regularFileSize(atPath: path),
            !ByteSource.isEncodedFile(atPath: path), let source = try? ByteSource(path: path)
        else { return nil }
        let count = min(parts, size / max(minimumSegmentBytes, 1))
        guard count > 1 else { return nil }
        guard let reader = try? CSVRowReader(path: path, configuration: configuration),
            let layout = reader.readLayout(limit: Self.lineBreakSearchLimit)
        else { return nil }
        var starts = [0]
        for part in 1..<count {
            guard let cut = Self.lineStart(in: source, atOrAfter: size / count * part, size: size),
                cut > starts.last!, cut < size
            else { continue }
            starts.append(cut)
        }
        guard starts.count > 1 else { return nil }
        self.path = path
        var configuration = configuration
        // Every part reads with the delimiter the start of the file gave.
        configuration.dialect.delimiter = layout.delimiter
        configuration.dialect.sniffsDelimiter = false
        self.configuration = configuration
        self.segmentStarts = starts
        self.fileSize = size
        self.layout = layout
    }

    /// Reads every segment on its own thread. Each starts with `makePartial(segmentIndex)` and
    /// passes it, with each batch of rows, to `consume`. Returns the partial results of the
    /// segments that counted, in file order (merge them in that order for first-seen order), and
    /// the summary of the whole read.
    ///
    /// - Parameters:
    ///   - makePartial: makes the empty partial result of a segment, given its index.
    ///   - consume: counts a batch (lent for the call only) into a segment's partial result.
    /// - Returns: the partial results in file order, and the summary of the whole read.
    /// - Throws: the first error in file order — a `CSVReadError`, or what `consume` threw (which
    ///   stops its segment) — with its line as in a sequential read (a `LineNumbered` error's).
    public func read<Partial: Sendable>(
        makePartial: @Sendable (Int) -> Partial, consume: @Sendable (inout Partial, borrowing RowBatch) throws -> Void
    ) throws -> (partials: [Partial], summary: CSVReadSummary) {
        let slots = SegmentSlots<Partial>(count: segmentStarts.count)
        DispatchQueue.concurrentPerform(iterations: segmentStarts.count) { index in
            slots.results[index] = readSegment(index, makePartial: makePartial, consume: consume)
        }
        // Parts opened after a change agree with each other, not with the cuts: compare the size.
        guard ByteSource.regularFileSize(atPath: path) == fileSize else {
            throw CSVReadError(file: path, reason: .changedWhileRead)
        }
        var partials: [Partial] = []
        var summary = CSVReadSummary(
            header: layout.header, columnIndices: layout.columnIndices, columnSets: layout.columnSets, rowsRead: 0, rowsSkipped: 0,
            firstSkippedLines: [])
        var lineOffset = 0
        for case let (partial, outcome)? in slots.results {
            if let failure = outcome.failure {
                throw (failure as? any LineNumbered)?.movedDown(by: lineOffset) ?? failure
            }
            partials.append(partial)
            summary.rowsRead += outcome.rowsRead
            summary.rowsSkipped += outcome.rowsSkipped
            summary.firstSkippedLines += outcome.firstSkippedLines.prefix(5 - summary.firstSkippedLines.count)
                .map { $0 + lineOffset }
            lineOffset += outcome.lineCount
            if outcome.ranToEnd { break }
        }
        guard summary.rowsRead > 0 else { throw CSVReadError(file: path, reason: .noDataRows) }
        return (partials, summary)
    }

    // MARK: Private

    private func readSegment<Partial>(
        _ index: Int, makePartial: (Int) -> Partial, consume: (inout Partial, borrowing RowBatch) throws -> Void
    ) -> (Partial, SegmentOutcome) {
        var partial = makePartial(index)
        let end = index + 1 < segmentStarts.count ? segmentStarts[index + 1] : nil
        let outcome: SegmentOutcome
        do {
            let reader = try CSVRowReader(
                path: path, configuration: configuration, startOffset: segmentStarts[index],
                layout: index == 0 ? nil : layout)
            outcome = reader.readSegment(endingAt: end) { try consume(&partial, $0) }
        } catch {
            outcome = SegmentOutcome(
                rowsRead: 0, rowsSkipped: 0, firstSkippedLines: [], lineCount: 0, ranToEnd: true, failure: error)
        }
        return (partial, outcome)
    }

    /// The offset just past the first line feed at or after `offset`, if one is near.
    private static func lineStart(in source: borrowing ByteSource, atOrAfter offset: Int, size: Int) -> Int? {
        let window = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { window.deallocate() }
        var position = offset
        while position < min(size, offset + lineBreakSearchLimit) {
            guard let count = try? source.read(into: window, at: position), count > 0 else { return nil }
            if let found = memchr(window.baseAddress!, 0x0A, count) {
                return position + UnsafeRawPointer(window.baseAddress!).distance(to: UnsafeRawPointer(found)) + 1
            }
            position += count
        }
        return nil
    }
}

/// An error that names a line, which a segment counts from its own start: the plan moves it
/// down by the lines of the segments before.
public protocol LineNumbered: Error {
    /// The same error `lines` further down the file.
    ///
    /// - Parameter lines: the lines before the segment the error was found in.
    /// - Returns: the error with its line (if it has one) moved.
    func movedDown(by lines: Int) -> any Error
}

extension CSVReadError: LineNumbered {
    /// The same error `lines` further down the file.
    ///
    /// - Parameter lines: the lines before the segment the error was found in.
    /// - Returns: the error with its line (if it has one) moved.
    public func movedDown(by lines: Int) -> any Error {
        CSVReadError(file: file, line: line.map { $0 + lines }, reason: reason)
    }
}

/// One result place per segment, each written only by the thread that reads that segment and
/// read only after all of them have finished: what makes sharing it across threads safe.
private struct SegmentSlots<Partial>: ~Copyable, @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<(Partial, SegmentOutcome)?>

    init(count: Int) {
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }
}

extension CSVReadPlan {
    /// The processor cores this process may run on: the default number of parts.
    public static var availableCores: Int {
        max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    }
}

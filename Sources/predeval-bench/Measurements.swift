import CLibCSV
import PredEval
import PredEvalCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What is timed on each file, from the bare parser up to the whole evaluation.
enum Stage: String, CaseIterable {
    /// libcsv alone with empty callbacks, one core: the floor of a libcsv design.
    case floor = "libcsv floor (1 core)"
    /// predeval's reader handing over the two label columns, one core, nothing done with them.
    case reader = "reader (1 core)"
    /// The whole evaluation in one sequential pass.
    case sequential = "evaluation, 1 thread"
    /// The whole evaluation, the file read in parts on every core.
    case parallel = "evaluation, all cores"

    /// Runs the stage over `path` once; returns the rows it saw.
    func run(_ file: BenchmarkFile, path: String, threads: Int) throws -> Int {
        switch self {
        case .floor: return libcsvFloor(path)
        case .reader:
            let configuration =
                file == .scores
                ? CSVReaderConfiguration(columns: [.name("actual")], columnSets: [.glob("p_*")])
                : CSVReaderConfiguration(columns: Self.columns)
            var rows = 0
            _ = try CSVRowReader(path: path, configuration: configuration).read { rows += $0.rowCount }
            return rows
        case .sequential, .parallel:
            var options = EvaluationOptions()
            options.actual = .name("actual")
            if file == .scores { options.scores = .glob("p_*") } else { options.predicted = .name("predicted") }
            options.mode = file.isMultiLabel ? .multiLabel(separator: "|") : .singleLabel
            options.zeroDivision = .zero
            options.threads = self == .parallel ? threads : 1
            return try Evaluator(options).evaluate(file: path).rows
        }
    }

    private static let columns: [ColumnSelector] = [.name("actual"), .name("predicted")]
}

/// libcsv over the whole file with callbacks that do nothing but count rows, as a C program would.
func libcsvFloor(_ path: String) -> Int {
    var parser = csv_parser()
    _ = csv_init(&parser, 0)
    defer { csv_free(&parser) }
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { fatalError("cannot open \(path)") }
    defer { close(descriptor) }
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var rows = 0
    while true {
        let count = read(descriptor, buffer, 1 << 20)
        guard count > 0 else { break }
        csv_parse(&parser, buffer, count, emptyFieldCallback, countingRowCallback, &rows)
    }
    csv_fini(&parser, emptyFieldCallback, countingRowCallback, &rows)
    return rows - 1  // the header
}

private func emptyFieldCallback(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {}

private func countingRowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: Int.self).pointee += 1
}
